using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Reporting.Export;

/// <summary>
/// The table of <c>socbridge release export</c>: the release's weights in long form, one row per
/// (weight set, sex, direction, level, source, target), for other engines (DuckDB, Spark SQL, a warehouse)
/// to join a series against. The same rows as the audit export's weights table, without titles and
/// intervals; <c>docs/scale-out.md</c> shows the queries.
/// </summary>
public static class ReleaseExport
{
    /// <summary>Name of the table (and of its file, <c>weights.csv</c> or <c>weights.parquet</c>).</summary>
    public const string WeightsTable = "weights";

    /// <summary>Columns of the long-form weights table, in file order.</summary>
    public static IReadOnlyList<ExportColumn> WeightColumns { get; } =
    [
        new("from_version", ExportType.Integer, "edition of the source code: 2010 or 2020"),
        new("from_code", ExportType.Text, "source code"),
        new("to_version", ExportType.Integer, "edition of the target code"),
        new("to_code", ExportType.Text, "target code"),
        new("level", ExportType.Integer, "level of both codes: 1 major, 2 sub-major, 3 minor, 4 unit group"),
        new("weights", ExportType.Text, "weight set requested: lfs, census or pooled"),
        new("sex", ExportType.Text, "sex requested: all, men or women"),
        new("weight", ExportType.Number, "share of the source that goes to the target; sums to 1 per source and selection"),
        new("joint_count", ExportType.Number, "dual-coded sample records coded to both codes, in the cells used"),
        new("sample_total", ExportType.Number, "records of the source over all its listed targets, in the cells used"),
        new("source_base", ExportType.OptionalNumber, "SOC2010 sources: the ONS base of the source in the cells used; empty for SOC2020 sources"),
        new("residual", ExportType.OptionalNumber, "SOC2010 sources: share of source_base ONS allocated to no listed SOC2020 group; empty for SOC2020 sources"),
        new("relationship", ExportType.Text, "relationship of the source with the other edition at this level: one-to-one, split, merge, complex"),
        new("weights_used", ExportType.Text, "weight set actually used (differs from weights after a fallback)"),
        new("sex_used", ExportType.Text, "sex actually used"),
        new("fallback", ExportType.Boolean, "true when the requested selection had no record for the source and the documented fallback applied"),
    ];

    /// <summary>Every weight of every selection, both directions, every level.</summary>
    public static ExportTable Weights(SocRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var rows = new List<object?[]>();
        foreach (var (selection, version, level, m, t) in AuditExport.EveryWeight(release))
            rows.Add(
            [
                (int)version, m.Source.ToString(), (int)version.Other(), t.Code.ToString(), (int)level,
                WeightSets.Name(selection.Set), WeightSets.Name(selection.Sex),
                t.Weight, t.JointCount, m.SampleTotal, m.SourceBase, m.ResidualShare, m.Relationship.Name(),
                WeightSets.Name(m.Used.Set), WeightSets.Name(m.Used.Sex), m.IsFallback,
            ]);
        return new ExportTable(WeightsTable, WeightColumns, rows);
    }
}
