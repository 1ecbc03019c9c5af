using SocBridge.Core.Csv;

namespace SocBridge.Release.Samples;

/// <summary>
/// A published figure or the marker printed in its place. A marked cell has no value: a suppressed
/// estimate is not zero. A cell that was simply empty has neither.
/// </summary>
public readonly record struct MarkedValue(double? Value, string Flag)
{
    public static MarkedValue Empty { get; } = new(null, "");

    public static MarkedValue Of(double value) => new(value, "");

    public static MarkedValue Marked(string flag) => new(null, flag);

    public bool IsEmpty => Value is null && Flag.Length == 0;

    public string ValueText => Value is { } v ? CsvFieldWriter.FormatNumber(v) : "";

    /// <summary>
    /// Reads a cell that holds a non-negative number, one of <paramref name="markers"/> (surrounding spaces
    /// ignored, as in 'x '), or nothing; anything else is an error naming the cell.
    /// </summary>
    public static MarkedValue Read(SheetGrid grid, int row, int column, IReadOnlyList<string> markers)
    {
        switch (grid.Cell(row, column))
        {
            case null:
                return Empty;
            case double d when double.IsFinite(d) && d >= 0:
                return Of(d);
            case string s:
                var t = s.Trim();
                if (t.Length == 0) return Empty;
                if (markers.Contains(t)) return Marked(t);
                break;
        }
        throw grid.Error(row, column, $"a non-negative number or one of the markers {string.Join(" ", markers)}");
    }
}
