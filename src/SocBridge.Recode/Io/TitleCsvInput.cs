using SocBridge.Core.Csv;
using SocBridge.Core.Files;
using System.Text;
using Sylvan.Data.Csv;

namespace SocBridge.Recode.Io;

/// <summary>One data row of an input file: its line, its fields, and why it cannot be used, if it cannot.</summary>
internal sealed record InputRow(long Line, IReadOnlyList<string> Fields, string? Problem);

/// <summary>A headed CSV file of titles, read whole. Rows that cannot be used are kept, with the reason, for the rejects file.</summary>
internal sealed record TitleCsvInput(string Path, IReadOnlyList<string> Header, IReadOnlyList<InputRow> Rows)
{
    /// <summary>Writes the rows that could not be read (line, reason, original fields) as CSV.</summary>
    public void WriteRejects(TextWriter text) => WriteRejects(text, Header, Rows.Where(r => r.Problem is not null));

    /// <summary>Writes rejected rows of a file with this header as CSV: line, reason, then the row's own fields.</summary>
    public static void WriteRejects(TextWriter text, IReadOnlyList<string> header, IEnumerable<InputRow> rejected)
    {
        var csv = new CsvFieldWriter(text);
        csv.WriteRow(["line", "reason", .. header]);
        foreach (var row in rejected)
        {
            csv.Write(row.Line);
            csv.Write(row.Problem);
            foreach (var f in row.Fields) csv.Write(f);
            csv.EndRow();
        }
        csv.Flush();
    }

    /// <summary>Refuses a run whose output files include the input (by any name) or name one file twice.</summary>
    /// <exception cref="ArgumentException">An output is the input, another output, or a folder.</exception>
    internal static void CheckPaths(string input, params (string Role, string Path)[] outputs)
    {
        if (FilePaths.Conflict([("input", input)], outputs) is { } conflict) throw new ArgumentException(conflict);
    }

    /// <summary>The longest title accepted; longer ones are rejected rather than coded.</summary>
    public const int MaxTitleLength = 1000;

    internal const int MaxRecordChars = 16 << 20;

    public int Ordinal(string column)
    {
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], column, StringComparison.Ordinal)) return i;
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i].Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        throw new InvalidDataException($"{Path}: no column '{column}'; the header has: {string.Join(", ", Header)}");
    }

    /// <summary>
    /// Reads the file. Bytes that are not UTF-8 are decoded as U+FFFD and the row they are in is rejected
    /// with its line number; a row with the wrong number of fields, or a title longer than
    /// <see cref="MaxTitleLength"/>, is rejected too. Nothing is skipped silently.
    /// </summary>
    public static TitleCsvInput Read(string path, IReadOnlyList<string> requiredColumns, string titleColumn)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: input file not found", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length == 0) throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns");
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', MaxBufferSize = MaxRecordChars });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns");
        var input = new TitleCsvInput(path, header, []);
        foreach (var column in requiredColumns) input.Ordinal(column);
        var titleOrdinal = input.Ordinal(titleColumn);
        var rows = new List<InputRow>();
        try
        {
            while (csv.Read())
            {
                var line = csv.RowNumber + 1;
                var fields = new string[csv.RowFieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
                rows.Add(Check(line, fields, header.Length, titleOrdinal));
            }
        }
        catch (CsvRecordTooLargeException e)
        {
            throw new InvalidDataException($"{path}: line {csv.RowNumber + 2}: a record longer than {MaxRecordChars:N0} characters; is the file CSV?", e);
        }
        return input with { Rows = rows };
    }

    /// <summary>The row, with the reason it cannot be used (not UTF-8, a wrong field count, an over-long title) if it cannot.</summary>
    internal static InputRow Check(long line, string[] fields, int headerLength, int titleOrdinal)
    {
        string? problem = null;
        if (fields.Any(f => f.Contains('\uFFFD')))
            problem = "the row is not valid UTF-8 (undecodable bytes shown as \uFFFD)";
        else if (fields.Length != headerLength)
            problem = $"the row has {fields.Length} fields; the header has {headerLength}";
        else if (fields[titleOrdinal].Length > MaxTitleLength)
            problem = $"the title has {fields[titleOrdinal].Length:N0} characters; at most {MaxTitleLength:N0} are accepted";
        return new InputRow(line, problem is not null && fields.Any(f => f.Length > MaxTitleLength) ? [.. fields.Select(Clip)] : fields, problem);
    }

    private static string Clip(string field) => field.Length <= MaxTitleLength ? field : field[..MaxTitleLength] + $"… ({field.Length:N0} characters)";
}
