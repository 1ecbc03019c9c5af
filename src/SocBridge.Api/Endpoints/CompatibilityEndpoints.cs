using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;
using SocBridge.Core.Classification;

namespace SocBridge.Api.Endpoints;

/// <summary>
/// Routes in the shape of the existing careers service, so that its clients switch by changing the base URL:
/// <c>/api/v1/soc/code/{code}</c> and <c>/api/v1/soc/search?q=</c> (also under <c>/soc/…</c>), in the configured
/// edition (SOC2010 unless <c>Api:CompatibilityEdition</c> says otherwise) or the one <c>version</c> names; and
/// <c>/api/v1/soc2010/…</c>, <c>/api/v1/soc2020/…</c> for clients that want one edition whatever the default.
/// Every answer states its edition in <c>version</c>.
/// </summary>
internal static class CompatibilityEndpoints
{
    public static IEndpointRouteBuilder MapCompatibilityEndpoints(this IEndpointRouteBuilder app)
    {
        // Checked to be 2010 or 2020 when the options are validated at start-up.
        var fallback = (SocVersion)app.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.CompatibilityEdition;
        Map(app, "/api/v1/soc", "Compat", fallback, null);
        Map(app, "/soc", "CompatShort", fallback, null);
        Map(app, "/api/v1/soc2010", "Compat2010", fallback, SocVersion.Soc2010);
        Map(app, "/api/v1/soc2020", "Compat2020", fallback, SocVersion.Soc2020);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string prefix, string name, SocVersion fallback, SocVersion? edition)
    {
        var group = app.MapGroup(prefix).WithTags("Compatibility");
        var which = edition is { } e
            ? $"Always SOC{e.Year()}."
            : $"In SOC{fallback.Year()} (this instance's default, `Api:CompatibilityEdition`) unless `version` names the other edition.";

        var code = group.MapGet("/code/{code}", (string code, [FromQuery] string? version, [FromServices] SocService soc) =>
                soc.CompatCode(code, version, fallback, edition))
            .WithName($"{name}GetCode")
            .WithSummary(edition is { } e1 ? $"One SOC{e1.Year()} occupation in the existing service's shape" : "One occupation in the existing service's shape")
            .WithDescription(
                $"{which} Fields `soc`, `title`, `description`, `qualifications` (entry routes), `tasks` and `add_titles` as in the existing " +
                "service, plus `version` (the edition) and `text_from`. The text fields are always strings. The release holds ONS descriptions " +
                "for SOC2020 only: a SOC2010 group takes the text of the SOC2020 group that at least 80% of its records (pooled weights) go to, " +
                "or else the text of every counterpart labelled with its code and weight; `text_from` names the SOC2020 groups and weights.")
            .ProducesCachedJson<CompatOccupation>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var search = group.MapGet("/search", ([FromQuery] string? q, [FromQuery] string? version, [FromServices] SearchService search) =>
                search.CompatSearch(q, version, fallback, edition))
            .WithName($"{name}Search")
            .WithSummary(edition is { } e2 ? $"SOC{e2.Year()} occupations matching job title words, in the existing service's shape" : "Occupations matching job title words, in the existing service's shape")
            .WithDescription($"{which} Up to {RequestParameters.DefaultSearchLimit} distinct occupations, most relevant first, each as in `…/code/{{code}}`.")
            .ProducesCachedJson<IReadOnlyList<CompatOccupation>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        if (prefix == "/soc")
        {
            code.WithDescription("The same as `/api/v1/soc/code/{code}`, kept for clients of earlier SocBridge versions.");
            search.WithDescription("The same as `/api/v1/soc/search`, kept for clients of earlier SocBridge versions.");
        }
    }
}
