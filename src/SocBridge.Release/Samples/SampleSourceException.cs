namespace SocBridge.Release.Samples;

/// <summary>
/// A cell of an original ONS spreadsheet is not what the sample extraction expects. The message names
/// the file, sheet, row (1-based, as Excel shows it), column letter and the offending value.
/// </summary>
public sealed class SampleSourceException : Exception
{
    public SampleSourceException(string file, string sheet, int row, string? column, string? value, string expected)
        : base(Describe(file, sheet, row, column, value, expected))
    {
        File = file;
        Sheet = sheet;
        Row = row;
        Column = column;
        Value = value;
        Expected = expected;
    }

    public string File { get; }
    public string Sheet { get; }
    public int Row { get; }
    public string? Column { get; }
    public string? Value { get; }
    public string Expected { get; }

    private static string Describe(string file, string sheet, int row, string? column, string? value, string expected)
    {
        var where = $"{file}, sheet '{sheet}'";
        if (row > 0) where += $", row {row}";
        if (column is not null) where += $", column {column}";
        return value is null ? $"{where}: {expected}" : $"{where}: value '{value}' — {expected}";
    }
}
