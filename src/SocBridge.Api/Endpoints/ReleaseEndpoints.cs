using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>GET /v1/release and GET /health.</summary>
public static class ReleaseEndpoints
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
            .WithTags("Release")
            .WithName("GetHealth")
            .WithSummary("Liveness and readiness")
            .WithDescription("200 once the release is loaded and verified and the search index is built. Never rate limited, never cached.")
            .Produces<HealthResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableRateLimiting();
        return app;
    }
}
