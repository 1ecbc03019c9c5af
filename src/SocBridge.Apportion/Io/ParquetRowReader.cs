using System.Runtime.CompilerServices;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads the rows of a <see cref="ParquetTableReader"/> into a <see cref="SeriesPart"/> a row group at a time,
/// column by column: gives the same rows, line numbers and rejects as <see cref="RecordReader"/> does over the
/// same reader, without going through the text of each field. A dimension value that is the same slice as the
/// row before's (every row of a dictionary entry shares one) is not looked up again, nor the tuple when no
/// dimension changed. Rows are summed in small batches, each row's cell prefetched when it is prepared and summed
/// a few rows later, so the lookups in a large cell table overlap (as <see cref="SliceReader"/> does).
/// </summary>
internal sealed class ParquetRowReader : ICurrentRow
{
    private const int Batch = 16;

    private readonly SeriesLayout _layout;
    private readonly SeriesPart _part;
    private readonly IRejectSink _rejects;
    private readonly int[] _pendingRow = new int[Batch];
    private readonly long[] _pendingKey = new long[Batch];
    private readonly SocCode[] _pendingCode = new SocCode[Batch];
    private readonly double[] _pendingValues;
    private readonly CellStatus[] _pendingStatuses;
    private int _pending;
    // Rejects found while a row is prepared wait here, so they reach the sink in line order with those of pending rows.
    private readonly RejectList _early = new();
    private ParquetTableReader? _table;
    private int _row;
    private long _groupStart;

    public ParquetRowReader(SeriesLayout layout, SeriesPart part, IRejectSink rejects)
    {
        _layout = layout;
        _part = part;
        _rejects = rejects;
        _pendingValues = new double[Batch * layout.ValueOrdinals.Length];
        _pendingStatuses = new CellStatus[Batch * layout.ValueOrdinals.Length];
    }

    /// <summary>Reads every row of <paramref name="table"/>; <paramref name="progress"/> receives the fraction of the input read after each row group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(ParquetTableReader table, ApportionOptions options, Action<double>? progress)
    {
        _table = table;
        var layout = _layout;
        var dims = layout.DimensionOrdinals;
        var dimIds = new int[dims.Length];
        // The last slice (or number) seen in each dimension column, and whether it is known.
        var lastText = new ReadOnlyMemory<char>[dims.Length];
        var lastNumber = new long[dims.Length];
        var known = new bool[dims.Length];
        var tuple = -1;
        var nValues = layout.ValueOrdinals.Length;
        var textColumns = new ReadOnlyMemory<char>[]?[dims.Length];
        var numberColumns = new double[]?[dims.Length];
        var numberNulls = new bool[]?[dims.Length];
        while (table.NextGroup())
        {
            var rows = table.GroupRowCount;
            _groupStart = table.GroupStart;
            for (var d = 0; d < dims.Length; d++)
            {
                textColumns[d] = table.TextColumn(dims[d]);
                numberColumns[d] = table.NumberColumn(dims[d], out numberNulls[d]);
            }
            for (var r = table.GroupFirstRow; r < rows; r++)
            {
                _row = r;
                var values = _pendingValues.AsSpan(_pending * nValues, nValues);
                var statuses = _pendingStatuses.AsSpan(_pending * nValues, nValues);
                for (var v = 0; v < nValues; v++)
                {
                    var ordinal = layout.ValueOrdinals[v];
                    if (table.TryNumberAt(ordinal, r, out var number, out var isNull))
                    {
                        statuses[v] = isNull ? CellStatus.Missing : ValueParser.Classify(number, options.Values[v].IsNonNegative, out values[v]);
                        if (isNull) values[v] = double.NaN;
                    }
                    else statuses[v] = ValueParser.Parse(table.FieldAt(ordinal, r), options.Values[v].IsNonNegative, out values[v]);
                }
                var changed = tuple < 0;
                for (var d = 0; d < dims.Length; d++)
                {
                    if (textColumns[d] is { } text)
                    {
                        var slice = text[r];
                        if (known[d] && slice.Equals(lastText[d])) continue;
                        lastText[d] = slice;
                        known[d] = true;
                        dimIds[d] = _part.Dimensions.ValueId(d, slice.Span);
                    }
                    else if (numberColumns[d] is { } numbers && !(numberNulls[d] is { } nulls && nulls[r]))
                    {
                        var bits = BitConverter.DoubleToInt64Bits(numbers[r]);
                        if (known[d] && bits == lastNumber[d]) continue;
                        lastNumber[d] = bits;
                        known[d] = true;
                        dimIds[d] = _part.Dimensions.ValueId(d, table.FieldAt(dims[d], r));
                    }
                    else
                    {
                        known[d] = false;
                        dimIds[d] = _part.Dimensions.ValueId(d, table.FieldAt(dims[d], r));
                    }
                    changed = true;
                }
                if (changed) tuple = _part.Dimensions.TupleId(dimIds);
                var line = _groupStart + r + 2;
                if (!_part.TryPrepare(line, tuple, table.FieldAt(layout.CodeOrdinal, r), layout.SexOrdinal >= 0 ? table.FieldAt(layout.SexOrdinal, r) : [],
                        values, statuses, this, _early, out var key, out var code))
                    continue;
                _part.PrefetchCell(key);
                _pendingRow[_pending] = r;
                _pendingKey[_pending] = key;
                _pendingCode[_pending] = code;
                if (++_pending == Batch) Flush();
            }
            Flush(); // the next group overwrites the columns of pending rows
            table.SkipGroup();
            // Slices of this group's pages must not be taken for the next group's.
            Array.Clear(known);
            progress?.Invoke(table.Progress);
        }
        progress?.Invoke(1);
    }

    /// <summary>Sums the pending rows into their (by now prefetched) cells, in line order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flush()
    {
        var nValues = _layout.ValueOrdinals.Length;
        var early = _early.Records;
        var e = 0;
        for (var i = 0; i < _pending; i++)
        {
            var line = _groupStart + _pendingRow[i] + 2;
            while (e < early.Count && early[e].Line < line) _rejects.Reject(early[e++]);
            _row = _pendingRow[i];
            _part.Accumulate(line, _pendingKey[i], _pendingCode[i],
                _pendingValues.AsSpan(i * nValues, nValues), _pendingStatuses.AsSpan(i * nValues, nValues), this, _rejects);
        }
        while (e < early.Count) _rejects.Reject(early[e++]);
        early.Clear();
        _pending = 0;
    }

    public long Record => _groupStart + _row + 1;

    public IReadOnlyList<string> Fields()
    {
        var fields = new string[_layout.Header.Count];
        for (var i = 0; i < fields.Length; i++) fields[i] = _table!.FieldAt(i, _row).ToString();
        return fields;
    }

    public string RawValue(int valueIndex) => _table!.FieldAt(_layout.ValueOrdinals[valueIndex], _row).ToString();
}
