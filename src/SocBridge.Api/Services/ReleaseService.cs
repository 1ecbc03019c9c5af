using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Release;

namespace SocBridge.Api.Services;

/// <summary>The release description and the health answer, serialised once.</summary>
public sealed class ReleaseService(SocRelease release, ResponseCache cache)
{
    private readonly CachedJson _release = cache.Create(ApiJson.Serialize(Views.Release(release)));
    private readonly byte[] _health = ApiJson.Serialize(new HealthResponse("ok", release.ReleaseId));

    public IResult Describe() => new CachedJsonResult(_release);

    public IResult Health() => new HealthResult(_health);

    private sealed class HealthResult(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.Headers.CacheControl = "no-store";
            response.ContentType = CachedJsonResult.ContentType;
            response.ContentLength = body.Length;
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
