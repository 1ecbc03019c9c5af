using System.Globalization;
using Sylvan.Data.Csv;

namespace SocBridge.Core.Csv;

/// <summary>
/// Reads a headed CSV file row by row, with typed getters that name the file, line, column and
/// value when a field is not what was expected.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly CsvDataReader _reader;
    private readonly Dictionary<string, int> _ordinals;

    /// <exception cref="InvalidDataException">The file is empty or its header cannot be read.</exception>
    public CsvRecordReader(TextReader text, string fileName)
    {
        FileName = fileName;
        try
        {
            _reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        }
        catch (CsvMissingHeadersException e)
        {
            throw new InvalidDataException($"{fileName}: the file is empty; expected a header line naming the columns", e);
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException)
        {
            throw new InvalidDataException($"{fileName}: line 1 (header): malformed CSV ({e.Message})", e);
        }
        _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _reader.FieldCount; i++)
            _ordinals.TryAdd(_reader.GetName(i), i);
    }

    public string FileName { get; }

    /// <summary>1-based line number of the current record in the file (the header is line 1).</summary>
    public long Line => _reader.RowNumber + 1;

    public IReadOnlyCollection<string> Columns => _ordinals.Keys;

    public bool Read() => _reader.Read();

    public void RequireColumns(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
            if (!_ordinals.ContainsKey(name))
                throw new CsvDataException(new CsvDataError(FileName, 1, name, null,
                    $"missing column; the header has: {string.Join(", ", _ordinals.Keys)}"));
    }

    public int Ordinal(string column) =>
        _ordinals.TryGetValue(column, out var i)
            ? i
            : throw new CsvDataException(new CsvDataError(FileName, 1, column, null, "missing column"));

    public string GetString(string column) => _reader.GetString(Ordinal(column));

    public int GetInt(string column)
    {
        var raw = GetString(column);
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(column, raw, "expected a whole number");
    }

    public double GetDouble(string column)
    {
        var raw = GetString(column);
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error(column, raw, "expected a finite number");
    }

    public bool GetBool(string column)
    {
        var raw = GetString(column);
        return raw switch
        {
            "true" => true,
            "false" => false,
            _ => throw Error(column, raw, "expected true or false"),
        };
    }

    public CsvDataException Error(string column, string? value, string expected) =>
        new(new CsvDataError(FileName, Line, column, value, expected));

    public void Dispose() => _reader.Dispose();
}
