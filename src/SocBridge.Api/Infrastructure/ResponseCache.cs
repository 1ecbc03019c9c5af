using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SocBridge.Core.Release;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// A serialised JSON answer with its validators. The ETag is the release id and a hash of the body, so
/// every instance serving the same release gives the same ETag for the same answer.
/// </summary>
public sealed class CachedJson
{
    public CachedJson(byte[] body, string releaseId, StringValues cacheControl)
    {
        Body = body;
        var hash = Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8));
        ETag = $"\"{releaseId}-{hash}\"";
        ETagHeader = ETag;
        CacheControl = cacheControl;
    }

    public byte[] Body { get; }

    /// <summary>The strong entity tag, quotes included.</summary>
    public string ETag { get; }

    public StringValues ETagHeader { get; }

    public StringValues CacheControl { get; }
}

/// <summary>
/// Answers of one release, serialised once and kept: the release is immutable, so an answer never goes
/// stale while the process runs. Bounded by size; the least used answers are dropped first.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly string _releaseId;

    public ResponseCache(SocRelease release, IOptions<ApiOptions> options)
    {
        var o = options.Value;
        _releaseId = release.ReleaseId;
        CacheControl = $"public, max-age={o.CacheMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}";
        if (o.ResponseCacheMegabytes > 0)
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = o.ResponseCacheMegabytes * 1024L * 1024L, CompactionPercentage = 0.2 });
    }

    public StringValues CacheControl { get; }

    public bool Enabled => _cache is not null;

    /// <summary>The answer for <paramref name="key"/>, built with <paramref name="build"/> when not yet kept.</summary>
    public CachedJson GetOrAdd<TState>(string key, TState state, Func<TState, byte[]> build) =>
        TryGet(key, out var hit) ? hit : Add(key, build(state));

    public bool TryGet(string key, out CachedJson response)
    {
        if (_cache is not null && _cache.TryGetValue(key, out var found) && found is CachedJson hit)
        {
            response = hit;
            return true;
        }
        response = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="body"/> as the answer for <paramref name="key"/> and returns it.</summary>
    public CachedJson Add(string key, byte[] body)
    {
        var response = Create(body);
        _cache?.Set(key, response, new MemoryCacheEntryOptions { Size = response.Body.Length + key.Length * 2 + 200 });
        return response;
    }

    public CachedJson Create(byte[] body) => new(body, _releaseId, CacheControl);

    public void Dispose() => _cache?.Dispose();
}

/// <summary>Writes a cached answer, or 304 Not Modified when the client's If-None-Match names its ETag.</summary>
public sealed class CachedJsonResult(CachedJson response) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public CachedJson Response { get; } = response;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.Headers.ETag = Response.ETagHeader;
        http.Headers.CacheControl = Response.CacheControl;
        if (Matches(httpContext.Request.Headers.IfNoneMatch, Response.ETag))
        {
            http.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = ContentType;
        http.ContentLength = Response.Body.Length;
        if (HttpMethods.IsHead(httpContext.Request.Method)) return Task.CompletedTask;
        return http.Body.WriteAsync(Response.Body, httpContext.RequestAborted).AsTask();
    }

    /// <summary>If-None-Match uses weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; * matches anything.</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch)) return false;
        foreach (var header in ifNoneMatch)
        {
            if (header is null) continue;
            foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (part == "*") return true;
                var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (string.Equals(tag, etag, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }
}
