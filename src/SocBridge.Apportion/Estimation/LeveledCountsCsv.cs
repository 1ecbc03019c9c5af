using System.Text;
using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;

namespace SocBridge.Apportion.Estimation;

/// <summary>A filter on a column: only rows whose value equals <see cref="Value"/> (ordinal, trimmed) are read.</summary>
public sealed record ColumnFilter(string Column, string Value)
{
    /// <summary>Parses <c>COLUMN=VALUE</c>.</summary>
    public static bool TryParse(string text, out ColumnFilter filter)
    {
        var at = text.IndexOf('=');
        filter = at > 0 ? new ColumnFilter(text[..at].Trim(), text[(at + 1)..].Trim()) : new ColumnFilter("", "");
        return at > 0 && filter.Column.Length > 0;
    }
}

/// <summary>
/// Reads counts by SOC group from a tidy CSV: a code column (codes at any level of one edition), a count
/// column, and optional filters that pick one series out of a longer table (e.g. <c>sex=all</c>,
/// <c>pay_period=weekly</c>). An empty value or a marker (x, :, .., …) is a figure not published. A code
/// that is not a group of the edition, a value that is not a non-negative number and a code given twice
/// are data errors naming file, line, column and value.
/// </summary>
internal static class LeveledCountsCsv
{
    /// <summary>Reads one series of counts; <paramref name="hierarchy"/> is the edition's, to refuse codes it does not have.</summary>
    /// <exception cref="SocBridge.Core.Csv.CsvDataException">A code, value or repeated row, with file, line, column and value.</exception>
    public static LeveledCounts Read(string path, SocVersion version, string codeColumn, string countColumn, IReadOnlyList<ColumnFilter> filters, SocHierarchy hierarchy)
    {
        using var reader = new CsvRecordReader(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), path);
        reader.RequireColumns([codeColumn, countColumn, .. filters.Select(f => f.Column)]);
        var values = new Dictionary<SocCode, double?>();
        var lines = new Dictionary<SocCode, long>();
        while (reader.Read())
        {
            if (filters.Any(f => reader.GetString(f.Column).Trim() != f.Value)) continue;
            var raw = reader.GetString(codeColumn);
            if (!SocCode.TryParse(raw, version, out var code, out var error)) throw reader.Error(codeColumn, raw, error);
            if (!hierarchy.Contains(code)) throw reader.Error(codeColumn, raw, $"not a group of SOC{version.Year()}");
            var text = reader.GetString(countColumn);
            double? value = ValueParser.Parse(text, nonNegative: true, out var v) switch
            {
                CellStatus.Ok => v,
                CellStatus.Missing or CellStatus.Suppressed => null,
                _ => throw reader.Error(countColumn, text, "expected a non-negative number, an empty value or a suppression marker"),
            };
            if (!values.TryAdd(code, value))
                throw reader.Error(codeColumn, raw, $"this code already has a value on line {lines[code]}" +
                    (filters.Count == 0 ? "; pick one series with filters (COLUMN=VALUE)" : " for these filters"));
            lines[code] = reader.Line;
        }
        if (values.Count == 0)
            throw new InvalidDataException($"{path}: no row" + (filters.Count > 0 ? $" matches {string.Join(", ", filters.Select(f => $"{f.Column}={f.Value}"))}" : "") + "; nothing to fit");
        return new LeveledCounts(version, values, Path.GetFileName(path));
    }
}
