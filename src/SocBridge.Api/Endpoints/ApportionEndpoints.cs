using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>POST /v1/apportion.</summary>
internal static class ApportionEndpoints
{
    public static IEndpointRouteBuilder MapApportionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/apportion", (HttpRequest request, [FromServices] ApportionService apportion, CancellationToken cancellationToken) =>
                apportion.Apportion(request, cancellationToken))
            .WithTags("Apportionment")
            .WithName("Apportion")
            .WithSummary("Translate a small series to the other edition")
            .WithDescription(
                "Counts are shared out by the crosswalk weights and summed; means and medians become employment-weighted averages " +
                "of the contributing groups. The answer reconciles totals in and out, lists every row or value that could not be used " +
                "(with its row number and why), and every code whose requested weights fell back. Bounded by body size (413) and row count (400).")
            .Accepts<ApportionRequest>("application/json")
            .Produces<ApportionResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesLoadProblems();
        return app;
    }
}
