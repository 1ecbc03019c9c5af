namespace SocBridge.Api.Contracts;

/// <summary>Relevance-ranked coding-index titles (GET /v1/search).</summary>
public sealed record SearchResponse(
    string ReleaseId,
    string Query,
    string Soc,
    int Limit,
    int Count,
    IReadOnlyList<SearchResult> Results);

/// <summary>
/// One index title with both codes. <c>via</c> names the "see another entry" title that led to it, if any.
/// </summary>
public sealed record SearchResult(
    int Rank,
    double Score,
    string Id,
    string Title,
    CodeRef? Soc2010,
    CodeRef? Soc2020,
    string? Soc2020Extension,
    string? Via);
