using System.Globalization;

namespace SocBridge.Apportion.Io;

/// <summary>A column taken as a dimension that looks like something else, and what to do about it.</summary>
public sealed record ColumnWarning(string Column, string Message);

/// <summary>
/// Looks at the first rows of an input for columns that were taken as dimensions (none were named) but look
/// like a value — numeric on every row, with a new value on most rows or with fractions — or like a label of
/// the code, such as a title: one value per code, different for each code. Either would multiply the
/// output's rows without a word, so each gets a warning naming the column and the option to use.
/// </summary>
internal static class ColumnProfile
{
    /// <summary>How many data rows are looked at.</summary>
    public const int SampleRows = 20_000;

    public static IReadOnlyList<ColumnWarning> Check(ITableReader table, SeriesLayout layout)
    {
        if (layout.DimensionsDeclared) return [];
        var columns = layout.DimensionOrdinals.Where(o => o != layout.SexOrdinal).ToArray();
        if (columns.Length == 0) return [];
        var numeric = columns.Select(_ => true).ToArray();
        var fractional = new bool[columns.Length];
        var filled = new int[columns.Length];
        var distinct = columns.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var byCode = columns.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        var determined = columns.Select(_ => true).ToArray();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        while (rows < SampleRows && table.Read())
        {
            if (table.FieldCount != layout.Header.Count) continue;
            rows++;
            var code = table.Field(layout.CodeOrdinal).Trim().ToString();
            codes.Add(code);
            for (var c = 0; c < columns.Length; c++)
            {
                var text = table.Field(columns[c]).Trim();
                if (!text.IsEmpty)
                {
                    filled[c]++;
                    if (numeric[c])
                    {
                        if (!double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v)) numeric[c] = false;
                        else if (v != Math.Floor(v)) fractional[c] = true;
                    }
                }
                var value = text.ToString();
                if (distinct[c].Count <= rows) distinct[c].Add(value);
                if (determined[c])
                {
                    if (byCode[c].TryGetValue(code, out var seen)) determined[c] = seen == value;
                    else byCode[c][code] = value;
                }
            }
        }
        var warnings = new List<ColumnWarning>();
        for (var c = 0; c < columns.Length; c++)
        {
            var name = layout.Header[columns[c]];
            if (numeric[c] && filled[c] > 0 && (fractional[c] || distinct[c].Count * 2 > rows))
                warnings.Add(new ColumnWarning(name,
                    $"column '{name}' holds a number on every row read, mostly a different one, yet was taken as a dimension (each of its values becomes its own output row); " +
                    "if it is a value declare it (--count, --flow or --attribute); if not, leave it out (--ignore) or name the dimensions (--dimensions)"));
            else if (determined[c] && codes.Count >= 2 && distinct[c].Count == codes.Count)
                warnings.Add(new ColumnWarning(name,
                    $"column '{name}' has one value per code, different for each code (a label of the code, such as its title), yet was taken as a dimension; " +
                    "leave it out (--ignore) or name the dimensions (--dimensions)"));
        }
        return warnings;
    }
}
