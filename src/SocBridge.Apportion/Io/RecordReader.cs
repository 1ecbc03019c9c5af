using System.Runtime.CompilerServices;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads the rows of a <see cref="ITableReader"/> (a CSV file in any dialect, a slice of one, or a sheet of a
/// workbook) into a <see cref="SeriesPart"/>, naming each row by its physical line and record number.
/// </summary>
internal sealed class RecordReader(SeriesLayout layout, SeriesPart part, IRejectSink rejects) : ICurrentRow
{
    private ITableReader? _table;

    /// <summary>Reads every row; <paramref name="progress"/> receives the fraction of the input read, now and then.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(ITableReader table, ApportionOptions options, Action<double>? progress)
    {
        _table = table;
        var nValues = layout.ValueOrdinals.Length;
        var values = new double[nValues];
        var statuses = new CellStatus[nValues];
        var dimIds = new int[layout.DimensionOrdinals.Length];
        long rows = 0;
        while (table.Read())
        {
            rows++;
            if (progress is not null && (rows & 0xFFFF) == 0) progress(table.Progress);
            var line = table.Line;
            var fields = table.FieldCount;
            for (var v = 0; v < nValues; v++)
            {
                var ordinal = layout.ValueOrdinals[v];
                if (ordinal >= fields) statuses[v] = CellStatus.Missing;
                else if (table.TryNumber(ordinal, out var number, out var isNull))
                {
                    statuses[v] = isNull ? CellStatus.Missing : ValueParser.Classify(number, options.Values[v].IsNonNegative, out values[v]);
                    if (isNull) values[v] = double.NaN;
                }
                else statuses[v] = ValueParser.Parse(table.Field(ordinal), options.Values[v].IsNonNegative, out values[v]);
            }
            if (fields != layout.Header.Count)
            {
                part.RejectRow(line, layout.FieldCountProblem(fields), values, statuses, this, rejects);
                continue;
            }
            for (var d = 0; d < dimIds.Length; d++)
                dimIds[d] = part.Dimensions.ValueId(d, table.Field(layout.DimensionOrdinals[d]));
            var tuple = part.Dimensions.TupleId(dimIds);
            part.Add(line, tuple, table.Field(layout.CodeOrdinal),
                layout.SexOrdinal >= 0 ? table.Field(layout.SexOrdinal) : [], values, statuses, this, rejects);
        }
        progress?.Invoke(1);
    }

    public long Record => _table!.Record;

    public IReadOnlyList<string> Fields() => _table!.Fields();

    public string RawValue(int valueIndex)
    {
        var ordinal = layout.ValueOrdinals[valueIndex];
        return ordinal < _table!.FieldCount ? _table.Field(ordinal).ToString() : "";
    }
}

/// <summary>A read-only stream over bytes [start, end) of a file, for reading one slice with the general reader.</summary>
internal sealed class FileRangeStream(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long start, long end) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => end - start;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = end - start - _position;
        if (remaining <= 0) return 0;
        var read = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, remaining)], start + _position);
        _position += read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
