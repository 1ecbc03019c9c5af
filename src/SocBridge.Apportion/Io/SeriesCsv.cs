using System.Runtime.CompilerServices;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;

namespace SocBridge.Apportion.Io;

/// <summary>How written values look: rounded to a number of decimals or in full, with or without target titles.</summary>
public sealed record OutputStyle(int? Decimals = null, bool Titles = false)
{
    /// <summary>Every value in full (shortest exact form), no titles.</summary>
    public static OutputStyle Default { get; } = new();

    /// <summary>A value as written: rounded half away from zero when asked, never "-0".</summary>
    public double Round(double value)
    {
        if (Decimals is not { } d || double.IsNaN(value)) return value;
        var rounded = Math.Round(value, d, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }
}

/// <summary>The CSV files a run writes: the translated series, the audit trail and the calibration reports.</summary>
internal static class SeriesCsv
{
    /// <summary>Dimension columns, the target code (and title) column, the value columns (with _lo/_hi for counts under an interval), then flags.</summary>
    public static void WriteOutput(string path, ApportionResult result, ApportionOptions options, OutputStyle? style = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        WriteOutput(stream, result, options, style);
    }

    /// <summary>
    /// Writes the output as UTF-8. Rows are formatted and encoded in blocks on several threads, a few blocks
    /// at a time, and written in order, so memory stays at a few blocks whatever the size of the output.
    /// </summary>
    public static void WriteOutput(Stream stream, ApportionResult result, ApportionOptions options, OutputStyle? style = null) =>
        WriteRows(stream, result, options, style ?? OutputStyle.Default, header: true, tupleBytes: null);

    /// <summary>
    /// Writes the rows of <paramref name="result"/> (after the header when <paramref name="header"/>) and, when
    /// <paramref name="tupleBytes"/> is given, tells it the bytes written for each run of rows of one dimension
    /// tuple, in order (a tuple's rows are contiguous, so one call per tuple, or several when a tuple spans blocks).
    /// </summary>
    internal static void WriteRows(Stream stream, ApportionResult result, ApportionOptions options, OutputStyle style, bool header, Action<int, long>? tupleBytes)
    {
        if (header) WriteHeader(stream, result, options, style);
        WriteBody(stream, result, options, style, tupleBytes);
    }

    private static void WriteHeader(Stream stream, ApportionResult result, ApportionOptions options, OutputStyle style)
    {
        var header = new List<string>(result.Dimensions.Columns) { options.To.ColumnName() };
        if (style.Titles) header.Add(options.To.ColumnName() + "_title");
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
        stream.Write(CsvFieldWriter.Utf8NoBom.GetBytes(CsvFieldWriter.JoinRow(header) + "\n"));
    }

    private static void WriteBody(Stream stream, ApportionResult result, ApportionOptions options, OutputStyle style, Action<int, long>? tupleBytes)
    {
        var cells = result.Cells;
        var threads = options.Threads ?? Environment.ProcessorCount;
        // Each dimension tuple's CSV text (escaped, comma-joined) is made once and reused for all its rows.
        var prefixes = new string?[result.Dimensions.Count];
        Parallel.For(0, prefixes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => prefixes[t] = CsvFieldWriter.JoinRow(result.Dimensions.Tuple(t)));
        var blocks = (cells.Count + RowsPerBlock - 1) / RowsPerBlock;
        var wave = 2 * threads;
        // One text and one byte buffer per block of a wave, reused from wave to wave.
        var texts = Enumerable.Range(0, Math.Min(wave, blocks)).Select(_ => new StringWriter(new System.Text.StringBuilder(RowsPerBlock * 48), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var bytes = new byte[texts.Length][];
        var lengths = new int[texts.Length];
        for (var first = 0; first < blocks; first += wave)
        {
            var count = Math.Min(wave, blocks - first);
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
            {
                var text = texts[b].GetStringBuilder().Clear();
                FormatRows(texts[b], result, options, style, prefixes, (first + b) * RowsPerBlock, Math.Min(cells.Count, (first + b + 1) * RowsPerBlock));
                var needed = CsvFieldWriter.Utf8NoBom.GetMaxByteCount(text.Length);
                if (bytes[b] is null || bytes[b].Length < needed) bytes[b] = new byte[needed];
                var length = 0;
                foreach (var chunk in text.GetChunks()) length += CsvFieldWriter.Utf8NoBom.GetBytes(chunk.Span, bytes[b].AsSpan(length));
                lengths[b] = length;
            });
            for (var b = 0; b < count; b++)
            {
                stream.Write(bytes[b], 0, lengths[b]);
                if (tupleBytes is not null) ReportTuples(tupleBytes, cells.Tuples, (first + b) * RowsPerBlock, bytes[b].AsSpan(0, lengths[b]));
            }
        }
    }

    /// <summary>
    /// Finds the bytes of each run of same-tuple rows in one written block (rows from <paramref name="firstRow"/>,
    /// one line each: no written field holds a line break in a run that records tuple bytes).
    /// </summary>
    private static void ReportTuples(Action<int, long> tupleBytes, ReadOnlySpan<int> tuples, int firstRow, ReadOnlySpan<byte> block)
    {
        var row = firstRow;
        var runStart = 0;
        var at = 0;
        while (at < block.Length)
        {
            var end = block[at..].IndexOf((byte)'\n');
            if (end < 0 || row >= tuples.Length) throw new InvalidOperationException("a written block does not hold one line per row");
            at += end + 1;
            row++;
            if (row == tuples.Length || at == block.Length || tuples[row] != tuples[row - 1])
            {
                tupleBytes(tuples[row - 1], at - runStart);
                runStart = at;
            }
        }
    }

    private const int RowsPerBlock = 1 << 13;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FormatRows(TextWriter text, ApportionResult result, ApportionOptions options, OutputStyle style, string?[] prefixes, int from, int to)
    {
        var cells = result.Cells;
        var withBounds = options.Interval is not null;
        var round = style.Decimals is not null;
        var csv = new CsvFieldWriter(text);
        for (var r = from; r < to; r++)
        {
            csv.WriteRaw(prefixes[cells.Tuples[r]]);
            csv.Write(result.TargetCodes[cells.TargetSlots[r]]);
            if (style.Titles) csv.Write(result.TargetTitles[cells.TargetSlots[r]]);
            var k = 0;
            for (var i = 0; i < options.Values.Count; i++)
            {
                var value = cells.Value(r, i);
                csv.Write(round ? style.Round(value) : value);
                if (withBounds && options.Values[i].IsCount)
                {
                    csv.Write(style.Round(cells.Lower[r * cells.IntervalCount + k]));
                    csv.Write(style.Round(cells.Upper[r * cells.IntervalCount + k]));
                    k++;
                }
            }
            csv.Write(cells.Fallback[r] ? "fallback" : "");
            csv.EndRow();
        }
    }

    /// <summary>Every contribution of a source code to an output cell: weight, sample counts and the contribution of each shared column.</summary>
    public static void WriteAudit(string path, ApportionResult result, ApportionOptions options, OutputStyle? style = null) =>
        WriteText(path, text =>
        {
            style ??= OutputStyle.Default;
            var csv = new CsvFieldWriter(text);
            var counts = options.Values.Select((v, i) => (v, i)).Where(x => x.v.IsShared).ToArray();
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
                foreach (var (_, i) in counts) csv.Write(style.Round(a.Contributions[i]));
                csv.EndRow();
            }
            csv.Flush();
        });

    /// <summary>Writes OUT.calibration.csv (fit per target) and OUT.weight-moves.csv (every weight before and after).</summary>
    public static void WriteCalibration(string calibrationPath, string weightMovesPath, Calibration.CalibrationReport report)
    {
        WriteText(calibrationPath, text =>
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
        WriteText(weightMovesPath, text =>
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

    private static void WriteText(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, false, CsvFieldWriter.Utf8NoBom, 1 << 16);
        write(writer);
    }

    /// <summary>
    /// Writes the calibrated estimator's audit: OUT.calibration.csv (target, fitted value, residual and factor of
    /// every constraint set) and OUT.weight-moves.csv (every pair's prior and fitted weight).
    /// </summary>
    public static void WriteFit(string calibrationPath, string weightMovesPath, Estimation.CalibratedFit fit)
    {
        WriteText(calibrationPath, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow("constraint_set", "block", "target", "fitted", "residual", "relative_residual", "factor");
            foreach (var set in fit.Sets)
            {
                csv.Write(set.Label); csv.Write(set.IsBlock); csv.Write(set.Target); csv.Write(set.Fitted);
                csv.Write(set.Residual); csv.Write(set.RelativeResidual); csv.Write(set.Factor);
                csv.EndRow();
            }
        });
        WriteText(weightMovesPath, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow("soc2010", "soc2020", "family", "constraint_set", "weight_before", "weight_after", "change", "moved");
            foreach (var p in fit.Pairs.OrderBy(p => p.Soc2010.ToString(), StringComparer.Ordinal).ThenBy(p => p.Soc2020.ToString(), StringComparer.Ordinal))
            {
                csv.Write(p.Soc2010.ToString()); csv.Write(p.Soc2020.ToString()); csv.Write(p.Family); csv.Write(p.ConstraintSet ?? "");
                csv.Write(p.Prior); csv.Write(p.Fitted); csv.Write(p.Change); csv.Write(Math.Abs(p.Change) > fit.Options.MoveThreshold);
                csv.EndRow();
            }
        });
    }
}
