namespace SocBridge.Release;

/// <summary>
/// An original ONS file does not look the way the importer expects. The message names the file, the
/// sheet (workbooks only), the row (1-based, as Excel or a text editor shows it), the column, the raw
/// value found and what was expected, so the offending cell can be opened and checked directly.
/// </summary>
public sealed class OnsSourceException : Exception
{
    public OnsSourceException(string file, string? sheet, int? row, string? column, string? value, string expected)
        : base(Describe(file, sheet, row, column, value, expected))
    {
        File = file;
        Sheet = sheet;
        Row = row;
        Column = column;
        Value = value;
        Expected = expected;
    }

    /// <summary>File name of the ONS original (no directory).</summary>
    public string File { get; }
    public string? Sheet { get; }
    /// <summary>1-based row (Excel) or line (XML) number, when the problem has one.</summary>
    public int? Row { get; }
    /// <summary>Column letter (Excel) or element name (XML).</summary>
    public string? Column { get; }
    /// <summary>The raw value as found; <c>null</c> when the problem is not about one value.</summary>
    public string? Value { get; }
    public string Expected { get; }

    private static string Describe(string file, string? sheet, int? row, string? column, string? value, string expected)
    {
        var where = file;
        if (sheet is not null) where += $", sheet '{sheet}'";
        // Worksheets have rows and column letters; text files (XML) have lines and element names.
        if (row is not null) where += sheet is not null ? $", row {row}" : $", line {row}";
        if (column is not null) where += sheet is not null ? $", column {column}" : $", element <{column}>";
        return value is null
            ? $"{where}: expected {expected}"
            : $"{where}: found {Quote(value)}, expected {expected}";
    }

    private static string Quote(string value) => value.Length == 0 ? "an empty cell" : $"'{value}'";
}
