using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>
/// Routes in the shape of the existing careers service, so its clients can switch without changes:
/// GET /soc/code/{code} and GET /soc/search?q=, with an added <c>version</c> parameter (default 2010).
/// </summary>
public static class CompatibilityEndpoints
{
    public static IEndpointRouteBuilder MapCompatibilityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/soc").WithTags("Compatibility");

        group.MapGet("/code/{code}", (string code, [FromQuery] string? version, [FromServices] SocService soc) => soc.CompatCode(code, version))
            .WithName("CompatGetCode")
            .WithSummary("One occupation in the existing service's shape")
            .WithDescription(
                "Fields `soc`, `title`, `description`, `qualifications` (entry routes), `tasks` and `add_titles`, plus `version`. " +
                "`version` defaults to 2010 as in the existing service. The release holds ONS descriptions for SOC2020 only, so for " +
                "SOC2010 `description`, `qualifications` and `tasks` are null and `add_titles` lists coding-index titles.")
            .ProducesCachedJson<CompatOccupation>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/search", ([FromQuery] string? q, [FromQuery] string? version, [FromServices] SearchService search) => search.CompatSearch(q, version))
            .WithName("CompatSearch")
            .WithSummary("Occupations matching job title words, in the existing service's shape")
            .WithDescription($"Up to {RequestParameters.DefaultSearchLimit} occupations of the chosen edition (default 2010), best match first, each as in GET /soc/code/{{code}}.")
            .ProducesCachedJson<IReadOnlyList<CompatOccupation>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
