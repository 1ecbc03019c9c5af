using SocBridge.Release.Validation;
using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>
/// Reads the SOC2020 hierarchy from the <c>SOC2020 framework</c> sheet of the Volume 2 coding index
/// workbook. Each group has its own row with its code in the column of its level (B major, C sub-major,
/// D minor, E unit group; codes are numbers) and its title in column F; blank rows separate blocks.
/// A group's parent is the nearest group of the level above in an earlier row.
/// </summary>
internal static class Soc2020FrameworkReader
{
    public const string SheetName = "SOC2020 framework";

    private static readonly string[] LevelColumns = ["B", "C", "D", "E"];
    private const string TitleColumn = "F";

    public static List<SourceGroup> Read(Sheet sheet)
    {
        HeaderCheck.Contains(sheet, 1, "B", "Major Group");
        HeaderCheck.Contains(sheet, 1, "C", "Sub-Major Group");
        HeaderCheck.Contains(sheet, 1, "D", "Minor Group");
        HeaderCheck.Contains(sheet, 1, "E", "Unit Group");
        HeaderCheck.Contains(sheet, 1, TitleColumn, "Title");

        var groups = new List<SourceGroup>();
        var latest = new string?[4]; // most recent code seen at each level
        for (var row = 2; row <= sheet.LastRow; row++)
        {
            var filled = LevelColumns.Select((column, i) => (Cell: sheet[row, column], Level: i + 1)).Where(c => !c.Cell.IsBlank).ToList();
            var title = sheet[row, TitleColumn];
            if (filled.Count == 0)
            {
                if (!title.IsBlank) throw title.Error("no title on a row without a code in columns B-E");
                continue;
            }
            if (filled.Count > 1)
                throw filled[1].Cell.Error($"one code per row, but column {filled[0].Cell.ColumnLetters} already holds '{filled[0].Cell.Raw}'");

            var (cell, level) = filled[0];
            var code = cell.Code(level, $"a SOC2020 code of {level} digit(s) in column {cell.ColumnLetters}");
            var parent = level == 1 ? "" : latest[level - 2] ?? throw cell.Error($"a group of level {level - 1} in an earlier row to sit under");
            latest[level - 1] = code;
            for (var below = level; below < 4; below++) latest[below] = null;
            groups.Add(new SourceGroup(code, parent, title.Text($"the title of SOC2020 group {code}"), cell.Location));
        }
        return groups;
    }
}
