using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Apportion.Weights;

namespace SocBridge.Reporting.Export;

/// <summary>
/// The tables of <c>socbridge audit export</c>: every weight of every selection (both directions, all
/// four levels), the coding-index pairs without weight, and both hierarchies.
/// </summary>
public static class AuditExport
{
    /// <summary>The name of the weights table (and its file, without extension).</summary>
    public const string WeightsTable = "weights";
    /// <summary>The name of the table of coding index pairs without weight.</summary>
    public const string IndexGapsTable = "index_pairs_without_weight";
    /// <summary>The name of the table of both hierarchies.</summary>
    public const string HierarchyTable = "hierarchy";

    /// <summary>Columns of the weights table, in file order.</summary>
    public static IReadOnlyList<ExportColumn> WeightColumns { get; } =
    [
        new("weights", ExportType.Text, "weight set requested: lfs, census or pooled"),
        new("sex", ExportType.Text, "sex requested: all, men or women"),
        new("from_version", ExportType.Integer, "edition of the source code: 2010 or 2020"),
        new("level", ExportType.Integer, "level of both codes: 1 major, 2 sub-major, 3 minor, 4 unit group"),
        new("from_code", ExportType.Text, "source code"),
        new("from_title", ExportType.Text, "source title"),
        new("to_version", ExportType.Integer, "edition of the target code"),
        new("to_code", ExportType.Text, "target code"),
        new("to_title", ExportType.Text, "target title"),
        new("weight", ExportType.Number, "share of the source that goes to the target: joint_count / sample_total; sums to 1 per source and selection"),
        new("joint_count", ExportType.Number, "dual-coded sample records coded to both codes, in the cells used"),
        new("sample_total", ExportType.Number, "records of the source over all its listed targets, in the cells used (the Dirichlet parameter total)"),
        new("source_base", ExportType.OptionalNumber, "SOC2010 sources: the ONS base of the source in the cells used (sample_total plus the residual records); empty for SOC2020 sources"),
        new("residual", ExportType.OptionalNumber, "SOC2010 sources: share of source_base ONS allocated to no listed SOC2020 group; empty for SOC2020 sources"),
        new("interval_lower", ExportType.Number, "lower bound of the central interval of the weight (Dirichlet posterior, Beta marginal)"),
        new("interval_upper", ExportType.Number, "upper bound of that interval"),
        new("interval_probability", ExportType.Number, "probability of the interval"),
        new("relationship", ExportType.Text, "relationship of the source with the other edition at this level: one-to-one, split, merge, complex"),
        new("weights_used", ExportType.Text, "weight set actually used (differs from weights after a fallback)"),
        new("sex_used", ExportType.Text, "sex actually used"),
        new("fallback", ExportType.Boolean, "true when the requested selection had no record for the source and the documented fallback applied"),
        new("fallback_reason", ExportType.Text, "why the fallback applied; empty otherwise"),
    ];

    /// <summary>Columns of the index-gap table.</summary>
    public static IReadOnlyList<ExportColumn> IndexGapColumns { get; } =
    [
        new("soc2010", ExportType.Text, "SOC2010 unit group of the index entries"),
        new("soc2010_title", ExportType.Text, "its title"),
        new("soc2020", ExportType.Text, "SOC2020 unit group of the index entries"),
        new("soc2020_title", ExportType.Text, "its title"),
        new("listed_in_table", ExportType.Boolean, "true when the relationship table lists the pair but with no record in any cell"),
        new("index_entries", ExportType.Integer, "coding-index entries carrying the pair"),
        new("entry_ids", ExportType.Text, "their UNIQUE IDs, space-separated"),
        new("titles", ExportType.Text, "their titles with qualifiers, separated by ' | '"),
    ];

    /// <summary>Columns of the hierarchy table.</summary>
    public static IReadOnlyList<ExportColumn> HierarchyColumns { get; } =
    [
        new("version", ExportType.Integer, "2010 or 2020"),
        new("code", ExportType.Text, "group code"),
        new("level", ExportType.Integer, "1 major, 2 sub-major, 3 minor, 4 unit group"),
        new("level_name", ExportType.Text, "name of the level"),
        new("parent", ExportType.Text, "code of the parent group; empty for major groups"),
        new("title", ExportType.Text, "title as ONS publishes it"),
        new("display_title", ExportType.Text, "title in normal case"),
    ];

    /// <summary>All three tables.</summary>
    public static IReadOnlyList<ExportTable> Tables(SocRelease release, double intervalProbability = 0.95) =>
        [Weights(release, intervalProbability), IndexGaps(release), Hierarchy(release)];

    /// <summary>Every weight of every one of the nine selections, both directions, every level.</summary>
    public static ExportTable Weights(SocRelease release, double intervalProbability = 0.95)
    {
        ArgumentNullException.ThrowIfNull(release);
        var rows = new List<object?[]>();
        foreach (var (selection, version, level, m, t) in EveryWeight(release))
        {
            var interval = DirichletInterval.Share(t.Weight, m.SampleTotal, intervalProbability);
            rows.Add(
            [
                WeightSets.Name(selection.Set), WeightSets.Name(selection.Sex), (int)version, (int)level,
                m.Source.ToString(), m.SourceTitle, (int)version.Other(), t.Code.ToString(), t.Title,
                t.Weight, t.JointCount, m.SampleTotal, m.SourceBase, m.ResidualShare,
                interval.Lower, interval.Upper, intervalProbability, m.Relationship.Name(),
                WeightSets.Name(m.Used.Set), WeightSets.Name(m.Used.Sex), m.IsFallback, m.FallbackReason ?? "",
            ]);
        }
        return new ExportTable(WeightsTable, WeightColumns, rows);
    }

    /// <summary>
    /// Every (selection, direction, level, source, target) of the release in a fixed order: selections as
    /// <see cref="WeightSelection.All"/> lists them, then editions, levels, sources and targets.
    /// </summary>
    internal static IEnumerable<(WeightSelection Selection, SocVersion From, SocLevel Level, MappingResult Mapping, MappedTarget Target)> EveryWeight(SocRelease release)
    {
        foreach (var selection in WeightSelection.All)
            foreach (var version in SocVersions.All)
                foreach (var level in SocLevels.All)
                    foreach (var m in release.Crosswalk.MapAll(version, level, selection))
                        foreach (var t in m.Targets)
                            yield return (selection, version, level, m, t);
    }

    /// <summary>The coding-index pairs the relationship table gives no weight.</summary>
    public static ExportTable IndexGaps(SocRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var rows = release.IndexPairsWithoutWeight().Select(g => new object?[]
        {
            g.Soc2010.ToString(), release.Soc2010.Get(g.Soc2010).DisplayTitle, g.Soc2020.ToString(), release.Soc2020.Get(g.Soc2020).DisplayTitle,
            g.ListedInTable, g.IndexEntries, string.Join(' ', g.EntryIds),
            string.Join(" | ", g.EntryIds.Select(id => release.Index.Find(id)?.QualifiedTitle ?? id)),
        }).ToArray();
        return new ExportTable(IndexGapsTable, IndexGapColumns, rows);
    }

    /// <summary>Both hierarchies, every level.</summary>
    public static ExportTable Hierarchy(SocRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var rows = new List<object?[]>();
        foreach (var version in SocVersions.All)
            foreach (var level in SocLevels.All)
                foreach (var g in release.Hierarchy(version).AtLevel(level))
                    rows.Add([(int)version, g.Code.ToString(), (int)level, level.Name(), g.Parent?.ToString() ?? "", g.Title, g.DisplayTitle]);
        return new ExportTable(HierarchyTable, HierarchyColumns, rows);
    }
}
