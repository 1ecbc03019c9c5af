using SocBridge.Core.Classification;
using SocBridge.Core.Csv;

namespace SocBridge.Core.Crosswalk;

/// <summary>
/// Mapping results as one long CSV table: a row per (source, target) pair with its weight, joint count,
/// the weights requested and used, the fallback reason, the relationship and the sample behind it.
/// This is the table <c>socbridge map --format csv</c> prints.
/// </summary>
public static class MappingCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "from_version", "from_code", "from_title", "to_version", "to_code", "to_title", "weight", "joint_count",
        "weights", "sex", "weights_used", "sex_used", "fallback", "relationship", "sample_total", "source_base", "residual",
    ];

    /// <summary>Writes the header and one row per target of every result, then flushes <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<MappingResult> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        var csv = new CsvFieldWriter(writer);
        foreach (var name in Header) csv.Write(name);
        csv.EndRow();
        foreach (var r in results)
            foreach (var t in r.Targets)
            {
                csv.Write(r.Source.Version.Year()); csv.Write(r.Source.ToString()); csv.Write(r.SourceTitle);
                csv.Write(r.TargetVersion.Year()); csv.Write(t.Code.ToString()); csv.Write(t.Title);
                csv.Write(t.Weight); csv.Write(t.JointCount);
                csv.Write(WeightSets.Name(r.Requested.Set)); csv.Write(WeightSets.Name(r.Requested.Sex));
                csv.Write(WeightSets.Name(r.Used.Set)); csv.Write(WeightSets.Name(r.Used.Sex));
                csv.Write(r.FallbackReason ?? ""); csv.Write(r.Relationship.Name());
                csv.Write(r.SampleTotal); csv.Write(r.SourceBase ?? double.NaN); csv.Write(r.ResidualShare ?? double.NaN);
                csv.EndRow();
            }
        csv.Flush();
    }
}
