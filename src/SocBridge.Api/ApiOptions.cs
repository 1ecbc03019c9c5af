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

    /// <summary>
    /// Folder of the trained coding models, checked by SHA-256 and rebuilt when missing or corrupt (null: the
    /// default model cache, $SOCBRIDGE_MODEL_CACHE or the user's cache folder).
    /// </summary>
    public string? ModelCache { get; set; }

    /// <summary>max-age of the Cache-Control header on successful GET responses.</summary>
    public int CacheMaxAgeSeconds { get; set; } = 3600;

    /// <summary>Memory for serialised responses kept per release (they never change); 0 turns the cache off.</summary>
    public int ResponseCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// A request still running after this long is cancelled and answered with 503 (or, when its answer had
    /// already begun, the connection is closed: a body is never followed by a second one).
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>A request body arriving slower than this (after <see cref="RequestBodyGraceSeconds"/>) is answered with 408.</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a request body may take to reach <see cref="MinRequestBodyBytesPerSecond"/> (at least 2 s: Kestrel checks rates once a second).</summary>
    public int RequestBodyGraceSeconds { get; set; } = 5;

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

    /// <summary>
    /// Build every model (search index, free-text coder, audit page) at start-up; <c>/health/ready</c> answers 503
    /// until they are built. When false they are built on first use (still never inside the request: a request
    /// waits for them up to 5 s, then gets 503 with Retry-After) and readiness does not wait for them.
    /// </summary>
    public bool WarmUpAtStart { get; set; } = true;

    /// <summary>The SOC edition of the compatibility routes that do not name one (<c>/soc/…</c>, <c>/api/v1/soc/…</c>): 2010 or 2020.</summary>
    public int CompatibilityEdition { get; set; } = 2010;

    public CorsSettings Cors { get; set; } = new();

    public CompressionSettings Compression { get; set; } = new();

    public RateLimitSettings RateLimit { get; set; } = new();

    public ApportionLimits Apportion { get; set; } = new();
}

/// <summary>
/// Cross-origin access from browsers. Origins are full origins (<c>https://jobs.example.org</c>) separated by
/// ';' or ',', or <c>*</c> for any origin. No credentials are ever allowed (the API has no authentication).
/// </summary>
public sealed class CorsSettings
{
    /// <summary>Origins allowed to call the read-only GET endpoints (default: any).</summary>
    public string Origins { get; set; } = "*";

    /// <summary>Origins allowed to call the POST endpoints (/v1/code, /v1/apportion); default: none.</summary>
    public string PostOrigins { get; set; } = "";

    /// <summary>How long a browser may keep a preflight answer.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 3600;
}

/// <summary>Brotli and gzip compression of JSON, problem details and HTML answers.</summary>
public sealed class CompressionSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Compress over HTTPS too. Safe here: answers hold no secrets and echo no cookies or tokens, so the
    /// BREACH/CRIME attacks that make ASP.NET Core default this off have nothing to recover.
    /// </summary>
    public bool Https { get; set; } = true;
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
