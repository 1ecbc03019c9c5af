using SocBridge.Core.Files;

namespace SocBridge.Apportion.Io;

/// <summary>
/// The input of a run as found on disk: checked to be a readable regular file whose content agrees with its
/// extension, with its header read. Opens readers over its rows as often as needed.
/// </summary>
internal sealed class InputFile
{
    private readonly SeriesFileRequest _request;

    private InputFile(SeriesFileRequest request, InputKind kind, IReadOnlyList<string> header, string headerLocation, string description)
    {
        _request = request;
        Kind = kind;
        Header = header;
        HeaderLocation = headerLocation;
        Description = description;
    }

    public InputKind Kind { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Where the header is, as errors name it: "FILE: line 1 (header)" or "FILE: sheet 'S', row 4 (header)".</summary>
    public string HeaderLocation { get; }

    /// <summary>The file, and for a workbook the sheet read.</summary>
    public string Description { get; }

    public static InputFile Open(SeriesFileRequest request)
    {
        CheckRegularFile(request.InputPath);
        var kind = InputFormat.Check(request.InputPath);
        var path = request.ShownInput;
        using var table = Open(request, kind);
        if (table.Header.Count == 0 || table.Header.All(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns");
        return table is WorkbookTableReader sheet
            ? new InputFile(request, kind, sheet.Header, $"{path}: sheet '{sheet.Sheet}', row {sheet.HeaderRow} (header)", $"{path} (sheet '{sheet.Sheet}', header on row {sheet.HeaderRow})")
            : new InputFile(request, kind, table.Header, $"{path}: line 1 (header)", path);
    }

    /// <summary>A reader over the data rows, from the first.</summary>
    public ITableReader OpenTable() => Open(_request, Kind);

    /// <summary>Warnings about columns taken as dimensions, from the first rows.</summary>
    public IReadOnlyList<ColumnWarning> Profile(SeriesLayout layout)
    {
        using var table = OpenTable();
        return ColumnProfile.Check(table, layout);
    }

    private static ITableReader Open(SeriesFileRequest request, InputKind kind) => kind switch
    {
        InputKind.Csv => CsvTableReader.OpenFile(request.InputPath, request.Dialect),
        InputKind.Parquet => ParquetTableReader.Open(request.InputPath),
        _ => WorkbookTableReader.Open(request.InputPath, request.Sheet, request.HeaderRow, request.Options.CodeColumn),
    };

    /// <summary>Refuses what is not a readable regular file (a folder, a pipe, a terminal, standard input) with what to do.</summary>
    private static void CheckRegularFile(string path)
    {
        if (Directory.Exists(path)) throw new InvalidDataException($"{path}: is a folder; the input must be a file");
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: input file not found");
        var canonical = FilePaths.Canonical(path);
        FileStream stream;
        try
        {
            stream = new FileStream(canonical, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidDataException($"{path}: the input cannot be read ({e.Message})", e);
        }
        using (stream)
        {
            if (!stream.CanSeek || canonical.StartsWith("/dev/", StringComparison.Ordinal) || canonical.StartsWith("/proc/", StringComparison.Ordinal))
                throw new InvalidDataException($"{path}: is not a regular file (a pipe, a terminal or standard input); " +
                                               "the input is read more than once and in parallel, so save it to a file first");
            if (stream.Length == 0) throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns");
        }
    }
}
