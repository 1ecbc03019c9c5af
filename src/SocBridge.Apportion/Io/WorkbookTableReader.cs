using System.Globalization;
using ExcelDataReader;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Reads one sheet of an Excel workbook (.xlsx or .xls) as a table. The sheet is chosen by name or number,
/// or is the first sheet holding the code column; the header is the given row or the first row that names
/// the code column, so title rows above it are skipped. Cells stored as numbers are read as numbers (written
/// in their shortest exact form); empty rows are skipped.
/// </summary>
internal sealed class WorkbookTableReader : ITableReader
{
    /// <summary>How many rows of a sheet are searched for the header row.</summary>
    public const int HeaderSearchRows = 200;

    private readonly Stream _stream;
    private readonly IExcelDataReader _excel;
    private readonly string _file;
    private readonly List<string> _fields = [];
    private long _row;

    private WorkbookTableReader(Stream stream, IExcelDataReader excel, string file, string sheet, IReadOnlyList<string> header, long headerRow)
    {
        _stream = stream;
        _excel = excel;
        _file = file;
        Sheet = sheet;
        Header = header;
        HeaderRow = headerRow;
        _row = headerRow;
    }

    /// <summary>The name of the sheet being read.</summary>
    public string Sheet { get; }

    /// <summary>The sheet row (from 1) that holds the header.</summary>
    public long HeaderRow { get; }

    public IReadOnlyList<string> Header { get; }

    public long Line { get; private set; }

    public long Record { get; private set; }

    public int FieldCount => _fields.Count;

    public double Progress => _stream.Length > 0 ? Math.Min(1, (double)_stream.Position / _stream.Length) : 0;

    /// <summary>
    /// Opens <paramref name="file"/> at the sheet <paramref name="sheet"/> (a name, or a number from 1; null
    /// for the first sheet naming <paramref name="codeColumn"/>) and the header row <paramref name="headerRow"/>
    /// (from 1; null for the first row naming the code column).
    /// </summary>
    public static WorkbookTableReader Open(string file, string? sheet, int? headerRow, string codeColumn)
    {
        CodePages.Register();
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        IExcelDataReader? excel = null;
        try
        {
            excel = ExcelReaderFactory.CreateReader(stream);
            var names = new List<string>();
            var number = 0;
            do
            {
                number++;
                names.Add(excel.Name);
                var wanted = sheet is null || string.Equals(excel.Name, sheet, StringComparison.OrdinalIgnoreCase)
                    || (int.TryParse(sheet, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == number);
                if (!wanted) continue;
                if (FindHeader(excel, headerRow, codeColumn) is { } found)
                    return new WorkbookTableReader(stream, excel, file, excel.Name, found.Header, found.Row);
                if (sheet is not null)
                    throw new InvalidDataException(headerRow is { } h
                        ? $"{file}: sheet '{excel.Name}' has no row {h}"
                        : $"{file}: sheet '{excel.Name}': no row in the first {HeaderSearchRows} names the code column '{codeColumn}'; give the header row with the header-row option");
            }
            while (excel.NextResult());
            throw new InvalidDataException(sheet is not null
                ? $"{file}: no sheet '{sheet}'; the workbook has: {string.Join(", ", names.Select((s, i) => $"{i + 1} '{s}'"))}"
                : $"{file}: no sheet has a row naming the code column '{codeColumn}' in its first {HeaderSearchRows} rows; sheets: {string.Join(", ", names.Select(s => $"'{s}'"))}");
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            excel?.Dispose();
            stream.Dispose();
            throw new InvalidDataException($"{file}: the workbook cannot be read ({e.Message})", e);
        }
        catch
        {
            excel?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    private static (IReadOnlyList<string> Header, long Row)? FindHeader(IExcelDataReader excel, int? headerRow, string codeColumn)
    {
        var row = 0L;
        var cells = new List<string>();
        while (excel.Read())
        {
            row++;
            if (headerRow is { } wanted)
            {
                if (row < wanted) continue;
                return (HeaderNames(ReadCells(excel, cells)), row);
            }
            if (row > HeaderSearchRows) return null;
            ReadCells(excel, cells);
            if (cells.Any(c => string.Equals(c.Trim(), codeColumn, StringComparison.Ordinal))) return (HeaderNames(cells), row);
        }
        return null;
    }

    /// <summary>Header cells trimmed; trailing empty cells dropped; an empty cell inside named after its column letter.</summary>
    private static IReadOnlyList<string> HeaderNames(List<string> cells)
    {
        var last = cells.FindLastIndex(c => c.Trim().Length > 0);
        return cells.Take(last + 1).Select((c, i) => c.Trim() is { Length: > 0 } t ? t : "column " + ColumnLetter(i)).ToArray();
    }

    private static string ColumnLetter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    public bool Read()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _excel.Read();
            }
            catch (Exception e)
            {
                throw new InvalidDataException($"{_file}: sheet '{Sheet}', row {_row + 1}: the workbook cannot be read ({e.Message})", e);
            }
            if (!more) return false;
            _row++;
            ReadCells(_excel, _fields);
            var last = _fields.FindLastIndex(c => c.Length > 0);
            if (last < 0) continue; // an empty row carries nothing
            // Cells beyond the header count only when they hold something; then the row is rejected as too wide.
            if (_fields.Count > Header.Count) _fields.RemoveRange(Math.Max(Header.Count, last + 1), _fields.Count - Math.Max(Header.Count, last + 1));
            while (_fields.Count < Header.Count) _fields.Add("");
            Line = _row;
            Record++;
            return true;
        }
    }

    public ReadOnlySpan<char> Field(int ordinal) => _fields[ordinal];

    private static List<string> ReadCells(IExcelDataReader excel, List<string> cells)
    {
        cells.Clear();
        for (var i = 0; i < excel.FieldCount; i++) cells.Add(Text(excel.GetValue(i)));
        return cells;
    }

    /// <summary>A cell as text: numbers in their shortest exact form, dates as ISO dates, text as written.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("s", CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public void Dispose()
    {
        _excel.Dispose();
        _stream.Dispose();
    }
}
