using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Index;
using SocBridge.Core.Release;

namespace SocBridge.Core.Lookup;

/// <summary>A group of a hierarchy as a reference: its code and display title.</summary>
/// <param name="Code">The group's code as text, e.g. "2136".</param>
/// <param name="Title">The group's display title.</param>
public sealed record GroupRef(string Code, string Title)
{
    /// <summary>The reference to <paramref name="g"/>.</summary>
    /// <param name="g">A group.</param>
    /// <exception cref="ArgumentNullException"><paramref name="g"/> is null.</exception>
    public static GroupRef Of(SocGroup g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.Code.ToString(), g.DisplayTitle);
    }
}

/// <summary>Everything known about one code of one edition.</summary>
/// <param name="Version">The edition.</param>
/// <param name="Code">The code.</param>
/// <param name="Level">Its level.</param>
/// <param name="Title">The display title.</param>
/// <param name="OnsTitle">The title as ONS publishes it.</param>
/// <param name="Parent">The group one level up; null for a major group.</param>
/// <param name="Ancestors">Every group above, major group first.</param>
/// <param name="Children">The groups one level down.</param>
/// <param name="Description">The ONS Volume 1 description (SOC2020 only).</param>
/// <param name="Extensions">The SOC2020 sub-unit (extension) codes within the group (SOC2020 only).</param>
/// <param name="IndexEntryCount">How many coding index entries are coded to the group.</param>
/// <param name="IndexSample">Some of those entries, default-flagged entries first.</param>
/// <param name="Related">The weighted counterparts in the other edition.</param>
public sealed record CodeDetails(
    SocVersion Version,
    SocCode Code,
    SocLevel Level,
    string Title,
    string OnsTitle,
    GroupRef? Parent,
    IReadOnlyList<GroupRef> Ancestors,
    IReadOnlyList<GroupRef> Children,
    DescriptionRecord? Description,
    IReadOnlyList<ExtensionRow> Extensions,
    int IndexEntryCount,
    IReadOnlyList<CodingIndexEntry> IndexSample,
    MappingResult Related);

/// <summary>
/// Resolves codes of either edition: titles, hierarchy, SOC2020 descriptions, index titles and the
/// weighted related codes of the other edition. The library entry point used by the CLI and the API.
/// </summary>
/// <param name="release">The release to look codes up in.</param>
public sealed class CodeLookup(SocRelease release)
{
    /// <summary>The release codes are looked up in.</summary>
    public SocRelease Release { get; } = release ?? throw new ArgumentNullException(nameof(release));

    /// <summary>Parses text as a code of <paramref name="version"/> and checks that the group exists.</summary>
    /// <param name="input">The code as text, e.g. "2136" or "SOC2010 2136".</param>
    /// <param name="version">The edition the code belongs to.</param>
    /// <returns>The code, or why the text names no group of the edition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public LookupResult<SocCode> Resolve(string input, SocVersion version)
    {
        ArgumentNullException.ThrowIfNull(input);
        var hierarchy = Release.Hierarchy(version);
        if (!SocCode.TryParse(input, version, out var code, out var error))
            return LookupResult<SocCode>.ForFailure(
                new LookupFailure(input, version, true, error, hierarchy.Suggest(input).Select(GroupRef.Of).ToArray()));
        if (!hierarchy.Contains(code))
        {
            var suggestions = hierarchy.Suggest(input).Select(GroupRef.Of).ToArray();
            return LookupResult<SocCode>.ForFailure(new LookupFailure(input, version, false,
                $"{code.ToQualifiedString()} is not a {code.Level.Name()} of SOC{version.Year()}; nearest valid codes: " +
                string.Join(", ", suggestions.Select(s => $"{s.Code} ({s.Title})")),
                suggestions));
        }
        return LookupResult<SocCode>.ForValue(code);
    }

    /// <summary>Everything known about the code given as text: see <see cref="Details"/>.</summary>
    /// <param name="input">The code as text.</param>
    /// <param name="version">The edition the code belongs to.</param>
    /// <param name="selection">The weights for the related codes of the other edition; <see cref="WeightSelection.Default"/> when null.</param>
    /// <param name="indexSample">How many coding index entries to include.</param>
    /// <returns>The details, or why the text names no group of the edition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public LookupResult<CodeDetails> Lookup(string input, SocVersion version, WeightSelection? selection = null, int indexSample = 10) =>
        Resolve(input, version).Select(code => Details(code, selection ?? WeightSelection.Default, indexSample));

    /// <summary>Everything known about a code already resolved (see <see cref="Resolve"/>).</summary>
    /// <param name="code">A code that names a group of the release.</param>
    /// <param name="selection">The weights for the related codes of the other edition.</param>
    /// <param name="indexSample">How many coding index entries to include.</param>
    /// <exception cref="UnknownSocCodeException"><paramref name="code"/> names no group of its edition.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is <see cref="SocCode.None"/>.</exception>
    public CodeDetails Details(SocCode code, WeightSelection selection, int indexSample = 10)
    {
        SocCode.ThrowIfNone(code);
        var hierarchy = Release.Hierarchy(code.Version);
        var group = hierarchy.Get(code);
        var ancestors = new List<GroupRef>();
        for (var p = group.Parent; p is not null; p = hierarchy.Get(p.Value).Parent)
            ancestors.Insert(0, GroupRef.Of(hierarchy.Get(p.Value)));
        var entries = Release.Index.CodedTo(code);
        var unitPrefix = code.ToString();
        return new CodeDetails(
            code.Version, code, code.Level, group.DisplayTitle, group.Title,
            group.Parent is { } parent ? GroupRef.Of(hierarchy.Get(parent)) : null,
            ancestors,
            group.Children.Select(c => GroupRef.Of(hierarchy.Get(c))).ToArray(),
            code.Version == SocVersion.Soc2020 ? Release.Descriptions.GetValueOrDefault(code) : null,
            code.Version == SocVersion.Soc2020
                ? Release.Extensions.Where(e => e.UnitGroup.StartsWith(unitPrefix, StringComparison.Ordinal)).ToArray()
                : [],
            entries.Count,
            entries.Where(e => e.DefaultFlag.Length > 0).Concat(entries).Distinct().Take(indexSample).ToArray(),
            Release.Crosswalk.Map(code, selection));
    }

    /// <summary>
    /// Maps a code given as text to the other edition with the weights of <paramref name="selection"/>: see
    /// <see cref="CrosswalkGraph.Map"/>. Malformed or unknown codes fail as in <see cref="Resolve"/>.
    /// </summary>
    /// <param name="input">The code as text.</param>
    /// <param name="from">The edition of the code.</param>
    /// <param name="selection">Which sample's weights to use.</param>
    /// <param name="targetLevel">The level of the counterparts; the code's own level when null.</param>
    /// <returns>The weighted counterparts, or why the text names no group of the edition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not an edition, or <paramref name="targetLevel"/> is finer than the code.</exception>
    public LookupResult<MappingResult> Map(string input, SocVersion from, WeightSelection selection, SocLevel? targetLevel = null) =>
        Resolve(input, from).Select(code => Release.Crosswalk.Map(code, selection, targetLevel));

    /// <summary>Searches the coding index by job title: see <see cref="CodingIndex.Search"/>.</summary>
    /// <param name="query">Words of a job title.</param>
    /// <param name="limit">The most hits to return.</param>
    /// <returns>Up to <paramref name="limit"/> hits, best first; none when the query has no word.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public IReadOnlyList<SearchHit> Search(string query, int limit = 30)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Release.Index.Search(query, limit);
    }
}
