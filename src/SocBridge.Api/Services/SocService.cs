using System.Globalization;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Lookup;
using SocBridge.Core.Release;

namespace SocBridge.Api.Services;

/// <summary>Code lookups and mappings, checked, answered from the library and kept serialised per release.</summary>
internal sealed class SocService(SocRelease release, ResponseCache cache)
{
    private readonly CodeLookup _lookup = new(release);
    private readonly OccupationTextBuilder _texts = new(release);

    public SocRelease Release => release;

    public IResult Lookup(string versionText, string codeText, string? weights, string? sex)
    {
        if (RequestParameters.Version(versionText, "version", out var version) is { } badVersion) return badVersion.ToResult();
        var resolved = _lookup.Resolve(Uri.UnescapeDataString(codeText), version);
        if (resolved.Failure is { } failure) return ApiProblem.FromLookupFailure(failure).ToResult();
        var code = resolved.Value;
        if (RequestParameters.Selection(weights, sex, out var selection) is { } badSelection) return badSelection.ToResult();
        var key = string.Create(CultureInfo.InvariantCulture, $"soc/{(int)version}/{code.Value}?w={(int)selection.Set}{(int)selection.Sex}");
        return new CachedJsonResult(cache.GetOrAdd(key, (this, code, selection), static s =>
            ApiJson.Serialize(Views.Details(s.Item1.Release.ReleaseId, s.Item1._lookup.Details(s.code, s.selection)))));
    }

    public IResult Map(string versionText, string codeText, string? to, string? level, string? weights, string? sex, string? interval)
    {
        if (RequestParameters.Version(versionText, "version", out var version) is { } badVersion) return badVersion.ToResult();
        var resolved = _lookup.Resolve(Uri.UnescapeDataString(codeText), version);
        if (resolved.Failure is { } failure) return ApiProblem.FromLookupFailure(failure).ToResult();
        var code = resolved.Value;
        if (RequestParameters.Target(to, version, out _) is { } badTarget) return badTarget.ToResult();
        if (RequestParameters.Level(level, out var targetLevel) is { } badLevel) return badLevel.ToResult();
        if (RequestParameters.Selection(weights, sex, out var selection) is { } badSelection) return badSelection.ToResult();
        if (RequestParameters.Interval(interval, out var probability) is { } badInterval) return badInterval.ToResult();
        var levelKey = targetLevel is { } l ? (int)l : 0;
        var key = string.Create(CultureInfo.InvariantCulture,
            $"map/{(int)version}/{code.Value}?l={levelKey}&w={(int)selection.Set}{(int)selection.Sex}&i={probability?.ToString("R", CultureInfo.InvariantCulture)}");
        return new CachedJsonResult(cache.GetOrAdd(key, (this, code, selection, targetLevel, probability), static s =>
            ApiJson.Serialize(Views.Map(s.Item1.Release.ReleaseId, s.Item1.Release.Crosswalk.Map(s.code, s.selection, s.targetLevel), s.probability))));
    }

    /// <summary>
    /// GET /soc/code/{code}?version=: one group in the existing service's shape. <paramref name="fallback"/> is the
    /// edition when <c>version</c> is not given; <paramref name="fixedEdition"/> is the edition of a route that names it.
    /// </summary>
    public IResult CompatCode(string codeText, string? versionText, SocVersion fallback, SocVersion? fixedEdition = null)
    {
        if (RequestParameters.CompatVersion(versionText, fallback, fixedEdition, out var version) is { } badVersion) return badVersion.ToResult();
        var resolved = _lookup.Resolve(Uri.UnescapeDataString(codeText), version);
        if (resolved.Failure is { } failure) return ApiProblem.FromLookupFailure(failure).ToResult();
        var code = resolved.Value;
        var key = string.Create(CultureInfo.InvariantCulture, $"compat/{(int)version}/{code.Value}");
        return new CachedJsonResult(cache.GetOrAdd(key, (release, _texts, code), static s => ApiJson.Serialize(Views.Compat(s.release, s._texts, s.code))));
    }
}

/// <summary>Title search over the ONS coding index.</summary>
internal sealed class SearchService(SocRelease release, ResponseCache cache)
{
    private readonly OccupationTextBuilder _texts = new(release);

    /// <summary>Most index hits read when results are reduced to one per unit group.</summary>
    public const int MaxHitsRead = 3000;

    public IResult Search(string? q, string? soc, string? limit)
    {
        if (RequestParameters.Query(q, out var query) is { } badQuery) return badQuery.ToResult();
        if (RequestParameters.Scope(soc, out var scope) is { } badScope) return badScope.ToResult();
        if (RequestParameters.Limit(limit, out var max) is { } badLimit) return badLimit.ToResult();
        var key = string.Create(CultureInfo.InvariantCulture, $"search/{(int)scope}/{max}?{query}");
        return new CachedJsonResult(cache.GetOrAdd(key, (this, query, scope, max), static s =>
        {
            var results = s.Item1.Find(s.query, s.scope, s.max);
            return ApiJson.Serialize(new SearchResponse(s.Item1.ReleaseId, s.query, s.scope.Name(), s.max, results.Count, results));
        }));
    }

    /// <summary>GET /soc/search?q=&amp;version=: the best matching groups of one edition in the existing service's shape.</summary>
    public IResult CompatSearch(string? q, string? versionText, SocVersion fallback, SocVersion? fixedEdition = null)
    {
        if (RequestParameters.Query(q, out var query) is { } badQuery) return badQuery.ToResult();
        if (RequestParameters.CompatVersion(versionText, fallback, fixedEdition, out var version) is { } badVersion) return badVersion.ToResult();
        var key = string.Create(CultureInfo.InvariantCulture, $"compat-search/{(int)version}?{query}");
        return new CachedJsonResult(cache.GetOrAdd(key, (this, query, version), static s =>
        {
            var scope = s.version == SocVersion.Soc2010 ? SearchScope.Soc2010 : SearchScope.Soc2020;
            IReadOnlyList<CompatOccupation> groups = s.Item1.Find(s.query, scope, RequestParameters.DefaultSearchLimit)
                .Select(r => Views.Compat(s.Item1.Release, s.Item1._texts, SocCode.Parse(s.version == SocVersion.Soc2010 ? r.Soc2010!.Code : r.Soc2020!.Code, s.version)))
                .ToArray();
            return ApiJson.Serialize(groups);
        }));
    }

    public SocRelease Release => release;

    private string ReleaseId => release.ReleaseId;

    /// <summary>Ranked hits: every title for <see cref="SearchScope.Both"/>, else the best title of each unit group of the edition.</summary>
    public IReadOnlyList<SearchResult> Find(string query, SearchScope scope, int limit)
    {
        if (scope == SearchScope.Both)
            return release.Index.Search(query, limit).Select((h, i) => Views.Hit(release, i + 1, h)).ToArray();
        var version = scope == SearchScope.Soc2010 ? SocVersion.Soc2010 : SocVersion.Soc2020;
        var seen = new HashSet<SocCode>();
        var results = new List<SearchResult>(limit);
        foreach (var hit in release.Index.Search(query, Math.Min(MaxHitsRead, limit * 30)))
        {
            if (hit.Entry.Code(version) is not { } code || !seen.Add(code)) continue;
            results.Add(Views.Hit(release, results.Count + 1, hit));
            if (results.Count == limit) break;
        }
        return results;
    }
}
