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

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/>; returns the file's SHA-256, computed as it was written.</summary>
    public static FileDigest WriteOutput(string path, ApportionResult result, ApportionOptions options, OutputStyle? style = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashed = new HashingStream(stream);
        var writer = new ParquetSeriesWriter(hashed, result.Dimensions.Columns, options, style ?? OutputStyle.Default);
        writer.Append(result, 0, result.Cells.Count);
        writer.Finish();
        return hashed.Digest()!.Value;
    }
}

/// <summary>
/// Writes output rows to a Parquet file as they come, from one result or from the windows of a streamed run, in
/// row groups of <see cref="SeriesParquet.RowGroupRows"/> rows whatever the calls: the file is the same however
/// the rows arrive. The string columns are dictionary-encoded (a dimension holds few distinct values) and given
/// to the encoder as slices of the run's own strings; values are given as doubles with their definition levels,
/// so nothing is made per row but the column entries.
/// </summary>
internal sealed class ParquetSeriesWriter
{
    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly OutputStyle _style;
    private readonly DataField<string>[] _dims;
    private readonly DataField<string> _code;
    private readonly DataField<string>? _title;
    private readonly (DataField<double?> Field, int Value, int Bound)[] _values;
    private readonly DataField<string> _flags;
    private readonly ReadOnlyMemory<char>[][] _dimColumns;
    private readonly ReadOnlyMemory<char>[] _codeColumn = new ReadOnlyMemory<char>[SeriesParquet.RowGroupRows];
    private readonly ReadOnlyMemory<char>[] _titleColumn;
    private readonly double[][] _valueColumns;
    private readonly int[][] _valueLevels;
    private readonly int[] _valueCounts;
    private readonly ReadOnlyMemory<char>[] _flagColumn = new ReadOnlyMemory<char>[SeriesParquet.RowGroupRows];
    // Every string is present: all definition levels are 1.
    private readonly int[] _present = new int[SeriesParquet.RowGroupRows];
    private static readonly ReadOnlyMemory<char> Fallback = "fallback".AsMemory();
    private IReadOnlyList<string>? _codesOf;
    private ReadOnlyMemory<char>[] _codes = [];
    private ReadOnlyMemory<char>[] _titles = [];
    private int _rows;
    private long _groups;

    /// <summary>A writer into <paramref name="stream"/>, which it does not close; a file not finished is left without its footer (a run deletes it).</summary>
    public ParquetSeriesWriter(Stream stream, IReadOnlyList<string> dimensions, ApportionOptions options, OutputStyle style)
    {
        _style = style;
        _dims = dimensions.Select(c => new DataField<string>(c)).ToArray();
        _code = new DataField<string>(options.To.ColumnName());
        _title = style.Titles ? new DataField<string>(options.To.ColumnName() + "_title") : null;
        var values = new List<(DataField<double?>, int, int)>();
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
        _values = [.. values];
        _flags = new DataField<string>("flags");
        var fields = new List<Field>(_dims) { _code };
        if (_title is not null) fields.Add(_title);
        fields.AddRange(_values.Select(v => v.Field));
        fields.Add(_flags);
        var parquetOptions = new ParquetOptions();
        foreach (var field in fields.OfType<DataField<string>>()) parquetOptions.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        _dimColumns = _dims.Select(_ => new ReadOnlyMemory<char>[SeriesParquet.RowGroupRows]).ToArray();
        _titleColumn = _title is null ? [] : new ReadOnlyMemory<char>[SeriesParquet.RowGroupRows];
        _valueColumns = _values.Select(_ => new double[SeriesParquet.RowGroupRows]).ToArray();
        _valueLevels = _values.Select(_ => new int[SeriesParquet.RowGroupRows]).ToArray();
        _valueCounts = new int[_values.Length];
        Array.Fill(_present, 1);
        _stream = stream;
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, parquetOptions).GetAwaiter().GetResult();
    }

    /// <summary>Appends rows [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="result"/>.</summary>
    // Called a few times with millions of rows: compiled optimised at once rather than run in the first tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Append(ApportionResult result, int from, int to)
    {
        var cells = result.Cells;
        if (!ReferenceEquals(_codesOf, result.TargetCodes))
        {
            _codesOf = result.TargetCodes;
            _codes = result.TargetCodes.Select(c => c.AsMemory()).ToArray();
            _titles = _title is null ? [] : result.TargetTitles.Select(c => c.AsMemory()).ToArray();
        }
        var tuples = cells.Tuples;
        var slots = cells.TargetSlots;
        var fallback = cells.Fallback;
        var dimensions = result.Dimensions;
        var lastTuple = -1;
        for (var r = from; r < to; r++)
        {
            var at = _rows;
            var tuple = tuples[r];
            if (tuple != lastTuple || at == 0)
            {
                for (var d = 0; d < _dims.Length; d++) _dimColumns[d][at] = dimensions.TupleValue(tuple, d).AsMemory();
                lastTuple = tuple;
            }
            else
            {
                // The rows of a tuple are together: the previous row's values stand.
                for (var d = 0; d < _dims.Length; d++) _dimColumns[d][at] = _dimColumns[d][at - 1];
            }
            var slot = slots[r];
            _codeColumn[at] = _codes[slot];
            if (_title is not null) _titleColumn[at] = _titles[slot];
            for (var v = 0; v < _values.Length; v++)
            {
                var (_, value, bound) = _values[v];
                var x = bound < 0 ? cells.Value(r, value)
                    : bound % 2 == 0 ? cells.Lower[r * cells.IntervalCount + bound / 2] : cells.Upper[r * cells.IntervalCount + bound / 2];
                if (double.IsNaN(x)) _valueLevels[v][at] = 0;
                else
                {
                    _valueLevels[v][at] = 1;
                    _valueColumns[v][_valueCounts[v]++] = _style.Round(x);
                }
            }
            _flagColumn[at] = fallback[r] ? Fallback : ReadOnlyMemory<char>.Empty;
            if (++_rows == SeriesParquet.RowGroupRows) WriteGroup();
        }
    }

    /// <summary>Writes the last row group (an empty one when no row was written, so the file has the schema and one group) and the footer.</summary>
    public void Finish()
    {
        if (_rows > 0 || _groups == 0) WriteGroup();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Flush();
    }

    private void WriteGroup()
    {
        var n = _rows;
        using (var group = _writer.CreateRowGroup())
        {
            for (var d = 0; d < _dims.Length; d++) Strings(group, _dims[d], _dimColumns[d], n);
            Strings(group, _code, _codeColumn, n);
            if (_title is not null) Strings(group, _title, _titleColumn, n);
            for (var v = 0; v < _values.Length; v++)
                group.WriteAllPartsAsync<double>(_values[v].Field, _valueColumns[v].AsMemory(0, _valueCounts[v]), _valueLevels[v].AsMemory(0, n), null, default).GetAwaiter().GetResult();
            Strings(group, _flags, _flagColumn, n);
            group.CompleteValidate();
        }
        _rows = 0;
        Array.Clear(_valueCounts);
        _groups++;
    }

    private void Strings(ParquetRowGroupWriter group, DataField<string> field, ReadOnlyMemory<char>[] column, int n) =>
        group.WriteAllPartsAsync<ReadOnlyMemory<char>>(field, column.AsMemory(0, n), _present.AsMemory(0, n), null, default).GetAwaiter().GetResult();
}
