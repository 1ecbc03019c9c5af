using System.Text;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;
using Sylvan.Data.Csv;

namespace SocBridge.Apportion.Io;

/// <summary>Files of one CSV-to-CSV run. Every output is written to a temporary file and renamed into place.</summary>
public sealed record CsvRunRequest(
    string InputPath, string OutputPath, ApportionOptions Options, string? RejectsPath = null, string? AuditPath = null,
    Calibration.CalibrationOptions? Calibration = null);

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
    public static CsvRunReport Run(SocRelease release, CsvRunRequest request, Action<double>? progress = null)
    {
        var file = request.InputPath;
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: input file not found", file);
        var rejects = new RejectList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan reading = default, sharing = default;
        ApportionResult result;
        string[] header;
        SeriesLayout layout;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16))
        {
            if (stream.Length == 0) throw new InvalidDataException($"{file}: the file is empty; expected a header line naming the columns");
            CsvDataReader csv;
            try
            {
                csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException($"{file}: the file is not valid UTF-8 within its first {1 << 16} characters ({e.Message})", e);
            }
            using var _ = csv;
            header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
                throw new InvalidDataException($"{file}: the file is empty; expected a header line naming the columns");
            layout = SeriesLayout.From(header, request.Options, file);
            var engine = new Apportioner(release, request.Options, layout.DimensionNames);
            result = Stream(csv, layout, engine, rejects, file, stream, progress, request.Calibration, clock, out reading);
            sharing = clock.Elapsed - reading;
        }

        SeriesCsv.WriteOutput(request.OutputPath, result, request.Options);
        if (request.RejectsPath is not null) SeriesCsv.WriteRejects(request.RejectsPath, rejects.Records, header);
        if (request.AuditPath is not null) SeriesCsv.WriteAudit(request.AuditPath, result, request.Options);
        if (result.Calibration is { } calibrationReport) SeriesCsv.WriteCalibration(request.OutputPath, calibrationReport);
        var metadataPath = request.OutputPath + ".meta.json";
        RunMetadata.Write(metadataPath, release, request, result, rejects.Records.Count, layout.Ignored);
        if (!result.Reconciliation.Balances)
            throw new InvalidOperationException("totals do not reconcile: " + string.Join("; ", result.Reconciliation.Columns.Where(c => !c.Balances)
                .Select(c => $"{c.Column}: in {c.In}, out {c.Out}, rejected {c.Rejected}")));
        var writing = clock.Elapsed - reading - sharing;
        return new CsvRunReport(request, result, rejects.Records.Count, metadataPath, layout.Ignored, new RunTimings(reading, sharing, writing));
    }

    private static ApportionResult Stream(CsvDataReader csv, SeriesLayout layout, Apportioner engine, RejectList rejects, string file, FileStream stream,
        Action<double>? progress, Calibration.CalibrationOptions? calibration, System.Diagnostics.Stopwatch clock, out TimeSpan reading)
    {
        var options = engine.Options;
        var nValues = layout.ValueOrdinals.Length;
        var values = new double[nValues];
        var statuses = new CellStatus[nValues];
        var dimIds = new int[layout.DimensionOrdinals.Length];
        var row = new SylvanRow(csv, layout);
        long rows = 0;
        try
        {
            while (csv.Read())
            {
                rows++;
                if (progress is not null && (rows & 0xFFFF) == 0) progress((double)stream.Position / Math.Max(1, stream.Length));
                var line = csv.RowNumber + 1; // file line: the header is line 1
                for (var v = 0; v < nValues; v++)
                {
                    var ordinal = layout.ValueOrdinals[v];
                    statuses[v] = ordinal < csv.RowFieldCount
                        ? ValueParser.Parse(csv.GetFieldSpan(ordinal), options.Values[v].IsCount, out values[v])
                        : CellStatus.Missing;
                }
                if (csv.RowFieldCount != layout.Header.Count)
                {
                    // A short or long row cannot be trusted column by column: it is rejected whole.
                    engine.RejectRow(line, $"the row has {csv.RowFieldCount} fields; the header has {layout.Header.Count}", values, statuses, row, rejects);
                    continue;
                }
                for (var d = 0; d < dimIds.Length; d++)
                    dimIds[d] = engine.Dimensions.ValueId(d, csv.GetFieldSpan(layout.DimensionOrdinals[d]));
                var tuple = engine.Dimensions.TupleId(dimIds);
                engine.Add(line, tuple, csv.GetFieldSpan(layout.CodeOrdinal),
                    layout.SexOrdinal >= 0 ? csv.GetFieldSpan(layout.SexOrdinal) : [], values, statuses, row, rejects);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{file}: line {csv.RowNumber + 2}: the file is not valid UTF-8 ({e.Message})", e);
        }
        progress?.Invoke(1);
        reading = clock.Elapsed;
        return engine.Finish(calibration);
    }

    private sealed class SylvanRow(CsvDataReader csv, SeriesLayout layout) : ICurrentRow
    {
        public IReadOnlyList<string> Fields() => Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray();

        public string RawValue(int valueIndex) => csv.GetString(layout.ValueOrdinals[valueIndex]);
    }
}
