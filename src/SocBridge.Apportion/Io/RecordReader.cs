using System.Runtime.CompilerServices;
using System.Text;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using Sylvan.Data.Csv;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads rows with the general CSV reader (quotes, embedded commas and line breaks) into a
/// <see cref="SeriesPart"/>: a whole file, or one slice of a file whose quoted fields hold no line break.
/// </summary>
internal sealed class RecordReader(string file, SeriesLayout layout, SeriesPart part, IRejectSink rejects) : ICurrentRow
{
    private CsvDataReader? _csv;

    /// <summary>
    /// Reads every record. Record r (counted from 1 after any header) is reported as line r + <paramref name="lineOffset"/>;
    /// <paramref name="progress"/> receives the bytes of <paramref name="stream"/> read since its last call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(CsvDataReader csv, Stream stream, long lineOffset, ApportionOptions options, Action<long>? progress)
    {
        _csv = csv;
        var nValues = layout.ValueOrdinals.Length;
        var values = new double[nValues];
        var statuses = new CellStatus[nValues];
        var dimIds = new int[layout.DimensionOrdinals.Length];
        long rows = 0, reported = 0;
        try
        {
            while (csv.Read())
            {
                rows++;
                if (progress is not null && (rows & 0xFFFF) == 0)
                {
                    progress(stream.Position - reported);
                    reported = stream.Position;
                }
                var line = csv.RowNumber + lineOffset;
                for (var v = 0; v < nValues; v++)
                {
                    var ordinal = layout.ValueOrdinals[v];
                    statuses[v] = ordinal < csv.RowFieldCount
                        ? ValueParser.Parse(csv.GetFieldSpan(ordinal), options.Values[v].IsCount, out values[v])
                        : CellStatus.Missing;
                }
                if (csv.RowFieldCount != layout.Header.Count)
                {
                    part.RejectRow(line, layout.FieldCountProblem(csv.RowFieldCount), values, statuses, this, rejects);
                    continue;
                }
                for (var d = 0; d < dimIds.Length; d++)
                    dimIds[d] = part.Dimensions.ValueId(d, csv.GetFieldSpan(layout.DimensionOrdinals[d]));
                var tuple = part.Dimensions.TupleId(dimIds);
                part.Add(line, tuple, csv.GetFieldSpan(layout.CodeOrdinal),
                    layout.SexOrdinal >= 0 ? csv.GetFieldSpan(layout.SexOrdinal) : [], values, statuses, this, rejects);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw Utf8Errors.NotUtf8(file, e);
        }
        progress?.Invoke(stream.Position - reported);
    }

    public IReadOnlyList<string> Fields() => Enumerable.Range(0, _csv!.RowFieldCount).Select(_csv.GetString).ToArray();

    public string RawValue(int valueIndex) => _csv!.GetString(layout.ValueOrdinals[valueIndex]);
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
