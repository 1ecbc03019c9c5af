using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Index;
using SocBridge.Core.Release;

namespace SocBridge.Core.Lookup;

/// <summary>A group of a hierarchy as a reference: its code and display title.</summary>
public sealed record GroupRef(string Code, string Title)
{
    public static GroupRef Of(SocGroup g) => new(g.Code.ToString(), g.DisplayTitle);
}

/// <summary>Everything known about one code of one edition.</summary>
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

/// <summary>Why a code could not be looked up, with the nearest valid codes.</summary>
public sealed record LookupFailure(string Input, SocVersion Version, bool Malformed, string Message, IReadOnlyList<GroupRef> Suggestions);

/// <summary>The outcome of a lookup: details, or a failure that says why.</summary>
public sealed record LookupOutcome(CodeDetails? Details, LookupFailure? Failure)
{
    public bool Found => Details is not null;
}

/// <summary>
/// Resolves codes of either edition: titles, hierarchy, SOC2020 descriptions, index titles and the
/// weighted related codes of the other edition. The library entry point used by the CLI and the API.
/// </summary>
public sealed class CodeLookup(SocRelease release)
{
    public SocRelease Release { get; } = release;

    /// <summary>Parses text as a code of <paramref name="version"/> and checks the group exists.</summary>
    public bool TryResolve(string input, SocVersion version, out SocCode code, out LookupFailure? failure)
    {
        var hierarchy = Release.Hierarchy(version);
        if (!SocCode.TryParse(input, version, out code, out var error))
        {
            failure = new LookupFailure(input, version, true, error, hierarchy.Suggest(input).Select(GroupRef.Of).ToArray());
            return false;
        }
        if (!hierarchy.Contains(code))
        {
            var suggestions = hierarchy.Suggest(input).Select(GroupRef.Of).ToArray();
            failure = new LookupFailure(input, version, false,
                $"{code.ToQualifiedString()} is not a {code.Level.Name()} of SOC{version.Year()}; nearest valid codes: " +
                string.Join(", ", suggestions.Select(s => $"{s.Code} ({s.Title})")),
                suggestions);
            return false;
        }
        failure = null;
        return true;
    }

    public LookupOutcome Lookup(string input, SocVersion version, WeightSelection? selection = null, int indexSample = 10)
    {
        if (!TryResolve(input, version, out var code, out var failure)) return new LookupOutcome(null, failure);
        return new LookupOutcome(Details(code, selection ?? WeightSelection.Default, indexSample), null);
    }

    public CodeDetails Details(SocCode code, WeightSelection selection, int indexSample = 10)
    {
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

    /// <summary>Maps a code given as text; fails like <see cref="Lookup"/> for malformed or unknown codes.</summary>
    public (MappingResult? Result, LookupFailure? Failure) Map(string input, SocVersion from, WeightSelection selection, SocLevel? targetLevel = null)
    {
        if (!TryResolve(input, from, out var code, out var failure)) return (null, failure);
        return (Release.Crosswalk.Map(code, selection, targetLevel), null);
    }
}
