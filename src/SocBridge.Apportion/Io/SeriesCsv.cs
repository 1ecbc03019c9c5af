using System.Globalization;
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
    /// <summary>
    /// Dimension columns, the target code (and title) column, the value columns (with _lo/_hi for counts under an
    /// interval), then flags. Returns the file's SHA-256, computed as it was written.
    /// </summary>
    public static FileDigest WriteOutput(string path, ApportionResult result, ApportionOptions options, OutputStyle? style = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashed = new HashingStream(stream);
        WriteOutput(hashed, result, options, style);
        return hashed.Digest()!.Value;
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

    private static void WriteBody(Stream stream, ApportionResult result, ApportionOptions options, OutputStyle style, Action<int, long>? tupleBytes) =>
        WriteBody(stream, result, new RowFields(result, options, style, options.Threads ?? Environment.ProcessorCount), 0, result.Cells.Count, options, style, tupleBytes);

    /// <summary>
    /// Writes, after the header when <paramref name="header"/> is given, runs of rows of several results in the order
    /// listed (a streamed run puts the tuples of consecutive windows in output order this way), telling
    /// <paramref name="tupleBytes"/> the bytes written for each run of rows of one tuple, by the tuple's id in the run.
    /// </summary>
    internal static void WriteSegments(Stream stream, ApportionResult? header, IReadOnlyList<RowSegment> segments, ApportionOptions options, OutputStyle style,
        Action<int, long> tupleBytes)
    {
        if (header is not null) WriteHeader(stream, header, options, style);
        foreach (var segment in segments)
        {
            segment.Rows.Fields ??= new RowFields(segment.Rows.Result, options, style, options.Threads ?? Environment.ProcessorCount);
            var global = segment.Rows.Global;
            WriteBody(stream, segment.Rows.Result, segment.Rows.Fields, segment.From, segment.To, options, style, (t, bytes) => tupleBytes(global[t], bytes));
        }
    }

    private static void WriteBody(Stream stream, ApportionResult result, RowFields fields, int from, int to, ApportionOptions options, OutputStyle style, Action<int, long>? tupleBytes)
    {
        var threads = options.Threads ?? Environment.ProcessorCount;
        var blocks = (to - from + RowsPerBlock - 1) / RowsPerBlock;
        var wave = 2 * threads;
        // One buffer per block of a wave, reused from wave to wave.
        var buffers = Enumerable.Range(0, Math.Min(wave, blocks)).Select(_ => new RowBlock()).ToArray();
        for (var first = 0; first < blocks; first += wave)
        {
            var count = Math.Min(wave, blocks - first);
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
                buffers[b].Format(fields, result, style, from + (first + b) * RowsPerBlock, Math.Min(to, from + (first + b + 1) * RowsPerBlock)));
            for (var b = 0; b < count; b++)
            {
                stream.Write(buffers[b].Bytes, 0, buffers[b].Length);
                if (tupleBytes is null) continue;
                foreach (var (tuple, bytes) in buffers[b].Runs) tupleBytes(tuple, bytes);
            }
        }
    }

    private const int RowsPerBlock = 1 << 13;

    /// <summary>
    /// The text of every field that repeats from row to row, as the UTF-8 bytes <see cref="CsvFieldWriter"/> writes
    /// for it (escaped): each dimension tuple's fields joined by commas, each target code and title.
    /// </summary>
    internal sealed class RowFields
    {
        public RowFields(ApportionResult result, ApportionOptions options, OutputStyle style, int threads)
        {
            var utf8 = CsvFieldWriter.Utf8NoBom;
            Prefixes = new byte[]?[result.Dimensions.Count];
            Parallel.For(0, Prefixes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
                t => Prefixes[t] = CsvFieldWriter.JoinRow(result.Dimensions.Tuple(t)) is { } joined ? utf8.GetBytes(joined) : null);
            Codes = [.. result.TargetCodes.Select(c => utf8.GetBytes(CsvFieldWriter.JoinRow([c])!))];
            Titles = style.Titles ? [.. result.TargetTitles.Select(c => utf8.GetBytes(CsvFieldWriter.JoinRow([c])!))] : [];
            Bounded = [.. options.Values.Select(v => options.Interval is not null && v.IsCount)];
            var numbers = Bounded.Sum(b => b ? 3 : 1);
            var longest = Longest(Prefixes.Select(p => p?.Length ?? 0)) + Longest(Codes.Select(c => c.Length)) + Longest(Titles.Select(c => c.Length));
            LongestRow = longest + numbers * (1 + NumberBytes) + Fallback.Length + 4;
        }

        private static int Longest(IEnumerable<int> lengths) => lengths.DefaultIfEmpty(0).Max();

        /// <summary>Room for any number in its shortest exact form.</summary>
        public const int NumberBytes = ShortestNumber.MaxBytes;

        public byte[]?[] Prefixes { get; }

        public byte[][] Codes { get; }

        public byte[][] Titles { get; }

        /// <summary>For each value column, whether it is followed by its interval's bounds.</summary>
        public bool[] Bounded { get; }

        /// <summary>The most bytes one row can take.</summary>
        public int LongestRow { get; }

        public static ReadOnlySpan<byte> Fallback => "fallback"u8;
    }

    /// <summary>
    /// One block of rows formatted straight into UTF-8 (reused from block to block), with the bytes of each run of
    /// rows of one dimension tuple, in order.
    /// </summary>
    private sealed class RowBlock
    {
        public byte[] Bytes = new byte[RowsPerBlock * 64];
        public int Length;
        public readonly List<(int Tuple, long Bytes)> Runs = [];

        /// <summary>
        /// Formats rows <paramref name="from"/> to <paramref name="to"/> as <see cref="CsvFieldWriter"/> would:
        /// fields quoted only when they need it, numbers as <see cref="ShortestNumber"/> writes them, NaN as an empty field.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Format(RowFields fields, ApportionResult result, OutputStyle style, int from, int to)
        {
            var cells = result.Cells;
            var tuples = cells.Tuples;
            var slots = cells.TargetSlots;
            var values = cells.Values;
            var lower = cells.Lower;
            var upper = cells.Upper;
            var fallback = cells.Fallback;
            var bounded = fields.Bounded;
            var round = style.Decimals is not null;
            var intervals = cells.IntervalCount;
            Runs.Clear();
            var at = 0;
            var runStart = 0;
            for (var r = from; r < to; r++)
            {
                if (Bytes.Length - at < fields.LongestRow) Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, at + fields.LongestRow));
                var line = Bytes.AsSpan();
                if (fields.Prefixes[tuples[r]] is { } prefix)
                {
                    prefix.CopyTo(line[at..]);
                    at += prefix.Length;
                    line[at++] = (byte)',';
                }
                var code = fields.Codes[slots[r]];
                code.CopyTo(line[at..]);
                at += code.Length;
                if (style.Titles)
                {
                    line[at++] = (byte)',';
                    var title = fields.Titles[slots[r]];
                    title.CopyTo(line[at..]);
                    at += title.Length;
                }
                var k = 0;
                for (var i = 0; i < bounded.Length; i++)
                {
                    var value = values[r * cells.ValueCount + i];
                    at = Number(line, at, round ? style.Round(value) : value);
                    if (bounded[i])
                    {
                        at = Number(line, at, style.Round(lower[r * intervals + k]));
                        at = Number(line, at, style.Round(upper[r * intervals + k]));
                        k++;
                    }
                }
                line[at++] = (byte)',';
                if (fallback[r])
                {
                    RowFields.Fallback.CopyTo(line[at..]);
                    at += RowFields.Fallback.Length;
                }
                line[at++] = (byte)'\n';
                if (r + 1 == to || tuples[r + 1] != tuples[r])
                {
                    Runs.Add((tuples[r], at - runStart));
                    runStart = at;
                }
            }
            Length = at;
        }

        /// <summary>A comma and <paramref name="value"/> at <paramref name="at"/>; returns the position after it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Number(Span<byte> line, int at, double value)
        {
            line[at++] = (byte)',';
            if (double.IsNaN(value)) return at;
            return at + ShortestNumber.Format(value, line.Slice(at, RowFields.NumberBytes));
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

/// <summary>
/// The rows of one shared-out window that a streamed run still has to write: <see cref="Global"/> maps the window's
/// tuple ids to the run's, <see cref="Runs"/> lists its tuples' rows in output order, and <see cref="Next"/> is the
/// first run not yet written.
/// </summary>
internal sealed class HeldRows(ApportionResult result, int[] global)
{
    public ApportionResult Result { get; } = result;

    public int[] Global { get; } = global;

    /// <summary>Each tuple's rows (run-wide tuple id, first row, row after the last), in row order.</summary>
    public List<(int Tuple, int From, int To)> Runs { get; } = TupleRuns(result, global);

    public int Next { get; set; }

    /// <summary>The fields shared by rows, made when the first rows are written (one writer at a time).</summary>
    internal SeriesCsv.RowFields? Fields { get; set; }

    public bool Done => Next == Runs.Count;

    private static List<(int, int, int)> TupleRuns(ApportionResult result, int[] global)
    {
        var tuples = result.Cells.Tuples;
        var runs = new List<(int, int, int)>();
        for (var r = 0; r < tuples.Length;)
        {
            var end = r + 1;
            while (end < tuples.Length && tuples[end] == tuples[r]) end++;
            runs.Add((global[tuples[r]], r, end));
            r = end;
        }
        return runs;
    }
}

/// <summary>Rows <see cref="From"/> to <see cref="To"/> (exclusive) of held rows, to be written as one stretch.</summary>
internal readonly record struct RowSegment(HeldRows Rows, int From, int To);

