using System.Globalization;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Csv;

namespace SocBridge.Apportion.Io;

/// <summary>The CSV files a run writes: the translated series, the rejects and the audit trail.</summary>
public static class SeriesCsv
{
    /// <summary>Dimension columns, the target code column, the value columns (with _lo/_hi for counts under an interval), then flags.</summary>
    public static void WriteOutput(string path, ApportionResult result, ApportionOptions options) =>
        AtomicFile.WriteText(path, text => WriteOutput(text, result, options));

    public static void WriteOutput(TextWriter text, ApportionResult result, ApportionOptions options)
    {
        var csv = new CsvFieldWriter(text);
        var header = new List<string>(result.Dimensions.Columns) { options.To.ColumnName() };
        foreach (var v in options.Values)
        {
            header.Add(v.Name);
            if (options.Interval is not null && v.IsCount)
            {
                header.Add(v.Name + "_lo");
                header.Add(v.Name + "_hi");
            }
        }
        header.Add("flags");
        csv.WriteRow([.. header]);
        foreach (var cell in result.Cells)
        {
            foreach (var d in result.Dimensions.Tuple(cell.Tuple)) csv.Write(d);
            csv.Write(result.TargetCodes[cell.TargetSlot]);
            var k = 0;
            for (var i = 0; i < options.Values.Count; i++)
            {
                csv.Write(cell.Values[i]);
                if (options.Interval is not null && options.Values[i].IsCount)
                {
                    csv.Write(cell.Lower![k]);
                    csv.Write(cell.Upper![k]);
                    k++;
                }
            }
            csv.Write(cell.UsedFallback ? "fallback" : "");
            csv.EndRow();
        }
        csv.Flush();
    }

    public static void WriteRejects(string path, IReadOnlyList<RejectRecord> rejects, IReadOnlyList<string> inputHeader) =>
        AtomicFile.WriteText(path, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow(["line", "column", "value", "reason", .. inputHeader]);
            foreach (var r in rejects.OrderBy(r => r.Line))
            {
                csv.Write(r.Line);
                csv.Write(r.Column ?? "");
                csv.Write(r.Value ?? "");
                csv.Write(r.Reason);
                foreach (var f in r.Fields) csv.Write(f);
                csv.EndRow();
            }
            csv.Flush();
        });

    public static void WriteAudit(string path, ApportionResult result, ApportionOptions options) =>
        AtomicFile.WriteText(path, text =>
        {
            var csv = new CsvFieldWriter(text);
            var counts = options.Values.Select((v, i) => (v, i)).Where(x => x.v.IsCount).ToArray();
            csv.WriteRow([.. result.Dimensions.Columns, options.To.ColumnName(), options.From.ColumnName(), "weight", "weights_used", "fallback",
                "joint_count", "sample_total", "source_base", .. counts.Select(c => "contribution_" + c.v.Name)]);
            foreach (var a in result.Audit)
            {
                foreach (var d in result.Dimensions.Tuple(a.Tuple)) csv.Write(d);
                csv.Write(result.TargetCodes[a.TargetSlot]);
                csv.Write(a.SourceCode);
                csv.Write(a.Weight);
                csv.Write(a.Used.ToString());
                csv.Write(a.FallbackReason ?? "");
                csv.Write(a.JointCount);
                csv.Write(a.SampleTotal);
                csv.Write(a.SourceBase is { } b ? CsvFieldWriter.FormatNumber(b) : "");
                foreach (var (_, i) in counts) csv.Write(a.Contributions[i]);
                csv.EndRow();
            }
            csv.Flush();
        });

    public static string Describe(WeightSelection selection) => selection.ToString();

    public static string Format(double value) => value.ToString("#,##0.###", CultureInfo.InvariantCulture);
}
