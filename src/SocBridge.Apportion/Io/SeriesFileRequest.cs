using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Io;

/// <summary>
/// One translation of a series file: a CSV file (any <see cref="CsvDialect"/>) or a sheet of an Excel
/// workbook in, a CSV file and its sidecars out (named as <see cref="RunFiles"/> says). A default CSV
/// file is read in <see cref="Slices"/> slices on as many threads (by default one per processor for files
/// over 4 MiB); <see cref="GeneralReader"/> reads it on one thread with the general CSV reader instead.
/// </summary>
public sealed record SeriesFileRequest(
    string InputPath, string OutputPath, ApportionOptions Options, string? RejectsPath = null, string? AuditPath = null,
    Calibration.CalibrationOptions? Calibration = null)
{
    /// <summary>The number of slices a CSV file is read in (null: chosen by size and processors).</summary>
    public int? Slices { get; init; }

    /// <summary>Read a CSV file on one thread with the general reader.</summary>
    public bool GeneralReader { get; init; }

    /// <summary>
    /// Read the whole file before sharing out even when it arrives grouped by its dimensions (by default such
    /// a file is streamed a window at a time; the output is the same either way).
    /// </summary>
    public bool WholeFile { get; init; }

    /// <summary>Bytes of input per window when a grouped file is streamed.</summary>
    internal long WindowBytes { get; init; } = GroupedRun.DefaultWindowBytes;

    /// <summary>The delimiter and encoding of a CSV input.</summary>
    public CsvDialect Dialect { get; init; } = CsvDialect.Default;

    /// <summary>
    /// The path by which the run's description, messages about its header and its metadata name the input, when
    /// the file is read from elsewhere: a file generated into a <see cref="StagedFolder"/> and read there before it
    /// is published is named where it will be, for example by its path relative to the output folder (null: <see cref="InputPath"/>).
    /// </summary>
    public string? InputShownAs { get; init; }

    /// <summary>The input as the run names it: <see cref="InputShownAs"/>, or else <see cref="InputPath"/>.</summary>
    internal string ShownInput => InputShownAs ?? InputPath;

    /// <summary>The sheet of a workbook input: a name or a number from 1 (null: the first sheet naming the code column).</summary>
    public string? Sheet { get; init; }

    /// <summary>The header row of a workbook sheet, from 1 (null: the first row naming the code column).</summary>
    public int? HeaderRow { get; init; }

    /// <summary>Round written values to this many decimals (reconciliation is done before rounding).</summary>
    public int? Decimals { get; init; }

    /// <summary>Add the target title column after the target code.</summary>
    public bool Titles { get; init; }

    /// <summary>Make the warnings about columns taken as dimensions that look like values or labels errors.</summary>
    public bool StrictColumns { get; init; }

    /// <summary>Fail the run when more than this share (0–1) of any shared column's input is rejected.</summary>
    public double? MaxRejectedShare { get; init; }

    /// <summary>The calibrated estimator's weights (fitted to same-survey margins, or loaded); null for the ONS weights.</summary>
    public Estimation.EstimatorRequest? Estimator { get; init; }

    /// <summary>Where to write a per-run report (e.g. OUT.report.html), published with the other files; needs <see cref="ReportWriter"/>.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Writes the per-run report; the libraries that render reports provide one.</summary>
    public IRunReportWriter? ReportWriter { get; init; }

    /// <summary>The run's files, with the sidecars' default names.</summary>
    public RunFiles Files => RunFiles.For(InputPath, OutputPath, RejectsPath, AuditPath) with { Report = ReportPath is null ? null : Path.GetFullPath(ReportPath) };

    /// <summary>Every problem with the request that can be found without reading the input.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Decimals is < 0 or > 15) errors.Add($"the number of decimals must be from 0 to 15 (got {Decimals})");
        if (HeaderRow is < 1) errors.Add($"the header row is counted from 1 (got {HeaderRow})");
        if (MaxRejectedShare is { } share && !(share >= 0 && share <= 1)) errors.Add($"the largest rejected share must be from 0 to 1 (got {share})");
        if (ReportPath is not null && ReportWriter is null) errors.Add("a report path needs a report writer");
        if (Slices is < 1) errors.Add($"the number of slices must be at least 1 (got {Slices})");
        if (InputShownAs is not null && string.IsNullOrWhiteSpace(InputShownAs)) errors.Add("the path the input is shown as is empty");
        if (InputFormat.ByExtension(InputPath) != InputKind.Csv && !Dialect.IsDefault)
            errors.Add("the delimiter and encoding options apply to CSV input; a workbook or Parquet file has neither");
        if (InputFormat.ByExtension(InputPath) is InputKind.Csv or InputKind.Parquet && (Sheet is not null || HeaderRow is not null))
            errors.Add("the sheet and header-row options apply to workbook input (.xlsx, .xls)");
        if (Estimator is { } estimator)
        {
            errors.AddRange(estimator.Validate());
            if (Calibration is not null) errors.Add("give either the calibrated estimator or the one-year raking of --calibrate-to, not both");
            if (Options.From != SocVersion.Soc2010) errors.Add("the calibrated estimator translates SOC2010 to SOC2020; use the ONS weights going back");
            if (Options.Residual == ResidualPolicy.Unallocated) errors.Add("the calibrated estimator shares everything among the listed SOC2020 groups; the unallocated residual applies to the ONS weights only");
        }
        if (Calibration is { } c)
        {
            errors.AddRange(c.Validate());
            if (c.Column is { } column && !ColumnPattern.IsPattern(column) && Options.Values.All(v => v.IsPattern || v.Name != column))
                errors.Add($"the calibration column '{column}' is not a declared count column");
            else if (c.Column is { } col && Options.Values.FirstOrDefault(v => v.Name == col) is { IsCount: false } other)
                errors.Add($"the calibration column '{col}' is a {other.KindName} column; calibration fits a count column");
        }
        return errors;
    }
}

/// <summary>Renders the report of one run from what the run did and its rejects file (read, never changed).</summary>
public interface IRunReportWriter
{
    /// <summary>Writes the report of <paramref name="report"/> to <paramref name="path"/>; the run's rejects are in <paramref name="rejectsPath"/>.</summary>
    void Write(string path, SeriesFileReport report, string rejectsPath);
}

/// <summary>Why a run failed after reading its input; each kind has its exit status in the command-line tool.</summary>
public enum SeriesRunFailure
{
    /// <summary>No row could be apportioned (every row rejected, or only total rows).</summary>
    NothingApportioned,

    /// <summary>More than the allowed share of a column's input was rejected.</summary>
    TooManyRejected,

    /// <summary>A column taken as a dimension looked like a value or a label, and such warnings were made errors.</summary>
    SuspectColumns,

    /// <summary>A value or total could not be represented (overflow).</summary>
    NotFinite,

    /// <summary>The totals did not reconcile: out + rejected ≠ in.</summary>
    DoesNotReconcile,
}

/// <summary>A run that read its input but was refused; nothing was written.</summary>
public sealed class SeriesRunException(SeriesRunFailure failure, string message) : Exception(message)
{
    /// <summary>Why the run was refused.</summary>
    public SeriesRunFailure Failure { get; } = failure;
}

/// <summary>What a run did, for printing and for the metadata file.</summary>
public sealed record SeriesFileReport(SeriesFileRequest Request, ApportionResult Result, long Rejects, string MetadataPath, IReadOnlyList<string> IgnoredColumns, RunTimings Timings)
{
    /// <summary>The options as run, every column pattern resolved.</summary>
    public required ApportionOptions Options { get; init; }

    /// <summary>The dimension columns, in output order.</summary>
    public required IReadOnlyList<string> Dimensions { get; init; }

    /// <summary>Where the input was read from: the file, and the sheet and header row of a workbook.</summary>
    public required string InputDescription { get; init; }

    /// <summary>Columns taken as dimensions that look like values or labels.</summary>
    public IReadOnlyList<ColumnWarning> ColumnWarnings { get; init; } = [];

    /// <summary>The calibrated estimator's fit or loaded weights, when the run used them.</summary>
    public Estimation.SeriesCalibrationResult? Estimator { get; init; }

    /// <summary>The files written, with their sizes and SHA-256 (the metadata file itself excepted).</summary>
    public IReadOnlyList<PublishedFile> Files { get; init; } = [];

    /// <summary>The rows written to the output (in a streamed run <see cref="ApportionResult.Cells"/> is empty: the rows went to the file window by window).</summary>
    public long OutputRows { get; init; }

    /// <summary>How the input was read: whole, or streamed in windows because it arrived grouped by its dimensions.</summary>
    public ReadingMode Reading { get; init; } = ReadingMode.Whole;
}

/// <summary>How a series file was read.</summary>
/// <param name="Windows">The windows of a streamed run (0 when read whole).</param>
/// <param name="Reordered">Whether the streamed tuples were copied into output order (they did not arrive in it).</param>
/// <param name="Reason">Why a file larger than one window was read whole, when it was (null otherwise).</param>
public sealed record ReadingMode(int Windows, bool Reordered, string? Reason = null)
{
    /// <summary>Read whole.</summary>
    public static ReadingMode Whole { get; } = new(0, false);

    /// <summary>Whether the run streamed its input.</summary>
    public bool Streamed => Windows > 0;
}

/// <summary>Wall-clock time of each phase: reading and summing rows, sharing out (and calibrating), writing files.</summary>
public sealed record RunTimings(TimeSpan Reading, TimeSpan Sharing, TimeSpan Writing)
{
    /// <summary>All three phases.</summary>
    public TimeSpan Total => Reading + Sharing + Writing;
}
