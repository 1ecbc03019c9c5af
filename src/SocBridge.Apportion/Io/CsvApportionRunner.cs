using System.Text;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;
using Sylvan.Data.Csv;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Files of one CSV-to-CSV run. Every output is written to a temporary file and renamed into place.
/// A file without quote characters is read in <see cref="Slices"/> slices on as many threads (by default
/// one per thread for files over 4 MiB); <see cref="GeneralReader"/> reads it on one thread with the
/// general CSV reader instead, as is always done for files with quotes.
/// </summary>
public sealed record CsvRunRequest(
    string InputPath, string OutputPath, ApportionOptions Options, string? RejectsPath = null, string? AuditPath = null,
    Calibration.CalibrationOptions? Calibration = null)
{
    public int? Slices { get; init; }

    public bool GeneralReader { get; init; }
}

/// <summary>What a run did, for printing and for the metadata file.</summary>
public sealed record CsvRunReport(CsvRunRequest Request, ApportionResult Result, int Rejects, string MetadataPath, IReadOnlyList<string> IgnoredColumns, RunTimings Timings);

/// <summary>Wall-clock time of each phase: reading and summing rows, sharing out (and calibrating), writing files.</summary>
public sealed record RunTimings(TimeSpan Reading, TimeSpan Sharing, TimeSpan Writing)
{
    public TimeSpan Total => Reading + Sharing + Writing;
}

/// <summary>Streams a CSV series through the <see cref="Apportioner"/> and writes output, rejects, audit and metadata.</summary>
public static class CsvApportionRunner
{
    private const long SliceAbove = 4 << 20;

    public static CsvRunReport Run(SocRelease release, CsvRunRequest request, Action<double>? progress = null)
    {
        var file = request.InputPath;
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: input file not found", file);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var layout = ReadHeader(file, request.Options);
        var (engine, rejects) = ReadRows(release, request, layout, progress);
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
                (engine, rejects) = ReadRows(release, request with { Slices = 1 }, layout, progress);
                result = engine.Finish(request.Calibration);
            }
            var sharing = clock.Elapsed - reading;

            SeriesCsv.WriteOutput(request.OutputPath, result, request.Options);
            var rejected = (int)rejects.Sum(r => r.Count);
            if (request.RejectsPath is not null) RejectsFile.Join(request.RejectsPath, rejects);
            if (request.AuditPath is not null) SeriesCsv.WriteAudit(request.AuditPath, result, request.Options);
            if (result.Calibration is { } calibrationReport) SeriesCsv.WriteCalibration(request.OutputPath, calibrationReport);
            var metadataPath = request.OutputPath + ".meta.json";
            RunMetadata.Write(metadataPath, release, request, result, rejected, layout.Ignored);
            if (!result.Reconciliation.Balances)
                throw new InvalidOperationException("totals do not reconcile: " + string.Join("; ", result.Reconciliation.Columns.Where(c => !c.Balances)
                    .Select(c => $"{c.Column}: in {c.In}, out {c.Out}, rejected {c.Rejected}")));
            var writing = clock.Elapsed - reading - sharing;
            return new CsvRunReport(request, result, rejected, metadataPath, layout.Ignored, new RunTimings(reading, sharing, writing));
        }
        finally
        {
            RejectsFile.Delete(rejects);
        }
    }

    private static SeriesLayout ReadHeader(string file, ApportionOptions options)
    {
        using var csv = OpenGeneral(file, out _);
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{file}: the file is empty; expected a header line naming the columns");
        return SeriesLayout.From(header, options, file);
    }

    private static CsvDataReader OpenGeneral(string file, out FileStream stream)
    {
        stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length == 0)
        {
            stream.Dispose();
            throw new InvalidDataException($"{file}: the file is empty; expected a header line naming the columns");
        }
        return OpenCsv(stream, hasHeaders: true, file);
    }

    /// <summary>The general CSV reader over strict UTF-8 text; it owns the stream. A header line may start with a byte order mark.</summary>
    private static CsvDataReader OpenCsv(Stream stream, bool hasHeaders, string file)
    {
        var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: hasHeaders, 1 << 16);
        try
        {
            return CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = hasHeaders, Delimiter = ',', BufferSize = 1 << 16, OwnsReader = true });
        }
        catch (DecoderFallbackException e)
        {
            text.Dispose();
            throw Utf8Errors.NotUtf8(file, e);
        }
    }

    /// <summary>A slice with quoted fields (none holding a line break), read by the general reader: record r is line FirstLine + r − 1.</summary>
    private static void ReadQuotedSlice(Microsoft.Win32.SafeHandles.SafeFileHandle handle, FileSlice slice, CsvRunRequest request, SeriesLayout layout,
        SeriesPart part, IRejectSink rejects, Action<long>? progress)
    {
        var stream = new FileRangeStream(handle, slice.Start, slice.End);
        using var csv = OpenCsv(stream, hasHeaders: false, request.InputPath);
        new RecordReader(request.InputPath, layout, part, rejects).Read(csv, stream, slice.FirstLine - 1, request.Options, progress);
    }

    /// <summary>
    /// Reads every data row into a new engine: in slices on several threads when the file allows it, else with
    /// the general reader. Rejects go to one temporary file per reader, in input order.
    /// </summary>
    private static (Apportioner Engine, RejectsFile[] Rejects) ReadRows(SocRelease release, CsvRunRequest request, SeriesLayout layout, Action<double>? progress)
    {
        var engine = new Apportioner(release, request.Options, layout.DimensionNames);
        if (!request.GeneralReader)
        {
            using var handle = File.OpenHandle(request.InputPath);
            var length = RandomAccess.GetLength(handle);
            var count = request.Slices ?? (length > SliceAbove ? request.Options.Threads ?? Environment.ProcessorCount : 1);
            if (FileSlices.Plan(handle, Math.Max(1, count)) is { } plan)
                return (engine, ReadSlices(handle, length, plan, request, layout, engine, progress));
        }
        var rejects = RejectsFile.For(request.RejectsPath, 0, layout.Header);
        try
        {
            using var csv = OpenGeneral(request.InputPath, out var stream);
            var total = Math.Max(1, stream.Length);
            long done = 0;
            // Record r after the header is file line r + 1 (exactly so unless a quoted field holds a line break).
            new RecordReader(request.InputPath, layout, engine.MainPart, rejects).Read(csv, stream, 1, request.Options,
                progress is null ? null : bytes => progress((double)(done += bytes) / total));
        }
        catch
        {
            RejectsFile.Delete([rejects]);
            throw;
        }
        return (engine, [rejects]);
    }

    private static RejectsFile[] ReadSlices(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, SlicePlan plan,
        CsvRunRequest request, SeriesLayout layout, Apportioner engine, Action<double>? progress)
    {
        var slices = plan.Slices;
        var parts = slices.Select((_, k) => k == 0 ? engine.MainPart : engine.NewPart()).ToArray();
        // No cell table needs more entries than its slice has lines (30 bytes a line is a short one); past a bound, tables grow as needed.
        for (var k = 0; k < parts.Length; k++) parts[k].Reserve((int)Math.Min(1 << 21, (slices[k].End - slices[k].Start) / 30));
        var rejects = slices.Select((_, k) => RejectsFile.For(request.RejectsPath, k, layout.Header)).ToArray();
        var failures = new Exception?[slices.Count];
        long done = 0;
        var gate = new Lock();
        Action<long>? report = progress is null ? null : bytes =>
        {
            var total = Interlocked.Add(ref done, bytes);
            lock (gate) progress((double)total / Math.Max(1, length));
        };
        Parallel.For(0, slices.Count, new ParallelOptions { MaxDegreeOfParallelism = slices.Count }, k =>
        {
            try
            {
                if (plan.Quoted) ReadQuotedSlice(handle, slices[k], request, layout, parts[k], rejects[k], report);
                else new SliceReader(request.InputPath, layout, parts[k], rejects[k]).Read(handle, slices[k], request.Options, report);
            }
            catch (Exception e)
            {
                failures[k] = e;
            }
        });
        // The failure nearest the top of the file is the one reported, as a reader going line by line would.
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            RejectsFile.Delete(rejects);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        progress?.Invoke(1);
        return rejects;
    }
}
