using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace SocBridge.Release.Samples;

/// <summary>One worksheet held in memory as rows of raw cell values (string, double, bool, DateTime or null).</summary>
public sealed class SheetGrid
{
    private readonly IReadOnlyList<IReadOnlyList<object?>> _rows;

    public SheetGrid(string fileName, string sheetName, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        FileName = fileName;
        SheetName = sheetName;
        _rows = rows;
    }

    public string FileName { get; }
    public string SheetName { get; }

    /// <summary>Number of rows; rows are numbered 1..RowCount as in Excel.</summary>
    public int RowCount => _rows.Count;

    /// <summary>The raw value at a 1-based row and 0-based column, or null when the cell is empty or absent.</summary>
    public object? Cell(int row, int column)
    {
        if (row < 1 || row > _rows.Count) return null;
        var cells = _rows[row - 1];
        return column < cells.Count ? cells[column] : null;
    }

    /// <summary>The cell as trimmed text; numbers in invariant form; empty string for an empty cell.</summary>
    public string Text(int row, int column) => CellText(Cell(row, column));

    public int ColumnCount(int row) => row < 1 || row > _rows.Count ? 0 : _rows[row - 1].Count;

    /// <summary>True when every cell of the row from <paramref name="fromColumn"/> on is empty or blank text.</summary>
    public bool IsBlank(int row, int fromColumn = 0)
    {
        for (var c = fromColumn; c < ColumnCount(row); c++)
            if (Text(row, c).Length > 0) return false;
        return true;
    }

    public OnsSourceException Error(int row, int? column, string expected) =>
        new(FileName, SheetName, row, column is { } c ? ColumnLetter(c) : null,
            column is { } col ? RawText(Cell(row, col)) : null, expected);

    public static string CellText(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static string RawText(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => CellText(value),
    };

    /// <summary>Excel column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int column) => Workbook.ColumnIndex.ToLetters(column);

    /// <summary>
    /// Reads the named sheets of an .xls or .xlsx workbook in one pass. Fails naming the file when a
    /// requested sheet is missing.
    /// </summary>
    public static IReadOnlyDictionary<string, SheetGrid> Load(string path, params IReadOnlyList<string> sheetNames)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var fileName = Path.GetFileName(path);
        var wanted = new HashSet<string>(sheetNames, StringComparer.Ordinal);
        var found = new Dictionary<string, SheetGrid>(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            if (!wanted.Contains(reader.Name) || found.ContainsKey(reader.Name)) continue;
            var rows = new List<IReadOnlyList<object?>>();
            while (reader.Read())
            {
                var cells = new object?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetValue(i);
                rows.Add(cells);
            }
            found[reader.Name] = new SheetGrid(fileName, reader.Name, rows);
        } while (reader.NextResult());

        foreach (var name in sheetNames)
            if (!found.ContainsKey(name))
                throw new OnsSourceException(fileName, name, null, null, null, "a sheet of that name in the workbook");
        return found;
    }
}
