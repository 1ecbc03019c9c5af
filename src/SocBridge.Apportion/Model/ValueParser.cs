using System.Globalization;
using System.Runtime.CompilerServices;

namespace SocBridge.Apportion.Model;

/// <summary>Outcome of reading one value cell.</summary>
public enum CellStatus
{
    /// <summary>A usable number.</summary>
    Ok,
    /// <summary>An empty cell.</summary>
    Missing,
    /// <summary>A suppression or not-available marker (x, :, *, .., [c] and the like).</summary>
    Suppressed,
    /// <summary>Text that is not a number.</summary>
    NotANumber,
    /// <summary>A negative number where only non-negative ones are allowed (counts).</summary>
    Negative,

    /// <summary>A number beyond ±<see cref="ValueParser.MaxMagnitude"/>: no real series holds one, and it could overflow sums and products.</summary>
    OutOfRange,
}

/// <summary>
/// Reads value cells, recognising the ONS and Nomis markers for values that are not published:
/// x (suppressed), : (not available), * (unreliable / too small), ! (disclosive), ~ (under 500),
/// - (none or missing), .. (not available). Thousands separators are accepted.
/// </summary>
public static class ValueParser
{
    /// <summary>
    /// The largest magnitude a value may have (1e100). Products of two such values and sums of any number of
    /// them that a machine can hold stay finite, so no output or total can become infinite.
    /// </summary>
    public const double MaxMagnitude = 1e100;

    /// <summary>Reads one cell; <paramref name="nonNegative"/> rejects negative numbers (counts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CellStatus Parse(ReadOnlySpan<char> text, bool nonNegative, out double value)
    {
        // Fast paths: a plain decimal of up to 15 digits, then any plain number.
        if (text.Length is > 0 and <= 16 && PlainDecimal(text, out value)) return CellStatus.Ok;
        if (!text.IsEmpty && (char.IsAsciiDigit(text[0]) || (text[0] == '.' && text.Length > 1))
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && Math.Abs(value) <= MaxMagnitude)
            return CellStatus.Ok;
        value = double.NaN;
        var t = text.Trim();
        if (t.IsEmpty) return CellStatus.Missing;
        if (t is "x" or "X" or ":" or "*" or "!" or "~" or "-" or ".." or "c" or "[c]" or "[x]" or "[z]" or "[low]") return CellStatus.Suppressed;
        return double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v)
            ? Classify(v, nonNegative, out value)
            : CellStatus.NotANumber;
    }

    /// <summary>
    /// The status of a number stored as one (a typed column of a Parquet file, say): the same outcome as parsing
    /// its shortest exact text. NaN is not a number; beyond ±<see cref="MaxMagnitude"/> (infinities too) is out of range.
    /// </summary>
    public static CellStatus Classify(double number, bool nonNegative, out double value)
    {
        if (double.IsNaN(number) || !(Math.Abs(number) <= MaxMagnitude))
        {
            value = double.NaN;
            return double.IsNaN(number) ? CellStatus.NotANumber : CellStatus.OutOfRange;
        }
        value = number;
        return nonNegative && number < 0 ? CellStatus.Negative : CellStatus.Ok;
    }

    /// <summary>Exact powers of ten, 10^0 to 10^15.</summary>
    private static ReadOnlySpan<double> PowersOfTen => [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// Reads digits with at most one decimal point and at most 15 digits in all (such as 1234 or 1234.56). The
    /// digits make a whole number below 10^15 and the point a power of ten up to 10^15, both exact in a double,
    /// so one division gives the correctly rounded value: the same double as the general parser's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        long digits = 0;
        var count = 0;
        var point = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits = digits * 10 + (c - '0');
                count++;
            }
            else if (c == '.' && point < 0 && i > 0) point = i;
            else
            {
                value = 0;
                return false;
            }
        }
        if (count is 0 or > 15)
        {
            value = 0;
            return false;
        }
        value = point < 0 ? digits : digits / PowersOfTen[text.Length - point - 1];
        return true;
    }

    /// <summary>Why a cell with <paramref name="status"/> is not a value of <paramref name="column"/>.</summary>
    public static string Describe(CellStatus status, string column, bool isCount) => status switch
    {
        CellStatus.Missing => $"'{column}' is empty",
        CellStatus.Suppressed => $"'{column}' holds a suppression or not-available marker, not a value",
        CellStatus.NotANumber => $"'{column}' is not a number",
        CellStatus.Negative => $"'{column}' is a negative {(isCount ? "count (declare signed quantities with the flow option)" : "value")}",
        CellStatus.OutOfRange => $"'{column}' is out of range: beyond ±1e100, where sums and products could overflow",
        _ => "",
    };
}
