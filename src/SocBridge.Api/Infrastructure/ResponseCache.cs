using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SocBridge.Core.Release;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// A serialised answer with its validators and, made once on first demand, its Brotli and gzip encodings.
/// The ETag is the release id and a hash of the body, so every instance serving the same release gives the
/// same ETag for the same answer; an encoded variant carries the same tag with "-br" or "-gzip" appended
/// (a strong ETag names one representation). An answer that is kept is encoded at the optimal level, since
/// the cost is paid once; an answer made for one request only (the response cache off) is
/// encoded at the fastest level, since the encoding is used once.
/// </summary>
internal sealed class CachedJson
{
    /// <summary>Bodies smaller than this are sent as they are: compression would save next to nothing.</summary>
    public const int MinimumCompressedBytes = 512;

    private readonly CompressionLevel _level;
    private byte[]? _brotli;
    private byte[]? _gzip;

    public CachedJson(byte[] body, string releaseId, StringValues cacheControl, bool compress, string contentType = CachedJsonResult.ContentType, bool kept = true)
    {
        _level = kept ? CompressionLevel.Optimal : CompressionLevel.Fastest;
        Body = body;
        var hash = Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8));
        ETag = $"\"{releaseId}-{hash}\"";
        ETagHeader = ETag;
        // An encoding made for one request is at the fastest level, so its bytes differ from the kept one's: its tag is weak.
        var weak = kept ? "" : "W/";
        BrotliETag = $"{weak}\"{releaseId}-{hash}-br\"";
        GzipETag = $"{weak}\"{releaseId}-{hash}-gzip\"";
        CacheControl = cacheControl;
        Compress = compress && body.Length >= MinimumCompressedBytes;
        ContentType = contentType;
    }

    public byte[] Body { get; }

    /// <summary>The strong entity tag of the identity encoding, quotes included.</summary>
    public string ETag { get; }

    public StringValues ETagHeader { get; }

    public StringValues BrotliETag { get; }

    public StringValues GzipETag { get; }

    public StringValues CacheControl { get; }

    public StringValues ContentType { get; }

    /// <summary>Whether encoded variants are offered.</summary>
    public bool Compress { get; }

    /// <summary>The Brotli encoding (made once; a race makes it twice, harmlessly).</summary>
    public byte[] Brotli => _brotli ??= Encode(Body, _level, static (s, level) => new BrotliStream(s, level, leaveOpen: true));

    public byte[] Gzip => _gzip ??= Encode(Body, _level, static (s, level) => new GZipStream(s, level, leaveOpen: true));

    /// <summary>Encodes both variants now, so that the first compressed request does not pay for it.</summary>
    public CachedJson Precompress()
    {
        if (Compress)
        {
            _ = Brotli;
            _ = Gzip;
        }
        return this;
    }

    private static byte[] Encode(byte[] body, CompressionLevel level, Func<Stream, CompressionLevel, Stream> encoder)
    {
        using var output = new MemoryStream(body.Length / 4 + 64);
        using (var stream = encoder(output, level)) stream.Write(body);
        return output.ToArray();
    }
}

/// <summary>
/// Answers of one release, serialised once and kept: the release is immutable, so an answer never goes
/// stale while the process runs. Bounded by size; the least used answers are dropped first.
/// </summary>
internal sealed class ResponseCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly string _releaseId;
    private readonly bool _compress;

    public ResponseCache(SocRelease release, IOptions<ApiOptions> options)
    {
        var o = options.Value;
        _releaseId = release.ReleaseId;
        _compress = o.Compression.Enabled;
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
        var response = new CachedJson(body, _releaseId, CacheControl, _compress, kept: _cache is not null);
        // The encoded variants, made on demand, are about a fifth of the body together.
        _cache?.Set(key, response, new MemoryCacheEntryOptions { Size = response.Body.Length * 6 / 5 + key.Length * 2 + 200 });
        return response;
    }

    public CachedJson Create(byte[] body, string contentType = CachedJsonResult.ContentType) => new(body, _releaseId, CacheControl, _compress, contentType);

    public void Dispose() => _cache?.Dispose();
}

/// <summary>
/// Writes a cached answer in the encoding the client prefers (Brotli, then gzip, then none), or 304 Not
/// Modified when the client's If-None-Match names its ETag.
/// </summary>
internal sealed class CachedJsonResult(CachedJson response) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly StringValues VaryAcceptEncoding = "Accept-Encoding";
    private static readonly StringValues BrotliName = "br";
    private static readonly StringValues GzipName = "gzip";

    public CachedJson Response { get; } = response;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        var cached = Response;
        var encoding = cached.Compress ? AcceptEncoding.Choose(httpContext.Request.Headers.AcceptEncoding) : ContentEncoding.Identity;
        if (cached.Compress) http.Headers.Vary = VaryAcceptEncoding;
        http.Headers.ETag = encoding switch
        {
            ContentEncoding.Brotli => cached.BrotliETag,
            ContentEncoding.Gzip => cached.GzipETag,
            _ => cached.ETagHeader,
        };
        http.Headers.CacheControl = cached.CacheControl;
        if (Matches(httpContext.Request.Headers.IfNoneMatch, cached.ETag))
        {
            http.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        var body = encoding switch
        {
            ContentEncoding.Brotli => cached.Brotli,
            ContentEncoding.Gzip => cached.Gzip,
            _ => cached.Body,
        };
        if (encoding != ContentEncoding.Identity) http.Headers.ContentEncoding = encoding == ContentEncoding.Brotli ? BrotliName : GzipName;
        http.StatusCode = StatusCodes.Status200OK;
        http.Headers.ContentType = cached.ContentType;
        http.ContentLength = body.Length;
        if (HttpMethods.IsHead(httpContext.Request.Method)) return Task.CompletedTask;
        return http.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    /// <summary>
    /// If-None-Match uses weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; * matches anything; the
    /// tag of any encoding of the same answer matches (a cache may hold one encoding and ask with its tag).
    /// </summary>
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
                if (tag.EndsWith("-br\"", StringComparison.Ordinal)) tag = tag[..^4] + "\"";
                else if (tag.EndsWith("-gzip\"", StringComparison.Ordinal)) tag = tag[..^6] + "\"";
                if (string.Equals(tag, etag, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }
}

/// <summary>A content coding the API sends.</summary>
internal enum ContentEncoding
{
    Identity,
    Brotli,
    Gzip,
}

/// <summary>Reads Accept-Encoding (RFC 9110 §12.5.3): the highest q wins, Brotli before gzip on a tie; q=0 refuses.</summary>
internal static class AcceptEncoding
{
    public static ContentEncoding Choose(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header)) return ContentEncoding.Identity;
        double brotli = -1, gzip = -1, any = -1;
        foreach (var line in header)
        {
            // Spans, not Split: this runs on every cached answer and should not allocate.
            var rest = line.AsSpan();
            foreach (var range in rest.Split(','))
            {
                var item = rest[range].Trim();
                if (item.IsEmpty) continue;
                var semi = item.IndexOf(';');
                var name = (semi < 0 ? item : item[..semi]).Trim();
                var q = 1.0;
                if (semi >= 0)
                {
                    var parameter = item[(semi + 1)..].Trim();
                    if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                        double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                        q = parsed;
                }
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase)) brotli = q;
                else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)) gzip = q;
                else if (name is "*") any = q;
            }
        }
        if (brotli < 0) brotli = any;
        if (gzip < 0) gzip = any;
        if (brotli > 0 && brotli >= gzip) return ContentEncoding.Brotli;
        if (gzip > 0) return ContentEncoding.Gzip;
        return ContentEncoding.Identity;
    }
}
