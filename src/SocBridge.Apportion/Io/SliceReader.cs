using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads the lines of one <see cref="FileSlice"/> of an unquoted CSV file into a <see cref="SeriesPart"/>:
/// blocks of whole lines are decoded from UTF-8 at once, then split at line feeds and commas. Gives the
/// same rows, line numbers and rejects as the general reader on such files. Rows are summed in small
/// batches: each row's cell is prefetched when the row is parsed and summed a few rows later, so the
/// lookups in a large cell table overlap instead of waiting on memory one after another.
/// </summary>
internal sealed class SliceReader : ICurrentRow
{
    private const int Batch = 16;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly string _file;
    private readonly SeriesLayout _layout;
    private readonly SeriesPart _part;
    private readonly IRejectSink _rejects;
    private readonly int[] _fieldStarts;
    private readonly int[] _fieldEnds;
    private readonly long[] _pendingLine = new long[Batch], _pendingKey = new long[Batch];
    private readonly SocCode[] _pendingCode = new SocCode[Batch];
    private readonly int[] _pendingStart = new int[Batch], _pendingLength = new int[Batch];
    private readonly double[] _pendingValues;
    private readonly CellStatus[] _pendingStatuses;
    private int _pending;
    // Rejects found while a row is parsed wait here, so they reach the sink in line order with those of pending rows.
    private readonly RejectList _early = new();
    private readonly Dictionary<string, int> _tuples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _tupleLookup;
    private char[] _tupleText = new char[256];
    private char[] _chars = new char[1 << 20];
    private int _rowStart, _rowLength, _fieldCount;
    private long _line;

    public SliceReader(string file, SeriesLayout layout, SeriesPart part, IRejectSink rejects)
    {
        _file = file;
        _layout = layout;
        _part = part;
        _rejects = rejects;
        _fieldStarts = new int[layout.Header.Count];
        _fieldEnds = new int[layout.Header.Count];
        _pendingValues = new double[Batch * layout.ValueOrdinals.Length];
        _pendingStatuses = new CellStatus[Batch * layout.ValueOrdinals.Length];
        _tupleLookup = _tuples.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Reads the slice; <paramref name="progress"/> receives the number of bytes done since its last call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(SafeFileHandle handle, FileSlice slice, ApportionOptions options, Action<long>? progress)
    {
        var bytes = new byte[_chars.Length];
        var carried = 0;
        var line = slice.FirstLine;
        var dimIds = new int[_layout.DimensionOrdinals.Length];
        for (var at = slice.Start; at < slice.End || carried > 0;)
        {
            var read = at < slice.End ? RandomAccess.Read(handle, bytes.AsSpan(carried, (int)Math.Min(bytes.Length - carried, slice.End - at)), at) : 0;
            at += read;
            var filled = carried + read;
            var block = bytes.AsSpan(0, filled);
            var lastBreak = block.LastIndexOf((byte)'\n');
            int usable;
            if (lastBreak >= 0) usable = lastBreak + 1;
            else if (at >= slice.End) usable = filled; // the file's last line, without a line feed
            else
            {
                // One line longer than the buffer: grow it and read on.
                Array.Resize(ref bytes, bytes.Length * 2);
                _chars = new char[bytes.Length];
                carried = filled;
                continue;
            }
            int count;
            try
            {
                count = StrictUtf8.GetChars(block[..usable], _chars);
            }
            catch (DecoderFallbackException e)
            {
                throw Utf8Errors.NotUtf8(_file, e);
            }
            for (var start = 0; start < count;)
            {
                var end = _chars.AsSpan(start, count - start).IndexOf('\n');
                var length = end < 0 ? count - start : end;
                _rowStart = start;
                _rowLength = length > 0 && _chars[start + length - 1] == '\r' ? length - 1 : length;
                AddLine(_chars.AsSpan(_rowStart, _rowLength), line++, options, dimIds);
                start += length + 1;
            }
            Flush(); // the next block overwrites the text of pending rows
            progress?.Invoke(usable);
            carried = filled - usable;
            block[usable..].CopyTo(bytes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddLine(ReadOnlySpan<char> row, long line, ApportionOptions options, int[] dimIds)
    {
        _line = line;
        Split(row);
        var layout = _layout;
        var nValues = layout.ValueOrdinals.Length;
        var values = _pendingValues.AsSpan(_pending * nValues, nValues);
        var statuses = _pendingStatuses.AsSpan(_pending * nValues, nValues);
        for (var v = 0; v < values.Length; v++)
        {
            var ordinal = layout.ValueOrdinals[v];
            statuses[v] = ordinal < _fieldCount
                ? ValueParser.Parse(Field(row, ordinal), options.Values[v].IsNonNegative, out values[v])
                : CellStatus.Missing;
        }
        if (_fieldCount != layout.Header.Count)
        {
            _part.RejectRow(line, layout.FieldCountProblem(_fieldCount), values, statuses, this, _early);
            return;
        }
        var tuple = Tuple(row, dimIds);
        if (!_part.TryPrepare(line, tuple, Field(row, layout.CodeOrdinal), layout.SexOrdinal >= 0 ? Field(row, layout.SexOrdinal) : [],
                values, statuses, this, _early, out var key, out var code))
            return;
        _part.PrefetchCell(key);
        _pendingLine[_pending] = line;
        _pendingKey[_pending] = key;
        _pendingCode[_pending] = code;
        _pendingStart[_pending] = _rowStart;
        _pendingLength[_pending] = _rowLength;
        if (++_pending == Batch) Flush();
    }

    /// <summary>
    /// The dimension tuple of a row, found by the text of its dimension fields joined with commas (which an
    /// unquoted field cannot hold): one lookup per row instead of one per column. New texts are interned
    /// column by column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Tuple(ReadOnlySpan<char> row, int[] dimIds)
    {
        var ordinals = _layout.DimensionOrdinals;
        var length = 0;
        foreach (var ordinal in ordinals) length += _fieldEnds[ordinal] - _fieldStarts[ordinal] + 1;
        if (length > _tupleText.Length) _tupleText = new char[Math.Max(length, _tupleText.Length * 2)];
        var at = 0;
        foreach (var ordinal in ordinals)
        {
            Field(row, ordinal).CopyTo(_tupleText.AsSpan(at));
            at += _fieldEnds[ordinal] - _fieldStarts[ordinal];
            _tupleText[at++] = ',';
        }
        var text = _tupleText.AsSpan(0, at);
        if (_tupleLookup.TryGetValue(text, out var tuple)) return tuple;
        for (var d = 0; d < dimIds.Length; d++) dimIds[d] = _part.Dimensions.ValueId(d, Field(row, ordinals[d]));
        tuple = _part.Dimensions.TupleId(dimIds);
        _tuples.Add(text.ToString(), tuple);
        return tuple;
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
            while (e < early.Count && early[e].Line < _pendingLine[i]) _rejects.Reject(early[e++]);
            _rowStart = _pendingStart[i];
            _rowLength = _pendingLength[i];
            _line = _pendingLine[i];
            _part.Accumulate(_pendingLine[i], _pendingKey[i], _pendingCode[i],
                _pendingValues.AsSpan(i * nValues, nValues), _pendingStatuses.AsSpan(i * nValues, nValues), this, _rejects);
        }
        while (e < early.Count) _rejects.Reject(early[e++]);
        early.Clear();
        _pending = 0;
    }

    /// <summary>Finds the fields of a line (all of them are counted; positions are kept for the header's width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Split(ReadOnlySpan<char> row)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var comma = row[start..].IndexOf(',');
            var end = comma < 0 ? row.Length : start + comma;
            if (count < _fieldStarts.Length)
            {
                _fieldStarts[count] = start;
                _fieldEnds[count] = end;
            }
            count++;
            if (comma < 0) break;
            start = end + 1;
        }
        _fieldCount = count;
    }

    private ReadOnlySpan<char> Field(ReadOnlySpan<char> row, int ordinal) => row[_fieldStarts[ordinal].._fieldEnds[ordinal]];

    /// <summary>Every line of a slice is one record (a slice never holds a quoted line break); the header is line 1.</summary>
    public long Record => _line - 1;

    public IReadOnlyList<string> Fields()
    {
        var row = _chars.AsSpan(_rowStart, _rowLength);
        var fields = new List<string>(_fieldCount);
        foreach (var range in row.Split(',')) fields.Add(row[range].ToString());
        return fields;
    }

    public string RawValue(int valueIndex)
    {
        var fields = Fields();
        var ordinal = _layout.ValueOrdinals[valueIndex];
        return ordinal < fields.Count ? fields[ordinal] : "";
    }
}
