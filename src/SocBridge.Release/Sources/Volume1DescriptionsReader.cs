using SocBridge.Core.Release;
using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>
/// Reads the <c>SOC2020 descriptions</c> sheet of SOC 2020 Volume 1: one row per group of every level.
/// Columns A-D hold the major, sub-major, minor and unit group code; exactly one of them holds a number
/// and the others the literal text <c>&lt;blank&gt;</c>, which ONS also uses for empty text fields.
/// Tasks and related job titles are '~'-bulleted lists.
/// </summary>
internal static class Volume1DescriptionsReader
{
    public const string FileName = "soc2020volume1structureanddescriptionofunitgroupsexcel16042025.xlsx";
    public const string SheetName = "SOC2020 descriptions";

    /// <summary>The text ONS puts in cells that have no value.</summary>
    public const string BlankMarker = "<blank>";

    private static readonly string[] CodeColumns = ["A", "B", "C", "D"];

    public static List<(DescriptionRecord Record, SourceLocation Location)> Read(Sheet sheet)
    {
        HeaderCheck.Contains(sheet, 1, "A", "Major Group");
        HeaderCheck.Contains(sheet, 1, "B", "Sub-Major Group");
        HeaderCheck.Contains(sheet, 1, "C", "Minor Group");
        HeaderCheck.Contains(sheet, 1, "D", "Unit Group");
        HeaderCheck.Contains(sheet, 1, "E", "Group Title");
        HeaderCheck.Contains(sheet, 1, "F", "Groups Classified Within");
        HeaderCheck.Contains(sheet, 1, "G", "Description");
        HeaderCheck.Contains(sheet, 1, "H", "Entry Routes");
        HeaderCheck.Contains(sheet, 1, "I", "Tasks");
        HeaderCheck.Contains(sheet, 1, "J", "Related Job Titles");

        var records = new List<(DescriptionRecord, SourceLocation)>();
        for (var row = 2; row <= sheet.LastRow; row++)
        {
            var (code, location) = ReadCode(sheet, row);
            var title = Text(sheet[row, "E"]);
            if (title.Length == 0) throw sheet[row, "E"].Error($"the title of SOC2020 group {code}");
            records.Add((new DescriptionRecord(
                code,
                code.Length,
                title,
                Text(sheet[row, "F"]),
                Text(sheet[row, "G"]),
                Text(sheet[row, "H"]),
                Bullets(sheet[row, "I"]),
                Bullets(sheet[row, "J"])), location));
        }
        return records;
    }

    private static (string Code, SourceLocation Location) ReadCode(Sheet sheet, int row)
    {
        (string Code, SourceLocation Location)? found = null;
        for (var i = 0; i < CodeColumns.Length; i++)
        {
            var cell = sheet[row, CodeColumns[i]];
            if (cell.Value is string s && s.Trim() == BlankMarker) continue;
            if (found is not null)
                throw cell.Error($"'{BlankMarker}' because column {found.Value.Location.Column} already holds the code {found.Value.Code}");
            found = (cell.Code(i + 1, $"a SOC2020 code of {i + 1} digit(s) or '{BlankMarker}'"), cell.Location);
        }
        return found ?? throw sheet[row, "D"].Error($"a code in one of columns A-D (all four hold '{BlankMarker}')");
    }

    /// <summary>
    /// Trimmed text with '\n' line ends and no white space at line ends; <c>&lt;blank&gt;</c> and empty
    /// cells give "".
    /// </summary>
    internal static string Text(Cell cell)
    {
        var lines = cell.OptionalText().ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd());
        var text = string.Join('\n', lines).Trim();
        return text == BlankMarker ? "" : text;
    }

    /// <summary>Splits a '~'-bulleted cell into its items, trimmed, without empty items.</summary>
    internal static IReadOnlyList<string> Bullets(Cell cell) =>
        Text(cell).Split('~').Select(item => item.Trim()).Where(item => item.Length > 0).ToList();
}
