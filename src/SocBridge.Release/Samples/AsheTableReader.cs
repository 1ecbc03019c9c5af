using System.Text.RegularExpressions;

namespace SocBridge.Release.Samples;

/// <summary>One coded row of an ASHE Table 14 sheet: a major (1-digit) to unit (4-digit) group.</summary>
public sealed record AsheRow(
    int SourceRow,
    string Code,
    string Description,
    MarkedValue JobsThousands,
    MarkedValue Median,
    MarkedValue Mean)
{
    /// <summary>1 = major, 2 = sub-major, 3 = minor, 4 = unit group.</summary>
    public int Level => Code.Length;
}

/// <summary>What one ASHE sheet held: the coded rows plus every row that was not taken, counted.</summary>
public sealed record AsheSheet(
    string FileName,
    string SheetName,
    string PayPeriod,
    string Sex,
    IReadOnlyList<AsheRow> Rows,
    AsheRow AllEmployees,
    int NotClassifiedRows,
    int FootnoteRows,
    int BlankRows,
    int BlankValueCells)
{
    public int CountAtLevel(int level) => Rows.Count(r => r.Level == level);
}

/// <summary>
/// Reads ASHE Table 14 sheets (14.1a weekly, 14.5a hourly, 14.7a annual; .xls or .xlsx). The header
/// row (Description, Code, Number of jobs (thousand), Median, change, Mean, change, percentiles) is
/// followed by the 'All employees' row without a code, the coded hierarchy, a 'Not Classified' row
/// and footnote/colour-key rows, which end the data.
/// </summary>
public static partial class AsheTableReader
{
    /// <summary>The sheets taken from each workbook and the sex they describe.</summary>
    public static IReadOnlyList<(string Sheet, string Sex)> Sheets { get; } =
        [("All", "all"), ("Male", "men"), ("Female", "women")];

    private const int DescriptionColumn = 0, CodeColumn = 1, JobsColumn = 2, MedianColumn = 3, MeanColumn = 5;

    /// <summary>The value columns; cells beyond them (the colour key in S:T) are not data.</summary>
    private const int LastValueColumn = 16;

    /// <summary>Markers ASHE prints instead of a figure, per the key in each sheet.</summary>
    public static IReadOnlyList<string> Markers { get; } = ["x", ":", "..", "-"];

    public static IReadOnlyList<AsheSheet> ReadFile(string path, string payPeriod)
    {
        var grids = SheetGrid.Load(path, Sheets.Select(s => s.Sheet).ToArray());
        return Sheets.Select(s => Parse(grids[s.Sheet], payPeriod, s.Sex)).ToArray();
    }

    public static AsheSheet Parse(SheetGrid grid, string payPeriod, string sex)
    {
        CheckTitle(grid, payPeriod);
        var header = FindHeader(grid);

        var rows = new List<AsheRow>();
        AsheRow? allEmployees = null;
        int notClassified = 0, footnotes = 0, blankRows = 0, blankCells = 0;
        var parents = new string?[5];

        var r = header + 1;
        for (; r <= grid.RowCount; r++)
        {
            var code = grid.Text(r, CodeColumn);
            var description = grid.Text(r, DescriptionColumn);
            if (code.Length == 0)
            {
                if (description.Length == 0 && IsValueless(grid, r))
                {
                    blankRows++;
                    continue;
                }
                if (description == "All employees")
                {
                    if (allEmployees is not null || rows.Count > 0)
                        throw grid.Error(r, DescriptionColumn, "'All employees' must come once, before the coded rows");
                    allEmployees = ReadRow(grid, r, "", description, ref blankCells);
                    continue;
                }
                if (description.Equals("Not Classified", StringComparison.OrdinalIgnoreCase))
                {
                    notClassified++;
                    continue;
                }
                if (IsValueless(grid, r)) break;
                throw grid.Error(r, CodeColumn, "a row with figures but no SOC code");
            }

            if (!CodePattern().IsMatch(code))
                throw grid.Error(r, CodeColumn, "a SOC code of 1 to 4 digits");
            var level = code.Length;
            if (level > 1 && (parents[level - 1] is not { } parent || !code.StartsWith(parent, StringComparison.Ordinal)))
                throw grid.Error(r, CodeColumn, $"code does not sit under the preceding level-{level - 1} group '{parents[level - 1]}'");
            parents[level] = code;
            for (var deeper = level + 1; deeper < parents.Length; deeper++) parents[deeper] = null;
            rows.Add(ReadRow(grid, r, code, description, ref blankCells));
        }

        for (; r <= grid.RowCount; r++)
        {
            if (grid.Text(r, DescriptionColumn).Length == 0 && IsValueless(grid, r)) continue;
            if (!IsValueless(grid, r) || grid.Text(r, CodeColumn).Length > 0)
                throw grid.Error(r, CodeColumn, "figures after the footnotes; the footnote block must end the sheet");
            footnotes++;
        }

        if (allEmployees is null)
            throw grid.Error(header + 1, DescriptionColumn, "the 'All employees' row after the header");
        if (rows.Count == 0)
            throw grid.Error(header + 1, CodeColumn, "no coded rows found");

        return new AsheSheet(grid.FileName, grid.SheetName, payPeriod, sex, rows, allEmployees,
            notClassified, footnotes, blankRows, blankCells);
    }

    private static void CheckTitle(SheetGrid grid, string payPeriod)
    {
        var title = grid.Text(1, 0);
        var expected = payPeriod switch
        {
            "weekly" => "Weekly pay",
            "hourly" => "Hourly pay",
            "annual" => "Annual pay",
            _ => throw new ArgumentOutOfRangeException(nameof(payPeriod), payPeriod, "expected weekly, hourly or annual"),
        };
        if (!title.Contains(expected, StringComparison.OrdinalIgnoreCase))
            throw grid.Error(1, 0, $"a title naming '{expected}'");
    }

    private static int FindHeader(SheetGrid grid)
    {
        for (var r = 1; r <= Math.Min(grid.RowCount, 12); r++)
        {
            if (grid.Text(r, DescriptionColumn) != "Description" || grid.Text(r, CodeColumn) != "Code") continue;
            Expect(grid, r, JobsColumn, "(thousand)");
            Expect(grid, r, MedianColumn, "Median");
            Expect(grid, r, MeanColumn, "Mean");
            return r;
        }
        throw grid.Error(1, null, "no header row with 'Description' and 'Code' in the first 12 rows");
    }

    private static void Expect(SheetGrid grid, int row, int column, string text)
    {
        if (!string.Equals(grid.Text(row, column), text, StringComparison.OrdinalIgnoreCase))
            throw grid.Error(row, column, $"header '{text}'");
    }

    private static bool IsValueless(SheetGrid grid, int row)
    {
        for (var c = CodeColumn; c <= LastValueColumn; c++)
            if (grid.Text(row, c).Length > 0) return false;
        return true;
    }

    private static AsheRow ReadRow(SheetGrid grid, int row, string code, string description, ref int blankCells)
    {
        var jobs = ReadValue(grid, row, JobsColumn);
        var median = ReadValue(grid, row, MedianColumn);
        var mean = ReadValue(grid, row, MeanColumn);
        blankCells += (jobs.IsEmpty ? 1 : 0) + (median.IsEmpty ? 1 : 0) + (mean.IsEmpty ? 1 : 0);
        return new AsheRow(row, code, description, jobs, median, mean);
    }

    public static MarkedValue ReadValue(SheetGrid grid, int row, int column) => MarkedValue.Read(grid, row, column, Markers);

    [GeneratedRegex("^[0-9]{1,4}$")]
    private static partial Regex CodePattern();
}
