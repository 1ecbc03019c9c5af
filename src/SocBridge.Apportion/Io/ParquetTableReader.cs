using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads a Parquet file as a table, one row group at a time, so memory follows the largest row group, not the
/// file. Numbers are read as numbers and given to the engine in their shortest exact text; strings as written;
/// a null is an empty cell. The line of a row is its position in the file plus one (the "header" being the schema).
/// <para>
/// Strings are read as slices of the decoded pages, never as one string a row: a dictionary-encoded column (as
/// DuckDB, Spark and this program write dimensions) gives every row of a value the same slice of its dictionary
/// entry, so a row group's strings cost one small array per distinct value. The buffers of a row group are
/// reused for the next.
/// </para>
/// </summary>
internal sealed class ParquetTableReader : ITableReader
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly ColumnKind[] _kinds;
    // How the current row group's columns were read: a whole-number column with a value beyond 2^53 is read as text in that group.
    private readonly ColumnKind[] _groupKinds;
    // Strings, as slices of their page or dictionary entry (empty for a null).
    private readonly ReadOnlyMemory<char>[]?[] _text;
    // Other columns read as text: whole numbers beyond 2^53, decimals and booleans.
    private readonly string[]?[] _otherText;
    // Number columns (integers and floating point) stay numbers; their text is made only when asked for.
    private readonly double[]?[] _numbers;
    private readonly bool[]?[] _nulls;
    private readonly bool[] _hasNulls;
    private readonly (double Number, string Text)[] _lastText;
    private int[] _levels = [];
    private int _group = -1;
    private int _endGroup;
    private long _firstRow;
    private long _endRow;
    private int _row;
    private int _rows;

    /// <summary>How a column is read.</summary>
    private enum ColumnKind
    {
        Text,
        Number,
        Other,
    }

    private ParquetTableReader(Stream stream, ParquetReader reader)
    {
        _stream = stream;
        _reader = reader;
        _fields = reader.Schema.GetDataFields();
        _kinds = _fields.Select(KindOf).ToArray();
        _groupKinds = (ColumnKind[])_kinds.Clone();
        _text = new ReadOnlyMemory<char>[_fields.Length][];
        _otherText = new string[_fields.Length][];
        _numbers = new double[_fields.Length][];
        _nulls = new bool[_fields.Length][];
        _hasNulls = new bool[_fields.Length];
        _lastText = new (double, string)[_fields.Length];
        for (var c = 0; c < _lastText.Length; c++) _lastText[c] = (double.NaN, "");
        Header = _fields.Select(f => f.Name).ToArray();
    }

    /// <summary>The row groups of the file, or those from <paramref name="firstGroup"/> up to <paramref name="endGroup"/> (rows then numbered as in the whole file).</summary>
    public static ParquetTableReader Open(string file, int firstGroup = 0, int? endGroup = null) =>
        Open(file, reader =>
        {
            var starts = reader.GroupStarts();
            var first = Math.Min(firstGroup, reader._reader.RowGroupCount);
            var end = Math.Clamp(endGroup ?? int.MaxValue, first, reader._reader.RowGroupCount);
            return (starts[first], starts[end]);
        });

    /// <summary>Rows <paramref name="firstRow"/> up to <paramref name="endRow"/> of the file (counted from 0 over all its row groups; numbered as in the whole file).</summary>
    public static ParquetTableReader OpenRows(string file, long firstRow, long endRow) => Open(file, _ => (firstRow, endRow));

    private static ParquetTableReader Open(string file, Func<ParquetTableReader, (long First, long End)> rows)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var reader = new ParquetTableReader(stream, ParquetReader.CreateAsync(stream).GetAwaiter().GetResult());
            var starts = reader.GroupStarts();
            (reader._firstRow, reader._endRow) = rows(reader);
            reader._endRow = Math.Clamp(reader._endRow, reader._firstRow, starts[^1]);
            // The groups that hold the rows: the first whose end is past the first row, up to the one that holds the last row.
            var first = 0;
            while (first < starts.Length - 1 && starts[first + 1] <= reader._firstRow) first++;
            var end = first;
            while (end < starts.Length - 1 && starts[end] < reader._endRow) end++;
            reader._group = first - 1;
            reader._endGroup = end;
            reader.Record = reader._firstRow;
            return reader;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new InvalidDataException($"{file}: the Parquet file cannot be read ({e.Message})", e);
        }
    }

    /// <summary>The first row of each row group, and after them the number of rows of the file.</summary>
    private long[] GroupStarts()
    {
        var starts = new long[_reader.RowGroupCount + 1];
        for (var g = 0; g < _reader.RowGroupCount; g++) starts[g + 1] = starts[g] + _reader.RowGroups[g].RowCount;
        return starts;
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

    public ReadOnlySpan<char> Field(int ordinal) => FieldAt(ordinal, _row - 1);

    /// <summary>Moves to the next row group, for a reader that takes its rows a group at a time; false at the end.</summary>
    internal bool NextGroup()
    {
        Record += _rows - _row;
        _row = _rows = 0;
        while (_row >= _rows)
        {
            if (++_group >= _endGroup) return false;
            LoadGroup(_group);
        }
        return true;
    }

    /// <summary>The first row of the current group to read (past those before the reader's first row).</summary>
    internal int GroupFirstRow { get; private set; }

    /// <summary>The rows of the current group.</summary>
    internal int GroupRowCount => _rows;

    /// <summary>The record number of the current group's first row, less one (the rows before it).</summary>
    internal long GroupStart => Record - _row;

    /// <summary>Marks the current group read (for <see cref="Progress"/> and <see cref="Record"/>).</summary>
    internal void SkipGroup()
    {
        Record += _rows - _row;
        _row = _rows;
    }

    /// <summary>Column <paramref name="ordinal"/> of the current group as slices, when it is a string column.</summary>
    internal ReadOnlyMemory<char>[]? TextColumn(int ordinal) => _groupKinds[ordinal] == ColumnKind.Text ? _text[ordinal] : null;

    /// <summary>Column <paramref name="ordinal"/> of the current group as numbers with their nulls (null when none), when it is a number column.</summary>
    internal double[]? NumberColumn(int ordinal, out bool[]? nulls)
    {
        var number = _groupKinds[ordinal] == ColumnKind.Number;
        nulls = number && _hasNulls[ordinal] ? _nulls[ordinal] : null;
        return number ? _numbers[ordinal] : null;
    }

    /// <summary>The text of field <paramref name="ordinal"/> of row <paramref name="row"/> of the current group.</summary>
    internal ReadOnlySpan<char> FieldAt(int ordinal, int row)
    {
        switch (_groupKinds[ordinal])
        {
            case ColumnKind.Text:
                return _text[ordinal]![row].Span;
            case ColumnKind.Other:
                return _otherText[ordinal]![row];
        }
        if (_hasNulls[ordinal] && _nulls[ordinal]![row]) return "";
        var number = _numbers[ordinal]![row];
        ref var last = ref _lastText[ordinal];
        // A repeated number (a year, say, in a dimension column) is formatted once.
        if (BitConverter.DoubleToInt64Bits(number) != BitConverter.DoubleToInt64Bits(last.Number))
            last = (number, number.ToString("R", CultureInfo.InvariantCulture));
        return last.Text;
    }

    public bool TryNumber(int ordinal, out double value, out bool isNull) => TryNumberAt(ordinal, _row - 1, out value, out isNull);

    /// <summary>As <see cref="TryNumber"/>, for row <paramref name="row"/> of the current group.</summary>
    internal bool TryNumberAt(int ordinal, int row, out double value, out bool isNull)
    {
        if (_groupKinds[ordinal] != ColumnKind.Number)
        {
            value = double.NaN;
            isNull = false;
            return false;
        }
        isNull = _hasNulls[ordinal] && _nulls[ordinal]![row];
        value = isNull ? double.NaN : _numbers[ordinal]![row];
        return true;
    }

    /// <summary>Integers and floating point numbers are read as numbers, strings as text, anything else as its exact text.</summary>
    private static ColumnKind KindOf(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double) || type == typeof(float) || type == typeof(int) || type == typeof(short) || type == typeof(long)) return ColumnKind.Number;
        return type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? ColumnKind.Text : ColumnKind.Other;
    }

    private void LoadGroup(int group)
    {
        using var rg = _reader.OpenRowGroupReader(group);
        var start = _reader.RowGroups.Take(group).Sum(g => g.RowCount);
        var count = checked((int)rg.RowCount);
        _rows = count;
        // A reader over a range of rows reads the groups it touches and leaves out the rows outside it.
        _row = GroupFirstRow = (int)Math.Clamp(_firstRow - start, 0, count);
        var end = (int)Math.Clamp(_endRow - start, _row, count);
        Record = start + _row;
        if (_levels.Length < _rows) _levels = new int[_rows];
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            _groupKinds[c] = _kinds[c];
            switch (_kinds[c])
            {
                case ColumnKind.Text:
                    ReadText(rg, field, Reuse(ref _text[c], _rows));
                    break;
                case ColumnKind.Number:
                    if (!ReadNumbers(rg, field, c))
                    {
                        // Whole numbers beyond 2^53 have no exact double: this group's column is read as text.
                        _groupKinds[c] = ColumnKind.Other;
                        _otherText[c] = ReadOther(rg, field, _rows);
                    }
                    break;
                default:
                    _otherText[c] = ReadOther(rg, field, _rows);
                    break;
            }
        }
        _rows = end;
    }

    private static T[] Reuse<T>(ref T[]? buffer, int rows)
    {
        if (buffer is null || buffer.Length < rows) buffer = new T[rows];
        return buffer;
    }

    /// <summary>
    /// Reads the defined values of <paramref name="field"/> into the start of <paramref name="values"/> and their
    /// definition levels into <see cref="_levels"/>; returns whether any row is null.
    /// </summary>
    private bool ReadRaw<T>(ParquetRowGroupReader rg, DataField field, T[] values) where T : struct
    {
        if (field.MaxDefinitionLevel == 0)
        {
            rg.ReadRawAsync<T>(field, values.AsMemory(), null, null).AsTask().GetAwaiter().GetResult();
            return false;
        }
        rg.ReadRawAsync<T>(field, values.AsMemory(), _levels.AsMemory(), null).AsTask().GetAwaiter().GetResult();
        return _levels.AsSpan(0, _rows).ContainsAnyExcept(field.MaxDefinitionLevel);
    }

    /// <summary>A string column as slices; a null is empty.</summary>
    private void ReadText(ParquetRowGroupReader rg, DataField field, ReadOnlyMemory<char>[] values)
    {
        if (!ReadRaw(rg, field, values)) return;
        // The defined values come first: spread them over their rows from the end, nulls empty.
        var defined = field.MaxDefinitionLevel;
        var j = _levels.AsSpan(0, _rows).Count(defined) - 1;
        for (var i = _rows - 1; i >= 0; i--) values[i] = _levels[i] == defined ? values[j--] : ReadOnlyMemory<char>.Empty;
    }

    /// <summary>
    /// A column of integers or floating point numbers as doubles (exact for every such value a series holds), with
    /// its nulls; false when a whole number is beyond 2^53.
    /// </summary>
    private bool ReadNumbers(ParquetRowGroupReader rg, DataField field, int c)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        var numbers = Reuse(ref _numbers[c], _rows);
        bool hasNulls;
        if (type == typeof(double)) hasNulls = ReadRaw(rg, field, numbers);
        else if (type == typeof(float)) hasNulls = Widen<float>(rg, field, numbers, v => v);
        else if (type == typeof(int)) hasNulls = Widen<int>(rg, field, numbers, v => v);
        else if (type == typeof(short)) hasNulls = Widen<short>(rg, field, numbers, v => v);
        else
        {
            hasNulls = Widen<long>(rg, field, numbers, v => v);
            var defined = hasNulls ? _levels.AsSpan(0, _rows).Count(field.MaxDefinitionLevel) : _rows;
            foreach (var v in numbers.AsSpan(0, defined))
                if (!(Math.Abs(v) <= 9007199254740992d)) return false;
        }
        _hasNulls[c] = hasNulls;
        if (!hasNulls) return true;
        var nulls = Reuse(ref _nulls[c], _rows);
        var level = field.MaxDefinitionLevel;
        var j = _levels.AsSpan(0, _rows).Count(level) - 1;
        for (var i = _rows - 1; i >= 0; i--)
        {
            nulls[i] = _levels[i] != level;
            numbers[i] = nulls[i] ? double.NaN : numbers[j--];
        }
        return true;
    }

    private bool Widen<T>(ParquetRowGroupReader rg, DataField field, double[] numbers, Func<T, double> convert) where T : struct
    {
        var values = System.Buffers.ArrayPool<T>.Shared.Rent(_rows);
        try
        {
            var hasNulls = ReadRaw(rg, field, values);
            var defined = hasNulls ? _levels.AsSpan(0, _rows).Count(field.MaxDefinitionLevel) : _rows;
            for (var i = 0; i < defined; i++) numbers[i] = convert(values[i]);
            return hasNulls;
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(values);
        }
    }

    /// <summary>
    /// A column that is not read as numbers or strings, as text: whole numbers beyond 2^53, decimals and booleans
    /// in their exact text, nulls empty.
    /// </summary>
    private static string[] ReadOther(ParquetRowGroupReader rg, DataField field, int rows)
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
