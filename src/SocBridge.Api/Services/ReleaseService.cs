using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Release;

namespace SocBridge.Api.Services;

/// <summary>The release description and the health answer, serialised once.</summary>
internal sealed class ReleaseService(SocRelease release, ResponseCache cache, Readiness readiness)
{
    private readonly byte[] _ready = ApiJson.Serialize(new ReadinessResponse("ready", release.ReleaseId, [], []));

    private readonly CachedJson _release = cache.Create(ApiJson.Serialize(Views.Release(release)));
    private readonly byte[] _health = ApiJson.Serialize(new HealthResponse("ok", release.ReleaseId));

    public IResult Describe() => new CachedJsonResult(_release);

    public IResult Health() => new HealthResult(_health, StatusCodes.Status200OK);

    /// <summary>200 when every model is built and the host is not stopping; 503 with what is pending otherwise.</summary>
    public IResult Ready()
    {
        if (readiness.IsReady) return new HealthResult(_ready, StatusCodes.Status200OK);
        var (pending, failed) = readiness.State();
        var status = readiness.IsStopping ? "stopping" : failed.Length > 0 ? "failed" : "warming up";
        return new HealthResult(ApiJson.Serialize(new ReadinessResponse(status, release.ReleaseId, pending, failed)), StatusCodes.Status503ServiceUnavailable);
    }

    private sealed class HealthResult(byte[] body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable) response.Headers.RetryAfter = "1";
            response.Headers.CacheControl = "no-store";
            response.ContentType = CachedJsonResult.ContentType;
            response.ContentLength = body.Length;
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
