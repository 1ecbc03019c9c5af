using Parquet;
using Parquet.Schema;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Writes the translated series as Parquet (chosen by an output path ending .parquet): the same columns as the
/// CSV output, typed — dimensions, target code, title and flags as strings, values and bounds as nullable
/// doubles (null where a mean has no weight) — in row groups of 131,072 rows (about what DuckDB and Spark write), so memory stays at one group and a reader can
/// start on the first group without decoding a million rows.
/// </summary>
internal static class SeriesParquet
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupRows = 1 << 17;

    /// <summary>Whether <paramref name="path"/> names a Parquet file.</summary>
    public static bool IsParquet(string path) => Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/>.</summary>
    public static void WriteOutput(string path, ApportionResult result, ApportionOptions options, OutputStyle? style = null)
    {
        style ??= OutputStyle.Default;
        var dims = result.Dimensions.Columns.Select(c => new DataField<string>(c)).ToArray();
        var code = new DataField<string>(options.To.ColumnName());
        var title = style.Titles ? new DataField<string>(options.To.ColumnName() + "_title") : null;
        var values = new List<(DataField<double?> Field, int Value, int Bound)>();
        var k = 0;
        for (var i = 0; i < options.Values.Count; i++)
        {
            values.Add((new DataField<double?>(options.Values[i].Name), i, -1));
            if (options.Interval is not null && options.Values[i].IsCount)
            {
                values.Add((new DataField<double?>(options.Values[i].Name + "_lo"), i, 2 * k));
                values.Add((new DataField<double?>(options.Values[i].Name + "_hi"), i, 2 * k + 1));
                k++;
            }
        }
        var flags = new DataField<string>("flags");
        var fields = new List<Field>(dims) { code };
        if (title is not null) fields.Add(title);
        fields.AddRange(values.Select(v => v.Field));
        fields.Add(flags);
        var schema = new ParquetSchema(fields);
        var cells = result.Cells;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var writer = ParquetWriter.CreateAsync(schema, stream).GetAwaiter().GetResult();
        var tupleText = new string[result.Dimensions.Count][];
        for (var t = 0; t < tupleText.Length; t++) tupleText[t] = result.Dimensions.Tuple(t).ToArray();
        for (var from = 0; from < Math.Max(cells.Count, 1); from += RowGroupRows)
        {
            var n = Math.Min(RowGroupRows, cells.Count - from);
            using var group = writer.CreateRowGroup();
            for (var d = 0; d < dims.Length; d++)
            {
                var column = new string[n];
                for (var r = 0; r < n; r++) column[r] = tupleText[cells.Tuples[from + r]][d];
                Write(group, dims[d], column);
            }
            Write(group, code, Enumerable.Range(from, n).Select(r => result.TargetCodes[cells.TargetSlots[r]]).ToArray());
            if (title is not null) Write(group, title, Enumerable.Range(from, n).Select(r => result.TargetTitles[cells.TargetSlots[r]]).ToArray());
            foreach (var (field, value, bound) in values)
            {
                var column = new double?[n];
                for (var r = 0; r < n; r++)
                {
                    var v = bound < 0 ? cells.Value(from + r, value)
                        : bound % 2 == 0 ? cells.Lower[(from + r) * cells.IntervalCount + bound / 2] : cells.Upper[(from + r) * cells.IntervalCount + bound / 2];
                    column[r] = double.IsNaN(v) ? null : style.Round(v);
                }
                group.WriteAsync<double>(field, column.AsMemory()).GetAwaiter().GetResult();
            }
            Write(group, flags, Enumerable.Range(from, n).Select(r => cells.Fallback[r] ? "fallback" : "").ToArray());
            group.CompleteValidate();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void Write(ParquetRowGroupWriter group, DataField<string> field, string[] values) =>
        group.WriteAsync(field, values).GetAwaiter().GetResult();
}
