namespace SocBridge.Core.Csv;

/// <summary>Where and why a value in a data file could not be read.</summary>
public sealed record CsvDataError(string File, long Line, string? Column, string? Value, string Expected)
{
    public override string ToString()
    {
        var where = Column is null ? $"{File}:{Line}" : $"{File}:{Line}, column '{Column}'";
        return Value is null ? $"{where}: {Expected}" : $"{where}: value '{Value}' — {Expected}";
    }
}

/// <summary>A data file is malformed; <see cref="Error"/> says where.</summary>
public sealed class CsvDataException(CsvDataError error) : Exception(error.ToString())
{
    public CsvDataError Error { get; } = error;
}
