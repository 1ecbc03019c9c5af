using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;

namespace SocBridge.Apportion.Calibration;

/// <summary>
/// Reads target margins from CSV: a code column (named like the target edition, e.g. <c>soc2020</c>, or
/// <c>code</c>) and a value column (the calibration column's name, <c>total</c> or <c>margin</c>).
/// Suppressed or empty margins leave their target free; they are counted, not guessed.
/// </summary>
public static class MarginsFile
{
    /// <summary>The margins read (target code → total) and how many targets of the edition have none (left free).</summary>
    /// <param name="Values">Target code → margin total.</param>
    /// <param name="FreeTargets">Targets at the file's level without a margin.</param>
    public sealed record Margins(IReadOnlyDictionary<string, double> Values, int FreeTargets);

    /// <summary>Reads the margins of <paramref name="valueColumn"/> from a CSV file of target codes of <paramref name="target"/>.</summary>
    /// <exception cref="InvalidDataException">The file cannot be used (file, line and column named).</exception>
    public static Margins Read(string path, SocVersion target, string valueColumn)
    {
        if (new FileInfo(path).Length == 0)
            throw new InvalidDataException($"{path}: the margins file is empty; expected a header line naming the code column ('{target.ColumnName()}' or 'code') and the margin column ('{valueColumn}', 'total' or 'margin')");
        using var reader = new CsvRecordReader(new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true), path);
        var codeColumn = new[] { target.ColumnName(), "code" }.FirstOrDefault(c => reader.Columns.Contains(c))
            ?? throw new InvalidDataException($"{path}: line 1 (header): no code column; expected '{target.ColumnName()}' or 'code'. The header has: {string.Join(", ", reader.Columns)}");
        var totalColumn = new[] { valueColumn, "total", "margin" }.FirstOrDefault(c => reader.Columns.Contains(c))
            ?? throw new InvalidDataException($"{path}: line 1 (header): no margin column; expected '{valueColumn}', 'total' or 'margin'. The header has: {string.Join(", ", reader.Columns)}");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var free = 0;
        while (reader.Read())
        {
            var raw = reader.GetString(codeColumn);
            if (!SocCode.TryParse(raw, target, out var code, out var error)) throw reader.Error(codeColumn, raw, error);
            var status = ValueParser.Parse(reader.GetString(totalColumn), nonNegative: true, out var value);
            if (status is CellStatus.Missing or CellStatus.Suppressed)
            {
                free++;
                continue;
            }
            if (status != CellStatus.Ok) throw reader.Error(totalColumn, reader.GetString(totalColumn), "expected a non-negative number or a suppression marker");
            if (!values.TryAdd(code.ToString(), value)) throw reader.Error(codeColumn, raw, "this code already has a margin");
        }
        return new Margins(values, free);
    }
}
