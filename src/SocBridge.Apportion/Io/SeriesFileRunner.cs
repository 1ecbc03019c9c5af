using System.Globalization;
using SocBridge.Apportion.Engine;
using SocBridge.Core.Files;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Translates a series file and writes its output, rejects, audit, calibration and metadata as one unit.
/// In order: every path is resolved and checked (no output may be the input or another output); the
/// input's header is read and the options checked against it; the output's lock is taken and temporary
/// files of killed runs removed; the rows are read and shared out; the run is checked (something
/// apportioned, totals reconciled, rejected share within bounds, every number finite); only then are the
/// files published. A run that fails leaves the output folder as it was.
/// </summary>
public static class SeriesFileRunner
{
    private const long SliceAbove = 4 << 20;

    /// <summary>Runs <paramref name="request"/>; <paramref name="progress"/> receives the fraction of the input read.</summary>
    /// <exception cref="RunFileConflictException">An output path is the input or another output.</exception>
    /// <exception cref="InvalidDataException">The input cannot be read as asked (file, line and column named).</exception>
    /// <exception cref="SeriesRunException">The input was read but the run is refused (nothing is written).</exception>
    /// <exception cref="OutputLockedException">Another run is writing the same output.</exception>
    public static SeriesFileReport Run(SocRelease release, SeriesFileRequest request, Action<double>? progress = null)
    {
        var problems = request.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(request));
        var files = request.Files;
        files.CheckDistinct();
        var input = InputFile.Open(request);
        var layout = SeriesLayout.From(input.Header, request.Options, input.HeaderLocation);
        var options = layout.Options;
        if (request.Calibration is { Column: { } calibrationColumn } && options.Values.FirstOrDefault(v => v.Name == calibrationColumn) is not { IsCount: true })
            throw new InvalidDataException($"{input.HeaderLocation}: the calibration column '{calibrationColumn}' is not one of the count columns ({string.Join(", ", options.Counts.Select(c => c.Name))})");
        // Margin files and fitted weights are read before the input's rows, so their errors come first.
        Estimation.SeriesCalibrationResult? estimator = null;
        if (request.Estimator is { } estimatorRequest)
        {
            estimator = Estimation.SeriesCalibration.Prepare(release, estimatorRequest, options, layout, input.OpenTable, request.InputPath);
            options = options with { Weights = estimator.Weights };
        }
        var warnings = input.Profile(layout);
        if (request.StrictColumns && warnings.Count > 0)
            throw new SeriesRunException(SeriesRunFailure.SuspectColumns, string.Join("; ", warnings.Select(w => w.Message)));

        using var outputLock = OutputLock.Acquire(files.Output);
        StagedFiles.RemoveStale(files.Outputs().Select(o => o.Path));
        using var set = new OutputSet();
        var resolved = request with { Options = options };
        var style = new OutputStyle(request.Decimals, request.Titles);
        var outputPath = set.Stage("output", files.Output);
        var (result, rejects, timings, mode) = Apportion(release, resolved, input, layout, outputPath, style, progress);
        if (mode.OutputDigest is { } digest) set.Hashed(outputPath, digest);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var rejected = rejects.Sum(r => r.Count);
            // A whole run was checked before its output was written; a streamed one checked each window, and now its totals.
            if (mode.Mode.Streamed) Check(result, request, input.Description, rejects);
            RejectsFile.Join(set.Stage("rejects", files.Rejects), rejects);
            if (files.Audit is { } audit) SeriesCsv.WriteAudit(set.Stage("audit", audit), result, options, style);
            if (result.Calibration is { } calibration)
                SeriesCsv.WriteCalibration(set.Stage("calibration", files.Calibration), set.Stage("weight moves", files.WeightMoves), calibration);
            if (estimator?.Fit is { } fit)
                SeriesCsv.WriteFit(set.Stage("calibration", files.Calibration), set.Stage("weight moves", files.WeightMoves), fit);
            var report = new SeriesFileReport(request, result, rejected, files.Metadata, layout.Ignored, timings)
            {
                Options = options,
                Dimensions = layout.DimensionNames,
                InputDescription = input.Description,
                ColumnWarnings = warnings,
                Estimator = estimator,
                OutputRows = mode.OutputRows,
                Reading = mode.Mode,
            };
            if (files.Report is { } reportPath)
            {
                var rejectsStaged = set.StagedPath(files.Rejects)!;
                request.ReportWriter!.Write(set.Stage("report", reportPath), report with { Files = set.Preview() }, rejectsStaged);
            }
            var published = set.Publish(files.Metadata, (path, written) => RunMetadata.Write(path, release, report with { Files = written }));
            return report with { Files = published, Timings = timings with { Writing = timings.Writing + clock.Elapsed } };
        }
        finally
        {
            RejectsFile.Delete(rejects);
        }
    }

    /// <summary>How the rows were read (streamed or whole), how many output rows were written, and the output's SHA-256 when it was hashed as written.</summary>
    private readonly record struct ModeOfRun(ReadingMode Mode, long OutputRows, FileDigest? OutputDigest);

    /// <summary>
    /// Reads, shares out and writes the output to <paramref name="outputPath"/>: window by window when the file
    /// arrives grouped by its dimensions, otherwise whole. The output is checked before it is written in a
    /// whole run; a streamed run checks each window before writing it.
    /// </summary>
    private static (ApportionResult Result, RejectsFile[] Rejects, RunTimings Timings, ModeOfRun Mode) Apportion(
        SocRelease release, SeriesFileRequest request, InputFile input, SeriesLayout layout, string outputPath, OutputStyle style, Action<double>? progress)
    {
        string? wholeReason = null;
        if (GroupedRun.Applies(request, input, layout, request.WindowBytes))
        {
            var streamed = GroupedRun.TryRun(release, request, layout, outputPath, request.Files.Output, style, request.WindowBytes, progress, out wholeReason);
            if (streamed is not null)
                return (streamed.Result, streamed.Rejects, streamed.Timings, new ModeOfRun(new ReadingMode(streamed.Windows, streamed.Reordered), streamed.OutputRows, streamed.Digest));
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (engine, rejects) = ReadRows(release, request, input, layout, progress);
        try
        {
            var reading = clock.Elapsed;
            ApportionResult result;
            try
            {
                result = engine.Finish(request.Calibration);
            }
            catch (DuplicateAcrossPartsException)
            {
                // Repeated cells in different slices: read again as one, so the later rows are rejected one by one.
                RejectsFile.Delete(rejects);
                (engine, rejects) = ReadRows(release, request with { Slices = 1 }, input, layout, progress);
                result = engine.Finish(request.Calibration);
            }
            var sharing = clock.Elapsed - reading;
            Check(result, request, input.Description, rejects);
            FileDigest? digest = SeriesParquet.IsParquet(request.Files.Output)
                ? SeriesParquet.WriteOutput(outputPath, result, request.Options, style)
                : SeriesCsv.WriteOutput(outputPath, result, request.Options, style);
            var mode = new ReadingMode(0, false, wholeReason);
            return (result, rejects, new RunTimings(reading, sharing, clock.Elapsed - reading - sharing), new ModeOfRun(mode, result.Cells.Count, digest));
        }
        catch
        {
            RejectsFile.Delete(rejects);
            throw;
        }
    }

    /// <summary>The checks a run must pass before anything is written.</summary>
    private static void Check(ApportionResult result, SeriesFileRequest request, string input, IReadOnlyList<RejectsFile> rejects)
    {
        var r = result.Reconciliation;
        if (r.RowsApportioned == 0)
            throw new SeriesRunException(SeriesRunFailure.NothingApportioned,
                $"{input}: no row was apportioned ({r.RowsRead:N0} data rows read, {r.RowsRejected:N0} rejected{(r.TotalRows > 0 ? $", {r.TotalRows:N0} total rows" : "")})" +
                FirstReasons(rejects));
        if (request.MaxRejectedShare is { } limit)
            foreach (var c in r.Columns.Where(c => c.RejectedShare > limit))
                throw new SeriesRunException(SeriesRunFailure.TooManyRejected,
                    $"{input}: {c.RejectedShare.ToString("P2", CultureInfo.InvariantCulture)} of column '{c.Column}' was rejected " +
                    $"({Number(c.RejectedMagnitude)} of {Number(c.InPositive - c.InNegative)}), more than the {limit.ToString("P2", CultureInfo.InvariantCulture)} allowed" + FirstReasons(rejects));
        if (!AllFinite(result))
            throw new SeriesRunException(SeriesRunFailure.NotFinite, $"{input}: a translated value or total is too large to represent; no output was written");
        if (!r.Balances)
            throw new SeriesRunException(SeriesRunFailure.DoesNotReconcile, "totals do not reconcile: " + string.Join("; ",
                r.Columns.Where(c => !c.Balances).Select(c => $"{c.Column}: in {Number(c.In)}, out {Number(c.Out)}, rejected {Number(c.Rejected)}"))
                + (r.RowsRead != r.RowsApportioned + r.RowsRejected ? $"; rows read {r.RowsRead}, apportioned {r.RowsApportioned}, rejected {r.RowsRejected}" : ""));
    }

    internal static bool AllFinite(ApportionResult result)
    {
        foreach (var v in result.Cells.Values)
            if (double.IsInfinity(v)) return false;
        foreach (var c in result.Reconciliation.Columns)
            if (!double.IsFinite(c.In) || !double.IsFinite(c.Out) || !double.IsFinite(c.Rejected) || !double.IsFinite(c.RejectedMagnitude)) return false;
        return true;
    }

    /// <summary>The most common reject reasons, for a failure message (the rejects file is not kept when a run fails).</summary>
    private static string FirstReasons(IReadOnlyList<RejectsFile> rejects)
    {
        var reasons = rejects.SelectMany(r => r.FirstReasons).GroupBy(x => x.Reason).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => $"line {g.First().Line}: {g.Key}").ToArray();
        return reasons.Length == 0 ? "" : "; for example " + string.Join("; ", reasons);
    }

    private static string Number(double v) => v.ToString("#,##0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads every data row into a new engine: a default CSV file in slices on several threads when it
    /// allows it, anything else with its general reader. Rejects go to one temporary file per reader, in input order.
    /// </summary>
    private static (Apportioner Engine, RejectsFile[] Rejects) ReadRows(SocRelease release, SeriesFileRequest request, InputFile input, SeriesLayout layout, Action<double>? progress)
    {
        var engine = new Apportioner(release, request.Options, layout.DimensionNames);
        var rejectsPath = request.Files.Rejects;
        if (input.Kind == InputKind.Csv && request.Dialect.IsDefault && !request.GeneralReader)
        {
            using var handle = File.OpenHandle(request.InputPath);
            var length = RandomAccess.GetLength(handle);
            var count = request.Slices ?? (length > SliceAbove ? request.Options.Threads ?? Environment.ProcessorCount : 1);
            if (FileSlices.Plan(handle, Math.Max(1, count)) is { } plan)
            {
                var report = ByteProgress.For(progress, length);
                var sliceRejects = ReadSlices(handle, plan, request, layout, engine, 0, report);
                progress?.Invoke(1);
                return (engine, sliceRejects);
            }
        }
        if (input.Kind == InputKind.Parquet && (request.Slices ?? request.Options.Threads ?? Environment.ProcessorCount) is var readers and > 1
            && ParquetTableReader.GroupRows(request.InputPath) is { Length: > 1 } groups)
            return (engine, ReadRowGroups(groups, Math.Min(readers, groups.Length), request, layout, engine, progress));
        var rejects = RejectsFile.For(rejectsPath, 0, layout.Header);
        try
        {
            using var table = input.OpenTable();
            if (table is ParquetTableReader parquet) new ParquetRowReader(layout, engine.MainPart, rejects).Read(parquet, request.Options, progress);
            else new RecordReader(layout, engine.MainPart, rejects).Read(table, request.Options, progress);
        }
        catch
        {
            RejectsFile.Delete([rejects]);
            throw;
        }
        return (engine, [rejects]);
    }

    /// <summary>
    /// Reads the row groups of a Parquet file in <paramref name="count"/> runs of consecutive groups (about the
    /// same number of rows each), one thread and one engine part per run, in file order like the slices of a CSV file.
    /// </summary>
    private static RejectsFile[] ReadRowGroups(long[] groups, int count, SeriesFileRequest request, SeriesLayout layout, Apportioner engine, Action<double>? progress)
    {
        var total = groups.Sum();
        var bounds = new int[count + 1];
        bounds[count] = groups.Length;
        long rows = 0;
        for (int g = 0, k = 1; g < groups.Length && k < count; g++)
        {
            rows += groups[g];
            if (rows >= total * k / count) bounds[k++] = g + 1;
        }
        for (var k = 1; k < count; k++) bounds[k] = Math.Max(bounds[k], bounds[k - 1]);
        var parts = Enumerable.Range(0, count).Select(k => k == 0 ? engine.MainPart : engine.NewPart()).ToArray();
        var rejects = Enumerable.Range(0, count).Select(k => RejectsFile.For(request.Files.Rejects, k, layout.Header)).ToArray();
        var done = new double[count];
        var gate = new Lock();
        ReadInParallel(count, rejects, k =>
        {
            using var table = ParquetTableReader.Open(request.InputPath, bounds[k], bounds[k + 1]);
            new ParquetRowReader(layout, parts[k], rejects[k]).Read(table, request.Options, progress is null ? null : _ =>
            {
                lock (gate)
                {
                    // The reader's progress is over the whole file; this run is groups bounds[k] to bounds[k + 1].
                    done[k] = Math.Clamp((table.Progress * groups.Length - bounds[k]) / Math.Max(1, bounds[k + 1] - bounds[k]), 0, 1);
                    progress(done.Sum() / count);
                }
            });
        });
        return rejects;
    }

    /// <summary>
    /// Reads the slices of <paramref name="plan"/> on one thread each into parts of <paramref name="engine"/>
    /// (the first into its main part); the rejects go to files numbered from <paramref name="firstRejects"/>.
    /// </summary>
    internal static RejectsFile[] ReadSlices(Microsoft.Win32.SafeHandles.SafeFileHandle handle, SlicePlan plan,
        SeriesFileRequest request, SeriesLayout layout, Apportioner engine, int firstRejects, Action<long>? report)
    {
        var rejectsPath = request.Files.Rejects;
        var slices = plan.Slices;
        var parts = slices.Select((_, k) => k == 0 ? engine.MainPart : engine.NewPart()).ToArray();
        // No cell table needs more entries than its slice has lines (30 bytes a line is a short one); past a bound, tables grow as needed.
        for (var k = 0; k < parts.Length; k++) parts[k].Reserve((int)Math.Min(1 << 21, (slices[k].End - slices[k].Start) / 30));
        var rejects = slices.Select((_, k) => RejectsFile.For(rejectsPath, firstRejects + k, layout.Header)).ToArray();
        ReadInParallel(slices.Count, rejects, k =>
        {
            if (plan.Quoted)
            {
                // A slice with quoted fields (none holding a line break), read by the general reader.
                using var table = CsvTableReader.OpenSlice(new FileRangeStream(handle, slices[k].Start, slices[k].End), request.InputPath, slices[k].FirstLine);
                long reported = 0;
                new RecordReader(layout, parts[k], rejects[k]).Read(table, request.Options, report is null ? null : _ =>
                {
                    report(table.Position - reported);
                    reported = table.Position;
                });
            }
            else new SliceReader(request.InputPath, layout, parts[k], rejects[k]).Read(handle, slices[k], request.Options, report);
        });
        return rejects;
    }

    /// <summary>
    /// Runs <paramref name="read"/> for parts 0 to <paramref name="count"/> − 1 on one thread each. When any
    /// fails, the rejects files are deleted and the failure nearest the top of the input is thrown, as a reader
    /// going row by row would report it.
    /// </summary>
    internal static void ReadInParallel(int count, RejectsFile[] rejects, Action<int> read)
    {
        var failures = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, k =>
        {
            try
            {
                read(k);
            }
            catch (Exception e)
            {
                failures[k] = e;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is not { } failure) return;
        RejectsFile.Delete(rejects);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
