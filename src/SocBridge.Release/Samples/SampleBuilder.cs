using System.Globalization;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;

namespace SocBridge.Release.Samples;

/// <summary>
/// Derives the tidy, attributed sample series in samples/ from the original ONS files. Building twice
/// from the same originals gives the same bytes.
/// </summary>
public static class SampleBuilder
{
    public const string AsheSoc2010File = "ashe_2021_soc2010.csv";
    public const string LfsFile = "lfs_2018_soc2010_by_sic2007.csv";
    public const string ApsSoc2010File = "aps_2017_2021_soc2010_submajor.csv";
    public const string ApsTotalsFile = "aps_2017_2021_totals.csv";
    public const string ApsSoc2020File = "aps_2021_2022_soc2020_submajor.csv";
    public const string ReadmeFile = "README.md";
    public const string ReportFile = "build_report.txt";

    /// <summary>ASHE provisional editions taken: year, classification, output file, source file suffix and extension.</summary>
    public static IReadOnlyList<(int Year, string Classification, string OutputFile, string Suffix, string Extension)> AsheEditions { get; } =
    [
        (2021, "SOC2010", AsheSoc2010File, "SOC10", "xls"),
        (2022, "SOC2020", "ashe_2022_soc2020.csv", "SOC20", "xls"),
        (2023, "SOC2020", "ashe_2023_soc2020.csv", "SOC20", "xls"),
        (2024, "SOC2020", "ashe_2024_soc2020.csv", "SOC20", "xlsx"),
    ];

    /// <summary>The three ASHE tables per edition, in output order.</summary>
    public static IReadOnlyList<(string Table, string PayPeriod)> AsheTables { get; } =
        [("14.1a_weekly", "weekly"), ("14.5a_hourly", "hourly"), ("14.7a_annual", "annual")];

    public static string AsheSourceFile(int year, string table, string suffix, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"ashe_table{table}_gross_{year}provisional_{suffix}.{extension}");

    public const string LfsSource = "ons_lfs_2018_soc2010_unit_by_sic2007_class_matrix.csv";
    public const string ApsSoc2010Source = "nomis_aps_T09a_soc2010_submajor_2017-2021_uk_la_lep_region.xlsx";
    public const string ApsSoc2020Source = "nomis_aps_T09b_soc2020_submajor_jul2021-jun2022_england_la_lep.xlsx";

    /// <summary>Derives the samples from the originals in <paramref name="sourceDir"/>; sub-major titles come from <paramref name="release"/>'s hierarchies.</summary>
    public static SampleBuildReport Build(string sourceDir, string outDir, SocRelease release)
    {
        Directory.CreateDirectory(outDir);
        var files = new List<SampleFileSummary>();
        var ashe = new List<AsheSheetSummary>();
        foreach (var edition in AsheEditions)
            files.Add(WriteAshe(sourceDir, outDir, edition.Year, edition.Classification, edition.OutputFile, edition.Suffix, edition.Extension, ashe));

        var lfs = LfsMatrixReader.Read(SampleSources.Verified(sourceDir, LfsSource));
        files.Add(WriteLfs(outDir, lfs));
        var lfsSummary = new LfsSummary(LfsFile, lfs.SocRows, lfs.ClassColumns, lfs.CellsRead, lfs.Cells.Count, lfs.ZeroCellsDropped, lfs.GrandTotal);

        var aps = new List<ApsBlockSummary>();
        var t09a = NomisApsReader.ReadFile(SampleSources.Verified(sourceDir, ApsSoc2010Source), release.Soc2010);
        files.Add(WriteApsSubMajor(outDir, ApsSoc2010File, t09a, byYear: true));
        files.Add(WriteApsTotals(outDir, ApsTotalsFile, t09a));
        aps.AddRange(t09a.Blocks.Select(b => Summarise(ApsSoc2010File, b)));
        var t09b = NomisApsReader.ReadFile(SampleSources.Verified(sourceDir, ApsSoc2020Source), release.Soc2020);
        files.Add(WriteApsSubMajor(outDir, ApsSoc2020File, t09b, byYear: false));
        aps.AddRange(t09b.Blocks.Select(b => Summarise(ApsSoc2020File, b)));

        var report = new SampleBuildReport(files, ashe, lfsSummary, aps,
            t09a.TitleRows + t09b.TitleRows, t09a.LegendRows + t09b.LegendRows, t09a.BlankRows + t09b.BlankRows);
        AtomicFile.WriteText(Path.Combine(outDir, ReportFile), w => w.Write(report.ToText()));
        AtomicFile.WriteText(Path.Combine(outDir, ReadmeFile), w => w.Write(SampleReadme.Text(report)));
        return report;
    }

    private static SampleFileSummary WriteAshe(string sourceDir, string outDir, int year, string classification,
        string outputFile, string suffix, string extension, List<AsheSheetSummary> summaries)
    {
        var sheets = new List<AsheSheet>();
        foreach (var (table, payPeriod) in AsheTables)
        {
            var source = AsheSourceFile(year, table, suffix, extension);
            sheets.AddRange(AsheTableReader.ReadFile(SampleSources.Verified(sourceDir, source), payPeriod));
        }

        var rows = 0;
        var path = Path.Combine(outDir, outputFile);
        AtomicFile.WriteText(path, w =>
        {
            var csv = new CsvFieldWriter(w);
            csv.WriteRow(classification.ToLowerInvariant(), "level", "description", "sex", "pay_period",
                "jobs_thousands", "jobs_flag", "median", "median_flag", "mean", "mean_flag");
            foreach (var sheet in sheets)
            {
                foreach (var row in sheet.Rows)
                {
                    csv.WriteRow(row.Code, row.Level.ToString(CultureInfo.InvariantCulture), row.Description, sheet.Sex, sheet.PayPeriod,
                        row.JobsThousands.ValueText, row.JobsThousands.Flag,
                        row.Median.ValueText, row.Median.Flag,
                        row.Mean.ValueText, row.Mean.Flag);
                    rows++;
                }
            }
            csv.Flush();
        });

        foreach (var sheet in sheets)
        {
            var marked = sheet.Rows.SelectMany(r => new[] { r.JobsThousands, r.Median, r.Mean })
                .Where(v => v.Flag.Length > 0)
                .GroupBy(v => v.Flag, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count()))
                .ToArray();
            summaries.Add(new AsheSheetSummary(outputFile, sheet.FileName, sheet.SheetName, sheet.PayPeriod, sheet.Sex,
                Enumerable.Range(1, 4).Select(sheet.CountAtLevel).ToArray(),
                sheet.AllEmployees.JobsThousands, sheet.AllEmployees.Median, sheet.AllEmployees.Mean,
                sheet.NotClassifiedRows, sheet.FootnoteRows, sheet.BlankRows, sheet.BlankValueCells, marked));
        }
        return Describe(path, rows);
    }

    private static SampleFileSummary WriteLfs(string outDir, LfsMatrix lfs)
    {
        var path = Path.Combine(outDir, LfsFile);
        AtomicFile.WriteText(path, w =>
        {
            var csv = new CsvFieldWriter(w);
            csv.WriteRow("soc2010", "sic2007_class", "sic2007_section", "employment");
            foreach (var c in lfs.Cells)
                csv.WriteRow(c.Soc2010, c.Sic2007Class, c.Sic2007Section, c.Employment.ToString(CultureInfo.InvariantCulture));
            csv.Flush();
        });
        return Describe(path, lfs.Cells.Count);
    }

    private static SampleFileSummary WriteApsSubMajor(string outDir, string outputFile, ApsTable table, bool byYear)
    {
        var rows = 0;
        var path = Path.Combine(outDir, outputFile);
        AtomicFile.WriteText(path, w =>
        {
            var csv = new CsvFieldWriter(w);
            csv.WriteRow(byYear ? "year" : "period", "area_type", "area_name", table.Classification.ToLowerInvariant(),
                "employment", "flag", "conf", "conf_flag");
            foreach (var block in table.Blocks)
            {
                var when = byYear
                    ? (block.Year ?? throw new InvalidDataException($"{table.FileName}: period '{block.Period}' is not a calendar year"))
                        .ToString(CultureInfo.InvariantCulture)
                    : block.Period;
                foreach (var area in block.Areas)
                {
                    for (var v = 0; v < block.SubMajorCodes.Count; v++)
                    {
                        var e = area.SubMajor[v];
                        csv.WriteRow(when, area.AreaType, area.AreaName, block.SubMajorCodes[v],
                            e.Employment.ValueText, e.Flag, e.Confidence.ValueText, e.Confidence.Flag);
                        rows++;
                    }
                }
            }
            csv.Flush();
        });
        return Describe(path, rows);
    }

    private static SampleFileSummary WriteApsTotals(string outDir, string outputFile, ApsTable table)
    {
        var rows = 0;
        var path = Path.Combine(outDir, outputFile);
        AtomicFile.WriteText(path, w =>
        {
            var csv = new CsvFieldWriter(w);
            csv.WriteRow("year", "area_type", "area_name", "employment", "flag", "conf", "conf_flag",
                "submajor_sum", "submajor_without_value");
            foreach (var block in table.Blocks)
            {
                var year = (block.Year ?? throw new InvalidDataException($"{table.FileName}: period '{block.Period}' is not a calendar year"))
                    .ToString(CultureInfo.InvariantCulture);
                foreach (var area in block.Areas)
                {
                    var total = area.AllInEmployment
                        ?? throw new InvalidDataException($"{table.FileName}: row {area.SourceRow} has no all-in-employment variable");
                    var sum = area.SubMajor.Sum(e => e.Employment.Value ?? 0);
                    var missing = area.SubMajor.Count(e => e.Employment.Value is null);
                    csv.WriteRow(year, area.AreaType, area.AreaName, total.Employment.ValueText, total.Flag,
                        total.Confidence.ValueText, total.Confidence.Flag,
                        CsvFieldWriter.FormatNumber(sum), missing.ToString(CultureInfo.InvariantCulture));
                    rows++;
                }
            }
            csv.Flush();
        });
        return Describe(path, rows);
    }

    private static ApsBlockSummary Summarise(string outputFile, ApsBlock block)
    {
        var estimates = block.Areas.SelectMany(a => a.SubMajor).ToArray();
        var flags = estimates.Where(e => e.Flag.Length > 0)
            .GroupBy(e => e.Flag, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToArray();
        var byType = NomisApsReader.AreaTypes
            .Select(t => (t.AreaType, block.CountAreas(t.AreaType)))
            .Where(t => t.Item2 > 0)
            .ToArray();
        var country = block.Areas.FirstOrDefault(a => a.AreaType == "country");
        var totals = block.Areas.Select(a => a.AllInEmployment).Where(t => t is not null).ToArray();
        return new ApsBlockSummary(outputFile, block.Period, block.Areas.Count, byType, estimates.Length,
            estimates.Count(e => e.Employment.Value is not null), flags,
            country?.AreaName ?? "(no country row)",
            country?.SubMajor.Sum(e => e.Employment.Value ?? 0) ?? 0,
            country?.AllInEmployment?.Employment ?? MarkedValue.Empty,
            totals.Count(t => t!.Employment.Value is not null),
            totals.Count(t => t!.Employment.Flag == NomisApsReader.ZeroPlaceholderFlag));
    }

    private static SampleFileSummary Describe(string path, int dataRows) =>
        new(Path.GetFileName(path), dataRows, new FileInfo(path).Length, SampleSources.Sha256Of(path));
}
