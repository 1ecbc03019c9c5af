using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;

namespace SocBridge.Api.Endpoints;

/// <summary>GET /v1/search.</summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/search", ([FromQuery] string? q, [FromQuery] string? soc, [FromQuery] string? limit, [FromServices] SearchService search) =>
                search.Search(q, soc, limit))
            .WithTags("Search")
            .WithName("SearchTitles")
            .WithSummary("Search job titles of the ONS coding index")
            .WithDescription(
                "Relevance-ranked coding-index titles (BM25 over title words, qualifiers counting half, the last word also matching as a prefix) " +
                "with their SOC2010 and SOC2020 codes. `soc=2010` or `soc=2020` keeps the best title of each unit group of that edition.")
            .ProducesCachedJson<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
