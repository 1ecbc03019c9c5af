using System.Text;
using Sylvan.Data.Csv;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads a CSV file (or one slice of it) with the general CSV reader: quotes, embedded delimiters and line
/// breaks, any <see cref="CsvDialect"/>. Lines are physical: a quoted field that spans lines moves the
/// next row's line on by as many lines. Malformed text (a quote never closed, a record too large) is
/// reported with file and line.
/// </summary>
internal sealed class CsvTableReader : ITableReader
{
    /// <summary>The largest record (header included) read; a larger one is almost always a quote that is never closed.</summary>
    public const int MaxRecordChars = 4 << 20;

    private readonly CsvDataReader _csv;
    private readonly Stream _stream;
    private readonly string _file;
    private readonly bool _utf8;
    private long _nextLine;

    private CsvTableReader(CsvDataReader csv, Stream stream, string file, bool utf8, long firstLine)
    {
        _csv = csv;
        _stream = stream;
        _file = file;
        _utf8 = utf8;
        _nextLine = firstLine;
        Header = csv.FieldCount == 0 ? [] : Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
    }

    /// <summary>Opens a whole file, reading its header line.</summary>
    public static CsvTableReader OpenFile(string file, CsvDialect dialect)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length == 0)
        {
            stream.Dispose();
            throw new InvalidDataException($"{file}: the file is empty; expected a header line naming the columns");
        }
        var reader = Open(stream, file, dialect, hasHeader: true, firstLine: 2);
        reader._nextLine += reader.Header.Sum(h => h.AsSpan().Count('\n'));
        return reader;
    }

    /// <summary>Opens a stream of data lines without a header, the first of them being file line <paramref name="firstLine"/>.</summary>
    public static CsvTableReader OpenSlice(Stream stream, string file, long firstLine)
    {
        var reader = Open(stream, file, CsvDialect.Default, hasHeader: false, firstLine);
        // A slice never holds a quoted line break, so its lines before it are all records (less the header).
        reader.Record = firstLine - 2;
        return reader;
    }

    private static CsvTableReader Open(Stream stream, string file, CsvDialect dialect, bool hasHeader, long firstLine)
    {
        var text = new StreamReader(stream, dialect.Encoding, detectEncodingFromByteOrderMarks: hasHeader && dialect.EncodingName == "utf-8", 1 << 16);
        var utf8 = dialect.EncodingName == "utf-8";
        try
        {
            var options = new CsvDataReaderOptions
            {
                HasHeaders = hasHeader, Delimiter = dialect.Delimiter, BufferSize = 1 << 16, MaxBufferSize = MaxRecordChars, OwnsReader = true,
                // No comment lines: a row starting with '#' is data like any other, never skipped unseen.
                Comment = '\0',
            };
            return new CsvTableReader(CsvDataReader.Create(text, options), stream, file, utf8, firstLine);
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException or CsvRecordTooLargeException)
        {
            text.Dispose();
            // The reader looks at the first record while it opens: the fault is the header's only if the header never ends.
            var inHeader = !hasHeader || !HeaderEnds(file, dialect);
            throw Translate(e, file, inHeader ? firstLine - (hasHeader ? 1 : 0) : firstLine, utf8, header: inHeader && hasHeader);
        }
    }

    /// <summary>Whether the file's first line (quoted line breaks included) ends within the largest record read.</summary>
    private static bool HeaderEnds(string file, CsvDialect dialect)
    {
        using var stream = File.OpenRead(file);
        using var text = new StreamReader(stream, dialect.EncodingName == "utf-8" ? new UTF8Encoding(false) : dialect.Encoding);
        var buffer = new char[1 << 16];
        var quoted = false;
        for (long seen = 0; seen <= MaxRecordChars;)
        {
            var read = text.Read(buffer, 0, buffer.Length);
            if (read == 0) return false;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '"') quoted = !quoted;
                else if (buffer[i] == '\n' && !quoted) return true;
            }
            seen += read;
        }
        return false;
    }

    public IReadOnlyList<string> Header { get; }

    public long Line { get; private set; }

    public long Record { get; private set; }

    public int FieldCount => _csv.RowFieldCount;

    public double Progress => _stream.CanSeek && _stream.Length > 0 ? (double)_stream.Position / _stream.Length : 0;

    /// <summary>Bytes of the stream read so far.</summary>
    public long Position => _stream.Position;

    public bool Read()
    {
        bool more;
        try
        {
            more = _csv.Read();
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException or CsvRecordTooLargeException)
        {
            throw Translate(e, _file, _nextLine, _utf8, header: false);
        }
        if (!more) return false;
        Record++;
        Line = _nextLine;
        var breaks = 0;
        for (var i = 0; i < _csv.RowFieldCount; i++) breaks += _csv.GetFieldSpan(i).Count('\n');
        _nextLine = Line + 1 + breaks;
        return true;
    }

    public ReadOnlySpan<char> Field(int ordinal) => _csv.GetFieldSpan(ordinal);

    private static Exception Translate(Exception e, string file, long line, bool utf8, bool header) => e switch
    {
        DecoderFallbackException d when utf8 => Utf8Errors.NotUtf8(file, d),
        DecoderFallbackException d => new InvalidDataException($"{file}: line {line}: bytes that the encoding cannot read ({d.Message})", d),
        CsvRecordTooLargeException => new InvalidDataException(
            $"{file}: line {line}{(header ? " (header)" : "")}: a record longer than {MaxRecordChars / (1 << 20)} MiB characters; " +
            "this is almost always a quote (\") that is opened and never closed", e),
        CsvFormatException f => new InvalidDataException(
            $"{file}: line {line}{(header ? " (header)" : "")}: malformed CSV{(f.FieldOrdinal >= 0 ? $" in field {f.FieldOrdinal + 1}" : "")}: " +
            "a quoted field must end with a quote (\") followed by the delimiter or the end of the line; a quote that is never closed runs to the end of the file", e),
        _ => e,
    };

    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
