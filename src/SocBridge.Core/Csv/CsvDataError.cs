namespace SocBridge.Core.Csv;

/// <summary>Where and why a value in a data file could not be read.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line (the header is line 1).</param>
/// <param name="Column">The column, when the error is about one.</param>
/// <param name="Value">The raw value, when the error is about one.</param>
/// <param name="Expected">What was expected instead.</param>
public sealed record CsvDataError(string File, long Line, string? Column, string? Value, string Expected)
{
    /// <summary>The error as one line: "file:line, column 'c': value 'v' — expected".</summary>
    public override string ToString()
    {
        var where = Column is null ? $"{File}:{Line}" : $"{File}:{Line}, column '{Column}'";
        return Value is null ? $"{where}: {Expected}" : $"{where}: value '{Value}' — {Expected}";
    }
}

/// <summary>A data file is malformed; <see cref="Error"/> says where.</summary>
/// <param name="error">Where and why.</param>
public sealed class CsvDataException(CsvDataError error) : Exception(error.ToString())
{
    /// <summary>Where and why the file could not be read.</summary>
    public CsvDataError Error { get; } = error;
}
