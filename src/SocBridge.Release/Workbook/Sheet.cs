namespace SocBridge.Release.Workbook;

/// <summary>
/// One worksheet held in memory as Excel shows it: rows and columns are addressed as in Excel
/// (row 1 is the first row, column 'A' the first column). Missing cells read as blank.
/// </summary>
internal sealed class Sheet
{
    private readonly IReadOnlyList<object?[]> _rows;

    /// <param name="file">File name of the workbook (used in error messages).</param>
    /// <param name="name">Sheet name.</param>
    /// <param name="rows">Cell values row by row, starting with Excel row 1: null, string, double, bool or DateTime.</param>
    public Sheet(string file, string name, IReadOnlyList<object?[]> rows)
    {
        File = file;
        Name = name;
        _rows = rows;
        ColumnCount = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
    }

    public string File { get; }
    public string Name { get; }

    /// <summary>Number of the last row that holds anything (0 for an empty sheet).</summary>
    public int LastRow => _rows.Count;

    /// <summary>Number of columns in the widest row.</summary>
    public int ColumnCount { get; }

    /// <summary>The cell at an Excel row (1-based) and column letter(s), e.g. <c>sheet[12, "C"]</c>.</summary>
    public Cell this[int row, string column] => this[row, ColumnIndex.FromLetters(column)];

    /// <summary>The cell at an Excel row (1-based) and 0-based column index.</summary>
    public Cell this[int row, int column]
    {
        get
        {
            if (row < 1) throw new ArgumentOutOfRangeException(nameof(row), row, "rows are numbered from 1");
            object? value = null;
            if (row <= _rows.Count)
            {
                var cells = _rows[row - 1];
                if (column < cells.Length) value = cells[column];
            }
            return new Cell(this, row, column, value);
        }
    }

    /// <summary>All cells of one row, as far as the widest row of the sheet reaches.</summary>
    public IEnumerable<Cell> Row(int row)
    {
        var width = ColumnCount;
        for (var c = 0; c < width; c++) yield return this[row, c];
    }

    public SourceLocation At(int row, int? column = null) =>
        new(File, Name, row, column is null ? null : ColumnIndex.ToLetters(column.Value));
}
