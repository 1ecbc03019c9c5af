using System.Globalization;
using System.Text.RegularExpressions;
using SocBridge.Core.Csv;
using Sylvan.Data.Csv;

namespace SocBridge.Release.Samples;

/// <summary>One non-zero cell of the SOC2010 × SIC2007 employment matrix.</summary>
public sealed record LfsCell(string Soc2010, string Sic2007Class, string Sic2007Section, long Employment);

/// <summary>The matrix in long form, with the counts of what was read and dropped.</summary>
public sealed record LfsMatrix(
    IReadOnlyList<LfsCell> Cells,
    int SocRows,
    int ClassColumns,
    int CellsRead,
    int ZeroCellsDropped,
    long GrandTotal);

/// <summary>
/// Reads the 2018 LFS employment matrix: an unnamed first column of row labels such as
/// <c> 1115 1115  'Chief executives and Snr officials' </c>, one column per SIC2007 class headed like
/// <c> 111 01.11 Growing of cereals, except rice </c>, and whole-number counts padded with spaces.
/// </summary>
public static partial class LfsMatrixReader
{
    public static LfsMatrix Read(string path)
    {
        using var text = new StreamReader(path, CsvFieldWriter.Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        return Read(text, Path.GetFileName(path));
    }

    public static LfsMatrix Read(TextReader text, string fileName)
    {
        // The header row is about 27,000 characters, more than CsvRecordReader's default buffer holds,
        // so the reader is opened here with a buffer sized for it. Line numbers count the header as line 1.
        using var reader = CsvDataReader.Create(text, new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = ',',
            BufferSize = 1 << 17,
        });
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        CsvDataException Error(string column, string? value, string expected) =>
            new(new CsvDataError(fileName, reader.RowNumber + 1, column, value, expected));
        if (columns.Length < 2 || columns[0].Trim().Length != 0)
            throw new CsvDataException(new CsvDataError(fileName, 1, columns.FirstOrDefault(), null,
                "expected an unnamed row-label column followed by SIC2007 class columns"));

        var classes = new (int Ordinal, string Column, string Class, string Section)[columns.Length - 1];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < columns.Length; i++)
        {
            var m = ClassHeader().Match(columns[i]);
            if (!m.Success)
                throw new CsvDataException(new CsvDataError(fileName, 1, columns[i], columns[i],
                    "expected a header like ' 111 01.11 Growing of cereals, except rice '"));
            var division = int.Parse(m.Groups["div"].Value, CultureInfo.InvariantCulture);
            var cls = $"{m.Groups["div"].Value}.{m.Groups["cls"].Value}";
            var compact = int.Parse(m.Groups["compact"].Value, CultureInfo.InvariantCulture);
            if (compact != int.Parse(m.Groups["div"].Value + m.Groups["cls"].Value, CultureInfo.InvariantCulture))
                throw new CsvDataException(new CsvDataError(fileName, 1, columns[i], columns[i],
                    $"the leading number {compact} does not match class {cls}"));
            if (!seen.Add(cls))
                throw new CsvDataException(new CsvDataError(fileName, 1, columns[i], columns[i], $"class {cls} appears twice"));
            var section = Sic2007.SectionOf(division)
                ?? throw new CsvDataException(new CsvDataError(fileName, 1, columns[i], columns[i],
                    $"division {division:00} is not a SIC2007 division"));
            classes[i - 1] = (i, columns[i], cls, section.ToString());
        }

        var cells = new List<LfsCell>();
        var socSeen = new HashSet<string>(StringComparer.Ordinal);
        int rows = 0, read = 0, zeros = 0;
        long total = 0;
        while (reader.Read())
        {
            if (reader.RowFieldCount != columns.Length)
                throw Error(columns[0], null, $"expected {columns.Length} fields, found {reader.RowFieldCount}");
            var label = reader.GetString(0);
            var m = RowLabel().Match(label);
            if (!m.Success || m.Groups[1].Value != m.Groups[2].Value)
                throw Error(columns[0], label, "expected a row label like \" 1115 1115  'Chief executives and Snr officials' \"");
            var soc = m.Groups[1].Value;
            if (!socSeen.Add(soc))
                throw Error(columns[0], label, $"SOC2010 code {soc} appears twice");
            rows++;
            foreach (var (ordinal, column, cls, section) in classes)
            {
                var raw = reader.GetString(ordinal);
                if (!long.TryParse(raw, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                        CultureInfo.InvariantCulture, out var count) || count < 0)
                    throw Error(column, raw, "expected a whole number of people (0 or more)");
                read++;
                if (count == 0)
                {
                    zeros++;
                    continue;
                }
                total += count;
                cells.Add(new LfsCell(soc, cls, section, count));
            }
        }
        return new LfsMatrix(cells, rows, classes.Length, read, zeros, total);
    }

    [GeneratedRegex(@"^\s*(?<compact>[0-9]{3,4})\s+(?<div>[0-9]{2})\.(?<cls>[0-9]{2})\s")]
    private static partial Regex ClassHeader();

    [GeneratedRegex(@"^\s*([0-9]{4})\s+([0-9]{4})\s+'.*'\s*$")]
    private static partial Regex RowLabel();
}

/// <summary>SIC2007 sections from 2-digit divisions.</summary>
public static class Sic2007
{
    /// <summary>The section letter A–U of a division 01–99, or null for numbers that are not divisions.</summary>
    public static char? SectionOf(int division) => division switch
    {
        >= 1 and <= 3 => 'A',
        >= 5 and <= 9 => 'B',
        >= 10 and <= 33 => 'C',
        35 => 'D',
        >= 36 and <= 39 => 'E',
        >= 41 and <= 43 => 'F',
        >= 45 and <= 47 => 'G',
        >= 49 and <= 53 => 'H',
        >= 55 and <= 56 => 'I',
        >= 58 and <= 63 => 'J',
        >= 64 and <= 66 => 'K',
        68 => 'L',
        >= 69 and <= 75 => 'M',
        >= 77 and <= 82 => 'N',
        84 => 'O',
        85 => 'P',
        >= 86 and <= 88 => 'Q',
        >= 90 and <= 93 => 'R',
        >= 94 and <= 96 => 'S',
        >= 97 and <= 98 => 'T',
        99 => 'U',
        _ => null,
    };
}
