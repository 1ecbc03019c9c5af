using System.Globalization;
using SocBridge.Core.Classification;
using SocBridge.Core.Csv;

namespace SocBridge.Release.Samples;

/// <summary>
/// Generates a workbook laid out like the published Working Futures projection workbooks, for the demo (which
/// writes it into its output folder and translates it) and the tests: real Working Futures files are not public,
/// and a generated workbook is not kept in the repository. A Notes sheet comes first; then one employment sheet
/// per nation and the UK (title rows above the header; rows of SOC2010 sub-major groups written
/// "11 Corporate managers and directors"; an "All occupations" total row; year columns 2007–2027), and a UK
/// replacement-demand sheet (base-year employment, expansion demand, retirements, mortality, occupational and
/// geographical mobility, replacement demand, total requirement; expansion and mobility may be negative).
/// Employment for 2017–2021 is the APS sample's (nations as published; the UK the sum of its twelve regions);
/// the years before and after follow seeded trends, and the flows are seeded shares of base-year employment.
/// The same APS sample and seed always give the same bytes, and the file carries the APS sample's modification
/// time, so the metadata of a run that reads it is the same from one writing to the next.
/// </summary>
public static class WorkingFuturesSample
{
    public const string FileName = "working_futures_style_2007_2027_soc2010_submajor.xlsx";
    public const string CodeColumn = "Occupation";
    public const string EmploymentSheetUk = "Employment UK";
    public const string ReplacementSheet = "Replacement demand UK";
    public const string BaseYearColumn = "Base year employment 2017";
    public const int Seed = 2027;
    public const int FirstYear = 2007, LastYear = 2027, BaseYear = 2017, ApsFirst = 2017, ApsLast = 2021;

    /// <summary>The flow columns of the replacement-demand sheet, in order; the last two are sums of the others.</summary>
    public static IReadOnlyList<string> FlowColumns { get; } =
        ["Expansion demand", "Retirements", "Mortality", "Occupational mobility", "Geographical mobility", "Replacement demand", "Total requirement"];

    private static readonly (string Sheet, string[] Regions)[] Nations =
    [
        (EmploymentSheetUk, ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"]),
        ("Employment England", ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East", "London", "South East", "South West"]),
        ("Employment Wales", ["Wales"]),
        ("Employment Scotland", ["Scotland"]),
        ("Employment Northern Ireland", ["Northern Ireland"]),
    ];

    /// <summary>
    /// Writes the workbook to <paramref name="path"/> (through a temporary file beside it) from the APS sub-major
    /// sample <paramref name="apsCsv"/>, and gives it the sample's modification time.
    /// </summary>
    public static void Write(string apsCsv, string path, SocHierarchy soc2010)
    {
        var aps = ReadAps(apsCsv);
        var subMajors = soc2010.AtLevel(SocLevel.SubMajor).OrderBy(g => g.Code.Value).ToArray();
        var random = new Random(Seed);
        // One trend per sub-major group before and after the APS years, shared by every nation, with a nation's own wobble.
        var backTrend = subMajors.ToDictionary(g => g.Code.Value, _ => Normal(random, 0.008, 0.012));
        var forwardTrend = subMajors.ToDictionary(g => g.Code.Value, _ => Normal(random, 0.006, 0.014));
        var sheets = new List<(string, IReadOnlyList<IReadOnlyList<XlsxCell>>)> { ("Notes", Notes()) };
        Dictionary<int, double[]>? uk = null;
        foreach (var (sheet, regions) in Nations)
        {
            var series = new Dictionary<int, double[]>();
            foreach (var g in subMajors)
            {
                var years = new double[LastYear - FirstYear + 1];
                for (var y = ApsFirst; y <= ApsLast; y++) years[y - FirstYear] = regions.Sum(r => aps[(y, r, g.Code.Value)]);
                var wobble = Normal(random, 0, 0.003);
                for (var y = ApsFirst - 1; y >= FirstYear; y--)
                    years[y - FirstYear] = Math.Round(years[y - FirstYear + 1] / (1 + backTrend[g.Code.Value] + wobble + Normal(random, 0, 0.01)) / 100) * 100;
                for (var y = ApsLast + 1; y <= LastYear; y++)
                    years[y - FirstYear] = Math.Round(years[y - FirstYear - 1] * (1 + forwardTrend[g.Code.Value] + wobble + Normal(random, 0, 0.008)) / 100) * 100;
                series[g.Code.Value] = years;
            }
            uk ??= series;
            var rows = new List<IReadOnlyList<XlsxCell>>
            {
                Row($"Employment by occupation, {sheet["Employment ".Length..]}, {FirstYear}–{LastYear} (persons)"),
                Row($"SOC2010 sub-major groups. Illustrative data in the layout of the Working Futures projection workbooks: {ApsFirst}–{ApsLast} from the Annual Population Survey, other years generated (seed {Seed})."),
                Row(),
                Cells([CodeColumn, .. Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Select(y => (XlsxCell)y)]),
            };
            foreach (var g in subMajors) rows.Add([Label(g), .. series[g.Code.Value].Select(v => (XlsxCell)v)]);
            rows.Add(["All occupations", .. Enumerable.Range(0, LastYear - FirstYear + 1).Select(i => (XlsxCell)subMajors.Sum(g => series[g.Code.Value][i]))]);
            sheets.Add((sheet, rows));
        }
        sheets.Add((ReplacementSheet, ReplacementDemand(uk!, subMajors, random)));
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, stream => XlsxWriter.Write(stream, sheets));
        File.SetLastWriteTimeUtc(full, File.GetLastWriteTimeUtc(apsCsv));
    }

    private static IReadOnlyList<IReadOnlyList<XlsxCell>> ReplacementDemand(Dictionary<int, double[]> uk, SocGroup[] subMajors, Random random)
    {
        var rows = new List<IReadOnlyList<XlsxCell>>
        {
            Row($"Replacement demand by occupation, UK, {BaseYear}–{LastYear} (persons)"),
            Row("Total requirement = expansion demand + replacement demand; replacement demand = retirements + mortality + occupational mobility + geographical mobility. Expansion demand and mobility can be negative."),
            Row(),
            Cells([CodeColumn, BaseYearColumn, .. FlowColumns.Select(c => (XlsxCell)c)]),
        };
        var totals = new double[1 + FlowColumns.Count];
        foreach (var g in subMajors)
        {
            var years = uk[g.Code.Value];
            var baseYear = years[BaseYear - FirstYear];
            var expansion = years[LastYear - FirstYear] - baseYear;
            var retirements = Math.Round(baseYear * Math.Clamp(Normal(random, 0.22, 0.04), 0.1, 0.35));
            var mortality = Math.Round(baseYear * Math.Clamp(Normal(random, 0.018, 0.004), 0.005, 0.03));
            var occupational = Math.Round(baseYear * Normal(random, 0, 0.05));
            var geographical = Math.Round(baseYear * Normal(random, 0, 0.012));
            var replacement = retirements + mortality + occupational + geographical;
            double[] values = [baseYear, expansion, retirements, mortality, occupational, geographical, replacement, expansion + replacement];
            for (var i = 0; i < values.Length; i++) totals[i] += values[i];
            rows.Add([Label(g), .. values.Select(v => (XlsxCell)v)]);
        }
        rows.Add(["All occupations", .. totals.Select(v => (XlsxCell)v)]);
        return rows;
    }

    private static IReadOnlyList<IReadOnlyList<XlsxCell>> Notes() =>
    [
        Row("Working Futures-style projections (illustrative)"),
        Row("This workbook follows the layout of the published Working Futures projection workbooks so that SocBridge can be shown translating one straight from Excel."),
        Row($"Employment {ApsFirst}–{ApsLast} comes from the Annual Population Survey sub-major group estimates in samples/{SampleBuilder.ApsSoc2010File}; all other figures are generated (seed {Seed}) and are not projections."),
        Row("Contains public sector information licensed under the Open Government Licence v3.0."),
    ];

    private static XlsxCell Label(SocGroup g) => $"{g.Code} {g.Title}";

    private static XlsxCell[] Cells(XlsxCell[] cells) => cells;

    private static XlsxCell[] Row(params string[] cells) => cells.Select(c => (XlsxCell)c).ToArray();

    private static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static Dictionary<(int Year, string Area, int Code), double> ReadAps(string apsCsv)
    {
        var values = new Dictionary<(int, string, int), double>();
        using var reader = new CsvRecordReader(new StreamReader(apsCsv), apsCsv);
        while (reader.Read())
        {
            var type = reader.GetString("area_type");
            if (type is not ("region" or "country")) continue;
            var text = reader.GetString("employment");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var employment))
                throw reader.Error("employment", text, "an APS region or country estimate for the workbook; every one is published");
            values[(reader.GetInt("year"), reader.GetString("area_name"), reader.GetInt("soc2010"))] = employment;
        }
        return values;
    }
}
