using System.Text.RegularExpressions;
using SocBridge.Release.Relationships;
using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>One SOC2020 unit group listed under a SOC2010 group, with its four proportions (order of <see cref="SampleCells"/>).</summary>
internal sealed record SourceRelationshipChild(string Soc2020, string Title, double[] Proportions, SourceLocation Location);

/// <summary>One SOC2010 unit group of the relationship table: its four sample bases (order of <see cref="SampleCells"/>) and children.</summary>
internal sealed record SourceRelationshipGroup(
    string Soc2010,
    string Title,
    int[] Bases,
    List<SourceRelationshipChild> Children,
    SourceLocation Location);

/// <summary>
/// Reads <c>Sheet1</c> of the ONS SOC2010 → SOC2020 unit-group relationship table. After the header row,
/// each SOC2010 group opens with a row <c>'CODE: Title' | 'Total sample' | base | · | base | · | base | · | base | ·</c>
/// (bases for men LFS, men census, women LFS, women census) followed by one row per SOC2020 group
/// <c>· | 'CODE: Title' | · | prop | · | prop | · | prop | · | prop</c> in the same cell order. The sheet ends
/// with one row whose only cell is an empty string; that row is ignored, anything else unexpected fails.
/// </summary>
internal static partial class RelationshipWorkbookReader
{
    public const string FileName = "ons_soc2010_soc2020_relationship_tables.xlsx";
    public const string SheetName = "Sheet1";

    private static readonly string[] Header =
    [
        "SOC2010", "SOC2020",
        "men_lfs_base_2010", "men_lfs_perc_2020",
        "men_census_base_2010", "men_census_perc_2020",
        "women_lfs_base_2010", "women_lfs_perc_2020",
        "women_census_base_2010", "women_census_perc_2020",
    ];

    // Columns of the bases and proportions of each sample cell, in the order of SampleCells.All
    // (lfs men, lfs women, census men, census women).
    private static readonly string[] BaseColumns = ["C", "G", "E", "I"];
    private static readonly string[] ProportionColumns = ["D", "H", "F", "J"];

    [GeneratedRegex(@"^(\d{4}):\s*(.+)$")]
    private static partial Regex CodeAndTitle();

    public static List<SourceRelationshipGroup> Read(Sheet sheet)
    {
        for (var c = 0; c < Header.Length; c++)
        {
            var cell = sheet[1, c];
            if (cell.Value is not string s || s.Trim() != Header[c]) throw cell.Error($"the header '{Header[c]}'");
        }
        foreach (var cell in sheet.Row(1).Skip(Header.Length))
            if (!cell.IsBlank) throw cell.Error("nothing after the last header column J");

        var groups = new List<SourceRelationshipGroup>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        SourceRelationshipGroup? current = null;
        for (var row = 2; row <= sheet.LastRow; row++)
        {
            if (row == sheet.LastRow && IsTrailingEmptyStringRow(sheet, row)) break;

            var first = sheet[row, "A"];
            if (!first.IsBlank)
            {
                current = ReadGroupRow(sheet, row);
                if (!seen.TryAdd(current.Soc2010, current.Location))
                    throw first.Error($"each SOC2010 group once (it already opened at {seen[current.Soc2010]})");
                groups.Add(current);
                continue;
            }

            if (current is null) throw sheet[row, "A"].Error("a SOC2010 group header row ('CODE: Title' in column A) before its SOC2020 rows");
            var child = ReadChildRow(sheet, row);
            if (current.Children.Any(c => c.Soc2020 == child.Soc2020))
                throw sheet[row, "B"].Error($"each SOC2020 group once under SOC2010 group {current.Soc2010}");
            current.Children.Add(child);
        }

        foreach (var g in groups)
            if (g.Children.Count == 0)
                throw g.Location.Error(g.Soc2010, $"at least one SOC2020 row under SOC2010 group {g.Soc2010}");
        return groups;
    }

    /// <summary>Reads a SOC2010 group header row: code and title, 'Total sample', four whole-number bases.</summary>
    internal static SourceRelationshipGroup ReadGroupRow(Sheet sheet, int row)
    {
        var (code, title) = ParseCodeAndTitle(sheet[row, "A"], "SOC2010");
        var label = sheet[row, "B"];
        if (label.Value is not string s || s.Trim() != "Total sample") throw label.Error("'Total sample' on a SOC2010 group row");

        var bases = new int[SampleCells.Count];
        for (var i = 0; i < SampleCells.Count; i++)
        {
            var cell = sheet[row, BaseColumns[i]];
            var value = cell.WholeNumber($"a sample base (whole number ≥ 0) for {SampleCells.All[i].Source} {SampleCells.All[i].Sex}");
            if (value is < 0 or > int.MaxValue) throw cell.Error("a sample base (whole number ≥ 0)");
            bases[i] = (int)value;
        }
        foreach (var column in ProportionColumns)
            if (!sheet[row, column].IsBlank) throw sheet[row, column].Error("an empty cell on a SOC2010 group row");
        RequireBlankBeyondJ(sheet, row);
        return new SourceRelationshipGroup(code, title, bases, [], sheet[row, "A"].Location);
    }

    /// <summary>Reads a SOC2020 child row: code and title in column B and four proportions in [0, 1].</summary>
    internal static SourceRelationshipChild ReadChildRow(Sheet sheet, int row)
    {
        var (code, title) = ParseCodeAndTitle(sheet[row, "B"], "SOC2020");
        var proportions = new double[SampleCells.Count];
        for (var i = 0; i < SampleCells.Count; i++)
        {
            var cell = sheet[row, ProportionColumns[i]];
            var value = cell.Number($"a proportion between 0 and 1 for {SampleCells.All[i].Source} {SampleCells.All[i].Sex}");
            if (value is < 0 or > 1) throw cell.Error("a proportion between 0 and 1");
            proportions[i] = value;
        }
        foreach (var column in BaseColumns)
            if (!sheet[row, column].IsBlank) throw sheet[row, column].Error("an empty cell on a SOC2020 row");
        RequireBlankBeyondJ(sheet, row);
        return new SourceRelationshipChild(code, title, proportions, sheet[row, "B"].Location);
    }

    private static (string Code, string Title) ParseCodeAndTitle(Cell cell, string classification)
    {
        var match = cell.Value is string s ? CodeAndTitle().Match(s.Trim()) : Match.Empty;
        if (!match.Success) throw cell.Error($"'CODE: Title' with a 4-digit {classification} code");
        return (match.Groups[1].Value, match.Groups[2].Value.Trim());
    }

    private static void RequireBlankBeyondJ(Sheet sheet, int row)
    {
        foreach (var cell in sheet.Row(row).Skip(Header.Length))
            if (!cell.IsBlank) throw cell.Error("nothing after column J");
    }

    /// <summary>The one row ONS leaves at the end: a single cell holding an empty string, nothing else.</summary>
    private static bool IsTrailingEmptyStringRow(Sheet sheet, int row)
    {
        var values = sheet.Row(row).Where(c => c.Value is not null).ToList();
        return values.Count == 1 && values[0].Value is string s && s.Length == 0;
    }
}
