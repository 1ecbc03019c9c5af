using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads a Parquet file as a table, one row group at a time, so memory follows the largest row group, not the
/// file. Numbers are read as numbers and given to the engine in their shortest exact text; strings as written;
/// a null is an empty cell. The line of a row is its position in the file plus one (the "header" being the schema).
/// </summary>
internal sealed class ParquetTableReader : ITableReader
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly string[]?[] _columns;
    // Number columns (integers and floating point) stay numbers; their text is made only when asked for.
    private readonly double[]?[] _numbers;
    private readonly bool[]?[] _nulls;
    private readonly (double Number, string Text)[] _lastText;
    private int _group = -1;
    private int _endGroup;
    private int _row;
    private int _rows;

    private ParquetTableReader(Stream stream, ParquetReader reader)
    {
        _stream = stream;
        _reader = reader;
        _fields = reader.Schema.GetDataFields();
        _columns = new string[_fields.Length][];
        _numbers = new double[_fields.Length][];
        _nulls = new bool[_fields.Length][];
        _lastText = new (double, string)[_fields.Length];
        for (var c = 0; c < _lastText.Length; c++) _lastText[c] = (double.NaN, "");
        Header = _fields.Select(f => f.Name).ToArray();
    }

    /// <summary>The row groups of the file, or those from <paramref name="firstGroup"/> up to <paramref name="endGroup"/> (rows then numbered as in the whole file).</summary>
    public static ParquetTableReader Open(string file, int firstGroup = 0, int? endGroup = null)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var reader = new ParquetTableReader(stream, ParquetReader.CreateAsync(stream).GetAwaiter().GetResult());
            reader._group = firstGroup - 1;
            reader._endGroup = Math.Min(endGroup ?? int.MaxValue, reader._reader.RowGroupCount);
            for (var g = 0; g < firstGroup && g < reader._reader.RowGroupCount; g++) reader.Record += reader._reader.RowGroups[g].RowCount;
            return reader;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new InvalidDataException($"{file}: the Parquet file cannot be read ({e.Message})", e);
        }
    }

    public IReadOnlyList<string> Header { get; }

    public long Line => Record + 1;

    public long Record { get; private set; }

    public int FieldCount => _fields.Length;

    public double Progress => _reader.RowGroupCount == 0 ? 1 : (_group + (double)_row / Math.Max(1, _rows)) / _reader.RowGroupCount;

    /// <summary>The number of rows of each row group of <paramref name="file"/>.</summary>
    public static long[] GroupRows(string file)
    {
        using var reader = Open(file);
        return reader._reader.RowGroups.Select(g => g.RowCount).ToArray();
    }

    public bool Read()
    {
        while (_row >= _rows)
        {
            if (++_group >= _endGroup) return false;
            LoadGroup(_group);
        }
        _row++;
        Record++;
        return true;
    }

    public ReadOnlySpan<char> Field(int ordinal)
    {
        if (_columns[ordinal] is { } text) return text[_row - 1];
        if (_nulls[ordinal] is { } nulls && nulls[_row - 1]) return "";
        var number = _numbers[ordinal]![_row - 1];
        ref var last = ref _lastText[ordinal];
        // A repeated number (a year, say, in a dimension column) is formatted once.
        if (BitConverter.DoubleToInt64Bits(number) != BitConverter.DoubleToInt64Bits(last.Number))
            last = (number, number.ToString("R", CultureInfo.InvariantCulture));
        return last.Text;
    }

    public bool TryNumber(int ordinal, out double value, out bool isNull)
    {
        if (_numbers[ordinal] is not { } numbers)
        {
            value = double.NaN;
            isNull = false;
            return false;
        }
        isNull = _nulls[ordinal] is { } nulls && nulls[_row - 1];
        value = isNull ? double.NaN : numbers[_row - 1];
        return true;
    }

    private void LoadGroup(int group)
    {
        using var rg = _reader.OpenRowGroupReader(group);
        _rows = checked((int)rg.RowCount);
        _row = 0;
        for (var c = 0; c < _fields.Length; c++)
        {
            _columns[c] = null;
            (_numbers[c], _nulls[c]) = ReadNumbers(rg, _fields[c], _rows);
            if (_numbers[c] is null) _columns[c] = ReadColumn(rg, _fields[c], _rows);
        }
    }

    /// <summary>A column of integers or floating point numbers as doubles (exact for every such value a series holds), with its nulls; null for other types.</summary>
    private static (double[]? Numbers, bool[]? Nulls) ReadNumbers(ParquetRowGroupReader rg, DataField field, int rows)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double)) return Numbers<double>(rg, field, rows, v => v);
        if (type == typeof(float)) return Numbers<float>(rg, field, rows, v => v);
        if (type == typeof(int)) return Numbers<int>(rg, field, rows, v => v);
        if (type == typeof(short)) return Numbers<short>(rg, field, rows, v => v);
        if (type == typeof(long))
        {
            // Whole numbers beyond 2^53 have no exact double: such a column is read as text.
            var (numbers, nulls) = Numbers<long>(rg, field, rows, v => v);
            return numbers.All(v => Math.Abs(v) <= 9007199254740992d) ? (numbers, nulls) : (null, null);
        }
        return (null, null);
    }

    private static (double[], bool[]?) Numbers<T>(ParquetRowGroupReader rg, DataField field, int rows, Func<T, double> convert) where T : struct
    {
        var result = new double[rows];
        if (!field.IsNullable)
        {
            var values = new T[rows];
            rg.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < rows; i++) result[i] = convert(values[i]);
            return (result, null);
        }
        var nullable = new T?[rows];
        rg.ReadAsync<T>(field, nullable.AsMemory()).AsTask().GetAwaiter().GetResult();
        var nulls = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            if (nullable[i] is { } v) result[i] = convert(v);
            else nulls[i] = true;
        }
        return (result, nulls);
    }

    /// <summary>
    /// A column that is not read as numbers (<see cref="ReadNumbers"/>) as text: whole numbers beyond 2^53, decimals
    /// and booleans in their exact text, strings as written, nulls empty.
    /// </summary>
    private static string[] ReadColumn(ParquetRowGroupReader rg, DataField field, int rows)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(long)) return Text<long>(rg, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == typeof(decimal)) return Text<decimal>(rg, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == typeof(bool)) return Text<bool>(rg, field, rows, v => v ? "true" : "false");
        var strings = new string?[rows];
        rg.ReadAsync(field, strings.AsMemory()).AsTask().GetAwaiter().GetResult();
        return strings.Select(s => s ?? "").ToArray();
    }

    private static string[] Text<T>(ParquetRowGroupReader rg, DataField field, int rows, Func<T, string> format) where T : struct
    {
        var result = new string[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            rg.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < rows; i++) result[i] = values[i] is { } v ? format(v) : "";
        }
        else
        {
            var values = new T[rows];
            rg.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < rows; i++) result[i] = format(values[i]);
        }
        return result;
    }

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}
