using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
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
        // Each dimension tuple's CSV text (escaped, comma-joined) is made once and reused for all its rows.
        var prefixes = new string?[result.Dimensions.Count];
        var done = new bool[result.Dimensions.Count];
        var cells = result.Cells;
        var withBounds = options.Interval is not null;
        for (var r = 0; r < cells.Count; r++)
        {
            var tuple = cells.Tuples[r];
            if (!done[tuple])
            {
                prefixes[tuple] = CsvFieldWriter.JoinRow(result.Dimensions.Tuple(tuple));
                done[tuple] = true;
            }
            csv.WriteRaw(prefixes[tuple]);
            csv.Write(result.TargetCodes[cells.TargetSlots[r]]);
            var k = 0;
            for (var i = 0; i < options.Values.Count; i++)
            {
                csv.Write(cells.Value(r, i));
                if (withBounds && options.Values[i].IsCount)
                {
                    csv.Write(cells.Lower![r * cells.IntervalCount + k]);
                    csv.Write(cells.Upper![r * cells.IntervalCount + k]);
                    k++;
                }
            }
            csv.Write(cells.Fallback[r] ? "fallback" : "");
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

    /// <summary>Writes OUT.calibration.csv (fit per target) and OUT.weight-moves.csv (every weight before and after).</summary>
    public static void WriteCalibration(string outputPath, Calibration.CalibrationReport report)
    {
        var stem = Path.ChangeExtension(outputPath, null);
        AtomicFile.WriteText(stem + ".calibration.csv", text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow("target", "margin", "uncalibrated", "calibrated", "misfit", "relative_misfit");
            foreach (var t in report.Targets)
            {
                csv.Write(t.Code);
                csv.Write(t.Margin is { } m ? CsvFieldWriter.FormatNumber(m) : "");
                csv.Write(t.Uncalibrated);
                csv.Write(t.Calibrated);
                csv.Write(t.Misfit is { } d ? CsvFieldWriter.FormatNumber(d) : "");
                csv.Write(t.RelativeMisfit is { } r ? CsvFieldWriter.FormatNumber(r) : "");
                csv.EndRow();
            }
            csv.Flush();
        });
        AtomicFile.WriteText(stem + ".weight-moves.csv", text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow("source", "weights", "target", "weight_before", "weight_after", "change");
            foreach (var m in report.Moves.OrderBy(m => m.Source, StringComparer.Ordinal).ThenBy(m => m.Selection, StringComparer.Ordinal).ThenBy(m => m.Target, StringComparer.Ordinal))
            {
                csv.Write(m.Source); csv.Write(m.Selection); csv.Write(m.Target); csv.Write(m.Before); csv.Write(m.After); csv.Write(m.Change);
                csv.EndRow();
            }
            csv.Flush();
        });
    }
}
