using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>GET /v1/soc/{version}/{code} and its map.</summary>
internal static class SocEndpoints
{
    public static IEndpointRouteBuilder MapSocEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/soc").WithTags("SOC codes");

        group.MapGet("/{version}/{code}", (string version, string code, [FromQuery] string? weights, [FromQuery] string? sex, [FromServices] SocService soc) =>
                soc.Lookup(version, code, weights, sex))
            .WithName("GetSocCode")
            .WithSummary("Look up a code of either edition")
            .WithDescription(
                "Code, title, level, parent, children and ancestors of a group of any level; for SOC2020 the ONS description, " +
                "entry routes, tasks, related job titles and sub-unit groups; a sample of coding-index titles; and the related " +
                "codes of the other edition with their weights (chosen by `weights` and `sex`) and the relationship type.")
            .ProducesCachedJson<SocCodeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{version}/{code}/map", (string version, string code, [FromQuery] string? to, [FromQuery] string? level,
                    [FromQuery] string? weights, [FromQuery] string? sex, [FromQuery] string? interval, [FromServices] SocService soc) =>
                soc.Map(version, code, to, level, weights, sex, interval))
            .WithName("MapSocCode")
            .WithSummary("Map a code to the other edition")
            .WithDescription(
                "Weighted counterparts of a code in the other edition at the requested level: weights (summing to 1), the joint " +
                "sample counts behind them, the sample total, for SOC2010 codes the sample base and the share ONS left unallocated " +
                "(residual), the relationship type, the weights requested and used and why a fallback applied; optionally an interval per weight.")
            .ProducesCachedJson<MapResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
