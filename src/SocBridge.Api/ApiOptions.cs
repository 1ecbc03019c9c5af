namespace SocBridge.Api;

/// <summary>
/// Settings of the HTTP API, bound from the <c>Api</c> configuration section (appsettings, environment
/// variables such as <c>Api__RateLimit__Enabled=true</c>, or command-line arguments).
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Load the release from this folder instead of the one built into SocBridge.Core.</summary>
    public string? ReleaseDirectory { get; set; }

    /// <summary>max-age of the Cache-Control header on successful GET responses.</summary>
    public int CacheMaxAgeSeconds { get; set; } = 3600;

    /// <summary>Memory for serialised responses kept per release (they never change); 0 turns the cache off.</summary>
    public int ResponseCacheMegabytes { get; set; } = 64;

    /// <summary>A request still running after this long is cancelled and answered with 503.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Largest request body accepted (the apportionment endpoint is the only one that reads a body).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests handled at once by this instance; more are shed with 503 and Retry-After. 0 means no limit.</summary>
    public int MaxConcurrentRequests { get; set; } = 1024;

    /// <summary>
    /// Take the client address from X-Forwarded-For. Only for instances that can be reached solely through
    /// a trusted load balancer or reverse proxy: otherwise a client can choose its own rate-limit partition.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>Coding requests computed at once (a cached title does not count); others wait up to 5 s, then get 503.</summary>
    public int MaxConcurrentCoding { get; set; } = Environment.ProcessorCount;

    /// <summary>Most titles in one <c>POST /v1/code</c> request.</summary>
    public int MaxTitlesPerRequest { get; set; } = 1000;

    /// <summary>Build the free-text coder at start-up (in the background) rather than on the first /v1/code request.</summary>
    public bool PrepareCoderAtStart { get; set; } = true;

    public RateLimitSettings RateLimit { get; set; } = new();

    public ApportionLimits Apportion { get; set; } = new();
}

/// <summary>A token bucket per client address. On by default; turn it off with <c>Api__RateLimit__Enabled=false</c>.</summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Tokens added per second for each client.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Most tokens a client can save up, i.e. the largest burst answered at once.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>Requests a client may have waiting for a token; beyond that they get 429.</summary>
    public int QueueLimit { get; set; }
}

/// <summary>Bounds on one <c>POST /v1/apportion</c> request.</summary>
public sealed class ApportionLimits
{
    public int MaxRows { get; set; } = 10_000;
    public int MaxDimensions { get; set; } = 8;
    public int MaxValueColumns { get; set; } = 16;
}
