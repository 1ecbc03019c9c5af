using System.Text.RegularExpressions;
using SocBridge.Core.Classification;

namespace SocBridge.Release.Samples;

/// <summary>An APS estimate: the number (or the marker printed instead), and its 95% confidence interval.</summary>
public sealed record ApsEstimate(MarkedValue Employment, MarkedValue Confidence)
{
    /// <summary>
    /// The marker describing the estimate: the one in the number (or Flags) cell, else the one in the
    /// confidence cell ('*' there means the published estimate is unreliable).
    /// </summary>
    public string Flag => Employment.Flag.Length > 0 ? Employment.Flag : Confidence.Flag;
}

/// <summary>One area of one period: its sub-major estimates in variable order, and the all-in-employment total if the table has it.</summary>
public sealed record ApsArea(
    int SourceRow,
    string AreaType,
    string AreaName,
    IReadOnlyList<ApsEstimate> SubMajor,
    ApsEstimate? AllInEmployment);

/// <summary>One stacked block of a Nomis download: one period for all areas.</summary>
public sealed record ApsBlock(string Period, int? Year, IReadOnlyList<string> SubMajorCodes, IReadOnlyList<ApsArea> Areas)
{
    public int CountAreas(string areaType) => Areas.Count(a => a.AreaType == areaType);
}

/// <summary>A whole Nomis APS download with the counts of rows that were not data.</summary>
public sealed record ApsTable(
    string FileName,
    string Classification,
    IReadOnlyList<ApsBlock> Blocks,
    int TitleRows,
    int LegendRows,
    int BlankRows);

/// <summary>
/// Reads Nomis APS downloads of tables T09a (SOC2010) and T09b (SOC2020): one or more blocks stacked
/// in sheet 'Data', each with title rows, a 'date' row, an 'Area' row naming the variables (three
/// columns each: number, Flags, conf), a sub-header row, area rows 'type:name' and a legend.
/// </summary>
public static partial class NomisApsReader
{
    /// <summary>Markers Nomis prints instead of a figure: disclosive, unreliable, under 500, missing.</summary>
    public static IReadOnlyList<string> Markers { get; } = ["!", "*", "~", "-"];

    /// <summary>Nomis geography prefixes and the area types written to the samples.</summary>
    public static IReadOnlyList<(string Prefix, string AreaType)> AreaTypes { get; } =
        [("country", "country"), ("gor", "region"), ("lep", "lep"), ("ladu", "local_authority")];

    /// <summary>The flag written for an all-in-employment cell given as 0 in number, Flags and conf alike.</summary>
    public const string ZeroPlaceholderFlag = "0";

    public static ApsTable ReadFile(string path, SocHierarchy hierarchy)
    {
        var grid = SheetGrid.Load(path, "Data")["Data"];
        return Parse(grid, hierarchy);
    }

    public static ApsTable Parse(SheetGrid grid, SocHierarchy hierarchy)
    {
        var classification = SubMajorGroups.Classification(hierarchy);
        var blocks = new List<ApsBlock>();
        int titles = 0, legends = 0, blanks = 0;
        var r = 1;
        while (r <= grid.RowCount)
        {
            var first = grid.Text(r, 0);
            if (first != "date")
            {
                if (grid.IsBlank(r)) blanks++;
                else if (blocks.Count == 0 || first is "annual population survey" || first.StartsWith("ONS Crown Copyright", StringComparison.Ordinal))
                    titles++;
                else if (AreaPattern().IsMatch(first))
                    throw grid.Error(r, 0, "an area row outside a block (no 'date' and 'Area' rows above it)");
                else legends++;
                r++;
                continue;
            }

            var period = grid.Text(r, 1);
            if (period.Length == 0) throw grid.Error(r, 1, "the period next to 'date'");
            int? year = null;
            var ym = CalendarYear().Match(period);
            if (ym.Success && ym.Groups[1].Value == ym.Groups[2].Value) year = int.Parse(ym.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            titles++;
            r++;

            while (r <= grid.RowCount && grid.Text(r, 0) != "Area")
            {
                if (grid.Text(r, 0) == "date" || AreaPattern().IsMatch(grid.Text(r, 0)))
                    throw grid.Error(r, 0, "the 'Area' header row of the block");
                if (grid.IsBlank(r)) blanks++; else titles++;
                r++;
            }
            if (r > grid.RowCount) throw grid.Error(r - 1, 0, "block ends before its 'Area' header row");

            var (codes, totalVariable) = ReadVariables(grid, r, hierarchy);
            titles++;
            r++;
            CheckSubHeader(grid, r, codes.Count + (totalVariable is null ? 0 : 1));
            titles++;
            r++;

            var areas = new List<ApsArea>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (; r <= grid.RowCount; r++)
            {
                var label = grid.Text(r, 0);
                var m = AreaPattern().Match(label);
                if (!m.Success) break;
                var type = AreaTypeOf(m.Groups[1].Value) ?? throw grid.Error(r, 0,
                    $"unknown area prefix '{m.Groups[1].Value}:'; expected one of {string.Join(", ", AreaTypes.Select(a => a.Prefix + ":"))}");
                var name = m.Groups[2].Value.Trim();
                if (!names.Add(type + "\u0000" + name)) throw grid.Error(r, 0, "area appears twice in the block");
                var estimates = new ApsEstimate[codes.Count];
                for (var v = 0; v < codes.Count; v++) estimates[v] = ReadEstimate(grid, r, 1 + 3 * v, isTotal: false);
                var total = totalVariable is { } t ? ReadEstimate(grid, r, 1 + 3 * t, isTotal: true) : null;
                areas.Add(new ApsArea(r, type, name, estimates, total));
            }
            if (areas.Count == 0) throw grid.Error(r, 0, "a block with no area rows");
            blocks.Add(new ApsBlock(period, year, codes, areas));
        }
        if (blocks.Count == 0) throw grid.Error(1, 0, "no block ('date' row) found");
        return new ApsTable(grid.FileName, classification, blocks, titles, legends, blanks);
    }

    private static string? AreaTypeOf(string prefix)
    {
        foreach (var (p, type) in AreaTypes)
            if (p == prefix) return type;
        return null;
    }

    private static (IReadOnlyList<string> Codes, int? TotalVariable) ReadVariables(SheetGrid grid, int row, SocHierarchy hierarchy)
    {
        var classification = SubMajorGroups.Classification(hierarchy);
        var codes = new List<string>();
        int? total = null;
        for (var v = 0; ; v++)
        {
            var column = 1 + 3 * v;
            var label = grid.Text(row, column);
            if (label.Length == 0)
            {
                if (!grid.IsBlank(row, column)) throw grid.Error(row, column, "variables must start every third column from B");
                break;
            }
            if (grid.Text(row, column + 1).Length > 0 || grid.Text(row, column + 2).Length > 0)
                throw grid.Error(row, column + 1, "the two columns after a variable label to be empty");
            var m = VariableLabel().Match(label);
            if (m.Success && m.Groups["cls"].Value == classification)
            {
                var code = SubMajorGroups.CodeOf(hierarchy, m.Groups["title"].Value)
                    ?? throw grid.Error(row, column, $"not a {classification} sub-major group title");
                if (codes.Contains(code)) throw grid.Error(row, column, $"sub-major group {code} appears twice");
                if (total is not null) throw grid.Error(row, column, "sub-major variables must come before the all-in-employment total");
                codes.Add(code);
            }
            else if (TotalLabel().IsMatch(label))
            {
                if (total is not null) throw grid.Error(row, column, "the all-in-employment total appears twice");
                total = v;
            }
            else throw grid.Error(row, column, $"a {classification} sub-major variable or 'T01:7 ... In employment'");
        }
        var expected = SubMajorGroups.For(hierarchy).Count;
        if (codes.Count != expected)
            throw grid.Error(row, null, $"{expected} {classification} sub-major variables, found {codes.Count}");
        return (codes, total);
    }

    private static void CheckSubHeader(SheetGrid grid, int row, int variables)
    {
        string[] expected = ["number", "Flags", "conf"];
        for (var v = 0; v < variables; v++)
            for (var k = 0; k < 3; k++)
                if (grid.Text(row, 1 + 3 * v + k) != expected[k])
                    throw grid.Error(row, 1 + 3 * v + k, $"sub-header '{expected[k]}'");
    }

    private static ApsEstimate ReadEstimate(SheetGrid grid, int row, int numberColumn, bool isTotal)
    {
        var number = ReadCell(grid, row, numberColumn);
        var flags = grid.Cell(row, numberColumn + 1) switch
        {
            null => MarkedValue.Empty,
            double d when d == 0 => MarkedValue.Of(0),
            string s when s.Trim().Length == 0 => MarkedValue.Empty,
            string s when Markers.Contains(s.Trim()) => MarkedValue.Marked(s.Trim()),
            _ => throw grid.Error(row, numberColumn + 1, $"an empty Flags cell, 0 or one of {string.Join(" ", Markers)}"),
        };
        var conf = ReadCell(grid, row, numberColumn + 2);

        if (isTotal && number.Value == 0 && conf.Value == 0 && flags.Value == 0)
            return new ApsEstimate(MarkedValue.Marked(ZeroPlaceholderFlag), MarkedValue.Empty);
        if (number.Value is not null && flags.Flag.Length > 0)
            number = new MarkedValue(number.Value, flags.Flag);
        else if (number.IsEmpty && flags.Flag.Length > 0)
            number = flags;
        return new ApsEstimate(number, conf);
    }

    private static MarkedValue ReadCell(SheetGrid grid, int row, int column) => MarkedValue.Read(grid, row, column, Markers);

    [GeneratedRegex(@"^([a-z][a-z0-9]*):(.+)$")]
    private static partial Regex AreaPattern();

    [GeneratedRegex(@"^Jan ([0-9]{4})-Dec ([0-9]{4})$")]
    private static partial Regex CalendarYear();

    [GeneratedRegex(@"^T09[ab]:[0-9]+ \(All people - (?<title>.+) \((?<cls>SOC20[12]0)\) : All people\s*\)$")]
    private static partial Regex VariableLabel();

    [GeneratedRegex(@"^T01:7 \(All aged 16 & over - In employment : All People\s*\)$")]
    private static partial Regex TotalLabel();
}
