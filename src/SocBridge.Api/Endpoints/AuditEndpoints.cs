using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>GET /audit: the audit report of the release's weights as one self-contained HTML page.</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", ([FromServices] AuditService audit, CancellationToken cancellationToken) => audit.Get(cancellationToken))
            .WithTags("Audit")
            .WithName("GetAuditReport")
            .WithSummary("The audit report of the crosswalk weights (HTML)")
            .WithDescription(
                "The page `socbridge audit report` writes, for the release this instance serves and the default weights (LFS, all persons): " +
                "relationship types, flows between major groups, sortable tables of every unit group, a page per group with its evidence, " +
                "inconsistencies and where the samples disagree. Self-contained: it fetches nothing, and its Content-Security-Policy forbids it to.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesLoadProblems();
        return app;
    }
}
