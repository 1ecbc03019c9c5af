using SocBridge.Core.Classification;

namespace SocBridge.Core.Release;

/// <summary>
/// What a release holds, counted: groups of each edition and level, extension codes, coding-index entries,
/// the relationship table's reach and the coding-index pairs the table gives no weight.
/// This is what <c>socbridge release info</c> prints.
/// </summary>
public sealed record ReleaseStatistics
{
    /// <summary>Every count under a stable snake_case key, in a fixed order (the groups of each edition and level first).</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>SOC2020 sub-unit (extension) codes.</summary>
    public int ExtensionCodes => Counts["soc2020_extension_codes"];

    /// <summary>Coding-index entries.</summary>
    public int IndexEntries => Counts["index_entries"];

    /// <summary>Coding-index entries that refer to another entry instead of giving codes.</summary>
    public int IndexSeeReferences => Counts["index_see_references"];

    /// <summary>SOC2010 unit groups in the relationship table.</summary>
    public int RelationshipSoc2010Groups => Counts["relationship_soc2010_groups"];

    /// <summary>Child rows (SOC2010 → SOC2020 links) of the relationship table.</summary>
    public int RelationshipChildRows => Counts["relationship_child_rows"];

    /// <summary>Distinct SOC2020 unit groups the relationship table reaches.</summary>
    public int RelationshipSoc2020Groups => Counts["relationship_soc2020_groups"];

    /// <summary>SOC2010 → SOC2020 pairs of the coding index with no weight in the relationship table.</summary>
    public int IndexPairsWithoutWeight => Counts["index_pairs_without_weight"];

    /// <summary>Coding-index entries on those pairs.</summary>
    public int IndexEntriesOnPairsWithoutWeight => Counts["index_entries_on_pairs_without_weight"];

    /// <summary>The key of the count of groups of one edition at one level, e.g. <c>soc2020_unit_groups</c>.</summary>
    public static string GroupsKey(SocVersion version, SocLevel level) =>
        $"{version.ColumnName()}_{level.ToString().ToLowerInvariant()}_groups";

    /// <summary>Counts what <paramref name="release"/> holds.</summary>
    public static ReleaseStatistics Of(SocRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var counts = new Dictionary<string, int>();
        foreach (var v in SocVersions.All)
            foreach (var l in SocLevels.All)
                counts[GroupsKey(v, l)] = release.Hierarchy(v).AtLevel(l).Count;
        counts["soc2020_extension_codes"] = release.Extensions.Count;
        counts["index_entries"] = release.Index.Count;
        counts["index_see_references"] = release.Index.Entries.Count(e => e.IsSeeReference);
        counts["relationship_soc2010_groups"] = release.Crosswalk.Table.Groups.Count;
        counts["relationship_child_rows"] = release.Crosswalk.Table.Links.Count;
        counts["relationship_soc2020_groups"] = release.Crosswalk.Table.Links.Select(l => l.Soc2020).Distinct().Count();
        var gaps = release.IndexPairsWithoutWeight();
        counts["index_pairs_without_weight"] = gaps.Count;
        counts["index_entries_on_pairs_without_weight"] = gaps.Sum(g => g.IndexEntries);
        return new ReleaseStatistics { Counts = counts.AsReadOnly() };
    }
}
