using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>GET and POST /v1/code: the free-text job-title coder.</summary>
internal static class CodeEndpoints
{
    public static IEndpointRouteBuilder MapCodeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/code", ([FromQuery] string? title, [FromQuery] string? top, [FromQuery] string? industry, [FromServices] CodeService coder, CancellationToken cancellationToken) =>
                coder.Code(title, top, industry, cancellationToken))
            .WithTags("Coding")
            .WithName("CodeTitle")
            .WithSummary("Code a free-text job title to SOC2020 and SOC2010")
            .WithDescription(
                "Ranked SOC2020 unit groups with scores 0–100, the SOC2010 group of each (from the dual-coded index entry that matched, " +
                "or the crosswalk), the reference titles that support it, and SOC2010 candidates scored on their own. The text is cleaned " +
                "of advert words, short forms are expanded and misspellings corrected; `understood` shows the result. No candidates is an empty list. " +
                "`industry` (optional: a SIC2007 section or division code such as `K` or `64`, or a few words such as `bank`) is read against the " +
                "industry qualifiers of the index titles, e.g. \"Manager (bank)\".")
            .ProducesCachedJson<CodeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost("/v1/code", (HttpRequest request, [FromServices] CodeService coder, CancellationToken cancellationToken) =>
                coder.CodeBatch(request, cancellationToken))
            .WithTags("Coding")
            .WithName("CodeTitles")
            .WithSummary("Code a batch of free-text job titles")
            .WithDescription("`{\"titles\": [...], \"top\": 5, \"industries\": [...]}` → the candidates of each title, in input order; `industries` " +
                "(optional) gives each title's industry in the same order. Bounded by body size (413) and number of titles (400).")
            .Accepts<CodeBatchRequest>("application/json")
            .Produces<CodeBatchResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesLoadProblems();
        return app;
    }
}
