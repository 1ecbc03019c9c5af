using System.Text.Json.Nodes;
using SocBridge.Api.Contracts;
using SocBridge.Api.Services;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;
using SocBridge.Core.Release;

namespace SocBridge.Api.Infrastructure;

/// <summary>One response example of the OpenAPI document: a real answer of the served release.</summary>
internal sealed record ApiExample(string Name, string Summary, JsonNode Value);

/// <summary>
/// Response examples for the OpenAPI document, computed once from the release the instance serves (so they
/// are the answers a client gets, never placeholders): SOC2010 2136, SOC2020 2134, a search for "software developer".
/// </summary>
internal sealed class ApiExamples(SocRelease release, SearchService search)
{
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<ApiExample>>> _examples = new(() => Build(release, search));

    public IReadOnlyList<ApiExample> For(string operationId) => _examples.Value.GetValueOrDefault(operationId) ?? [];

    private static IReadOnlyDictionary<string, IReadOnlyList<ApiExample>> Build(SocRelease release, SearchService search)
    {
        static JsonNode Node<T>(T value) => JsonNode.Parse(ApiJson.Serialize(value))!;
        var lookup = new CodeLookup(release);
        var texts = new OccupationTextBuilder(release);
        var soc2010 = SocCode.Parse("2136", SocVersion.Soc2010);
        var soc2020 = SocCode.Parse("2134", SocVersion.Soc2020);
        var pooled = new WeightSelection(WeightSet.Pooled, SexSet.All);
        const string query = "software developer";
        const int searchLimit = 5;

        ApiExample Lookup(SocCode code) => new($"soc{code.Version.Year()}-{code}", $"GET /v1/soc/{code.Version.Year()}/{code}",
            Node(Views.Details(release.ReleaseId, lookup.Details(code, WeightSelection.Default))));
        ApiExample Map(SocCode code) => new($"soc{code.Version.Year()}-{code}-pooled", $"GET /v1/soc/{code.Version.Year()}/{code}/map?weights=pooled",
            Node(Views.Map(release.ReleaseId, release.Crosswalk.Map(code, pooled), null)));
        ApiExample Compat(SocCode code, string route) => new($"soc{code.Version.Year()}-{code}", $"GET {route}",
            Node(Views.Compat(release, texts, code)));

        var hits = search.Find(query, SearchScope.Both, searchLimit);
        var searchExample = new ApiExample("software-developer", $"GET /v1/search?q=software%20developer&limit={searchLimit}",
            Node(new SearchResponse(release.ReleaseId, query, "both", searchLimit, hits.Count, hits)));
        var compatSearch = search.Find(query, SearchScope.Soc2010, RequestParameters.DefaultSearchLimit)
            .Select(h => Views.Compat(release, texts, SocCode.Parse(h.Soc2010!.Code, SocVersion.Soc2010)))
            .ToArray();

        return new Dictionary<string, IReadOnlyList<ApiExample>>(StringComparer.Ordinal)
        {
            ["GetSocCode"] = [Lookup(soc2010), Lookup(soc2020)],
            ["MapSocCode"] = [Map(soc2010), Map(soc2020)],
            ["SearchTitles"] = [searchExample],
            ["CompatGetCode"] = [Compat(soc2010, "/api/v1/soc/code/2136"), Compat(soc2020, "/api/v1/soc/code/2134?version=2020")],
            ["CompatSearch"] = [new ApiExample("software-developer", "GET /api/v1/soc/search?q=software%20developer", Node<IReadOnlyList<CompatOccupation>>(compatSearch))],
            ["Compat2010GetCode"] = [Compat(soc2010, "/api/v1/soc2010/code/2136")],
            ["Compat2020GetCode"] = [Compat(soc2020, "/api/v1/soc2020/code/2134")],
            ["GetRelease"] = [new ApiExample("release", "GET /v1/release", Node(Views.Release(release)))],
            ["GetHealth"] = [new ApiExample("live", "GET /health", Node(new HealthResponse("ok", release.ReleaseId)))],
            ["GetReadiness"] = [new ApiExample("ready", "GET /health/ready", Node(new ReadinessResponse("ready", release.ReleaseId, [], [])))],
        };
    }
}
