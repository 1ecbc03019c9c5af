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
    private readonly string[][] _columns;
    private int _group = -1;
    private int _row;
    private int _rows;

    private ParquetTableReader(Stream stream, ParquetReader reader)
    {
        _stream = stream;
        _reader = reader;
        _fields = reader.Schema.GetDataFields();
        _columns = new string[_fields.Length][];
        Header = _fields.Select(f => f.Name).ToArray();
    }

    public static ParquetTableReader Open(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new ParquetTableReader(stream, ParquetReader.CreateAsync(stream).GetAwaiter().GetResult());
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

    public bool Read()
    {
        while (_row >= _rows)
        {
            if (++_group >= _reader.RowGroupCount) return false;
            LoadGroup(_group);
        }
        _row++;
        Record++;
        return true;
    }

    public ReadOnlySpan<char> Field(int ordinal) => _columns[ordinal][_row - 1];

    private void LoadGroup(int group)
    {
        using var rg = _reader.OpenRowGroupReader(group);
        _rows = checked((int)rg.RowCount);
        _row = 0;
        for (var c = 0; c < _fields.Length; c++) _columns[c] = ReadColumn(rg, _fields[c], _rows);
    }

    /// <summary>A column as text: numbers in their shortest exact (round-trip) form, nulls empty.</summary>
    private static string[] ReadColumn(ParquetRowGroupReader rg, DataField field, int rows)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double)) return Text<double>(rg, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (type == typeof(float)) return Text<float>(rg, field, rows, v => ((double)v).ToString("R", CultureInfo.InvariantCulture));
        if (type == typeof(int)) return Text<int>(rg, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == typeof(long)) return Text<long>(rg, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == typeof(short)) return Text<short>(rg, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
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
