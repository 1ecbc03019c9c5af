namespace SocBridge.Release.Workbook;

/// <summary>Where a value came from in an ONS original: file, sheet (workbooks), row or line, column or element.</summary>
internal sealed record SourceLocation(string File, string? Sheet, int? Row, string? Column)
{
    public OnsSourceException Error(string? value, string expected) => new(File, Sheet, Row, Column, value, expected);

    public override string ToString()
    {
        var text = File;
        if (Sheet is not null) text += $", sheet '{Sheet}'";
        if (Row is not null) text += Sheet is not null ? $", row {Row}" : $", line {Row}";
        if (Column is not null) text += Sheet is not null ? $", column {Column}" : $", element <{Column}>";
        return text;
    }
}
