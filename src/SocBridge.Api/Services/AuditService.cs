using System.Text;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Release;
using SocBridge.Reporting.Evidence;
using SocBridge.Reporting.Html;

namespace SocBridge.Api.Services;

/// <summary>
/// GET /audit: the self-contained audit report of the release's weights (the page <c>socbridge audit report</c>
/// writes, with the default selection), built once per release on a pool thread and kept with its encodings.
/// </summary>
internal sealed class AuditService(SocRelease release, ResponseCache cache)
{
    public const string ContentType = "text/html; charset=utf-8";

    private readonly Lazy<Task<CachedJson>> _page = new(() => Task.Run(() =>
    {
        var html = AuditReport.Render(AuditEvidence.Build(release));
        return cache.Create(Encoding.UTF8.GetBytes(html), ContentType).Precompress();
    }), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts building the page if nobody has yet; completes when it is built.</summary>
    public Task Page() => _page.Value;

    public async Task<IResult> Get(CancellationToken cancellationToken) =>
        new AuditPageResult(new CachedJsonResult(await _page.Value.WaitAsync(cancellationToken)));

    /// <summary>Adds the page's own Content-Security-Policy as a header too, so it holds however the page is saved or framed.</summary>
    private sealed class AuditPageResult(CachedJsonResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = AuditReport.ContentSecurityPolicy;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
