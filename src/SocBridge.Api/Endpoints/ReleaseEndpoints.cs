using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>GET /v1/release and GET /health.</summary>
internal static class ReleaseEndpoints
{
    public static IEndpointRouteBuilder MapReleaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/release", ([FromServices] ReleaseService release) => release.Describe())
            .WithTags("Release")
            .WithName("GetRelease")
            .WithSummary("The crosswalk release this instance serves")
            .WithDescription("Release id, the ONS source files with their SHA-256 hashes, the release files with hashes and row counts, licence and attribution.")
            .ProducesCachedJson<ReleaseResponse>();

        app.MapGet("/health", ([FromServices] ReleaseService release) => release.Health())
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Liveness: the process answers")
            .WithDescription("200 whenever the process is up with its release loaded and verified, even while models are still being built. " +
                             "Point a liveness probe here. Never rate limited, never cached.")
            .Produces<HealthResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableRateLimiting();

        app.MapGet("/health/ready", ([FromServices] ReleaseService release) => release.Ready())
            .WithTags("Health")
            .WithName("GetReadiness")
            .WithSummary("Readiness: every model is built")
            .WithDescription("200 once the search index, the free-text coder and the audit page are built (so that no request waits for them); " +
                             "503 with Retry-After and the models still `pending` before that, and while the instance is stopping. " +
                             "Point a load balancer's readiness check here. Never rate limited, never cached.")
            .Produces<ReadinessResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ReadinessResponse>(StatusCodes.Status503ServiceUnavailable, "application/json")
            .DisableRateLimiting();
        return app;
    }
}
