using System.Globalization;

namespace SocBridge.Release.Workbook;

/// <summary>
/// One cell value with its address. The typed getters accept exactly what the ONS sheets hold and throw
/// an <see cref="OnsSourceException"/> naming file, sheet, row, column and the raw value otherwise.
/// </summary>
internal readonly record struct Cell(Sheet Sheet, int Row, int Column, object? Value)
{
    public string ColumnLetters => ColumnIndex.ToLetters(Column);

    public SourceLocation Location => Sheet.At(Row, Column);

    /// <summary>No value at all, or a string that is empty or only white space.</summary>
    public bool IsBlank => Value is null || (Value is string s && string.IsNullOrWhiteSpace(s));

    /// <summary>The value as the sheet shows it, for messages: numbers in invariant round-trip form.</summary>
    public string Raw => Value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };

    public OnsSourceException Error(string expected) => Location.Error(Raw, expected);

    /// <summary>A text cell, trimmed; a blank cell gives "". Numbers are refused.</summary>
    public string OptionalText()
    {
        if (Value is null) return "";
        if (Value is string s) return s.Trim();
        throw Error("text or an empty cell");
    }

    /// <summary>A text cell that is not blank, trimmed.</summary>
    public string Text(string what)
    {
        if (Value is string s && !string.IsNullOrWhiteSpace(s)) return s.Trim();
        throw Error(what);
    }

    /// <summary>A number cell.</summary>
    public double Number(string what)
    {
        if (Value is double d && double.IsFinite(d)) return d;
        throw Error(what);
    }

    /// <summary>A whole number, stored as a number cell (or as text of digits).</summary>
    public long WholeNumber(string what)
    {
        switch (Value)
        {
            case double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15:
                return (long)d;
            case string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n):
                return n;
            default:
                throw Error(what);
        }
    }

    /// <summary>
    /// A classification code of exactly <paramref name="digits"/> digits. Excel stores most codes as numbers
    /// (losing leading zeros, which are restored here) and a few as text.
    /// </summary>
    public string Code(int digits, string what)
    {
        switch (Value)
        {
            case double d when d >= 0 && d == Math.Floor(d) && d < Math.Pow(10, digits):
                return ((long)d).ToString(new string('0', digits), CultureInfo.InvariantCulture);
            case string s when s.Trim().Length == digits && s.Trim().All(char.IsAsciiDigit):
                return s.Trim();
            default:
                throw Error(what);
        }
    }
}
