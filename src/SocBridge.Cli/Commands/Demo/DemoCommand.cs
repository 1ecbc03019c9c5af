using System.Globalization;
using SocBridge.Apportion.Estimation;
using SocBridge.Apportion.Evaluation;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Cli.Commands.Apportion;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Release.Samples;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Demo;

/// <summary>
/// The end-to-end demonstration on real data: three ONS series translated from SOC2010 to SOC2020 with
/// reconciliation, a Working-Futures-style workbook generated from the APS series and translated straight from
/// Excel, then the translated ASHE 2021 jobs compared with ASHE 2022 as published on SOC2020, and a backtest of
/// calibration. Every file of the demo, the workbook included, is written into a hidden staging folder inside the
/// output folder and moved into place only when every step has passed (<see cref="StagedFolder"/>): a demo that
/// fails leaves the output folder as it was.
/// </summary>
public sealed class DemoCommand(CliContext context)
{
    public const string AsheFile = "ashe_2021_soc2010.csv";
    public const string Ashe2022File = "ashe_2022_soc2020.csv";
    public const string LfsFile = "lfs_2018_soc2010_by_sic2007.csv";
    public const string ApsFile = "aps_2017_2021_soc2010_submajor.csv";

    /// <summary>The folder of the output folder that holds the inputs the demo generates.</summary>
    public const string InputsFolder = "inputs";

    public int Execute(string outDir, string? samplesDir)
    {
        var samples = samplesDir ?? FindSamples()
            ?? throw new DirectoryNotFoundException("samples/ not found from the current folder upwards; run from the repository or pass --samples DIR");
        var release = context.LoadRelease(outDir);
        var console = context.Console();
        using var staged = StagedFolder.Open(outDir, "demo");
        var stage = staged.Path;
        console.MarkupLine($"[bold]SocBridge demo[/] on release {release.ReleaseId}: SOC2010 → SOC2020, default weights {WeightSelection.Default} unless stated");
        console.WriteLine();

        var ashe = Run(console, release, staged, "ASHE 2021 (provisional) jobs, median and mean pay by sex, all levels; men's and women's rows use sex-specific weights",
            new SeriesFileRequest(Path.Combine(samples, AsheFile), Path.Combine(stage, "ashe_2021_soc2020.csv"), new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = "soc2010",
                Values = [ValueColumn.Count("jobs_thousands"), ValueColumn.Median("median", "jobs_thousands"), ValueColumn.Mean("mean", "jobs_thousands")],
                Dimensions = ["sex", "pay_period", "level"], SexColumn = "sex", Interval = 0.95, Audit = true,
            }, Path.Combine(stage, "ashe_2021_soc2020.rejects.csv"), Path.Combine(stage, "ashe_2021_soc2020.audit.csv"))
            {
                ReportPath = Path.Combine(stage, "ashe_2021_soc2020.report.html"), ReportWriter = new SocBridge.Reporting.Runs.RunReport(),
            });
        Run(console, release, staged, "LFS 2018 employment by SOC2010 unit group × SIC2007 class",
            new SeriesFileRequest(Path.Combine(samples, LfsFile), Path.Combine(stage, "lfs_2018_soc2020_by_sic2007.csv"), new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")],
                Dimensions = ["sic2007_section", "sic2007_class"],
            }, Path.Combine(stage, "lfs_2018_soc2020_by_sic2007.rejects.csv")));
        Run(console, release, staged, "APS 2017–2021 employment by SOC2010 sub-major group × area, to SOC2020 sub-major groups",
            new SeriesFileRequest(Path.Combine(samples, ApsFile), Path.Combine(stage, "aps_2017_2021_soc2020_submajor.csv"), new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")],
                Dimensions = ["year", "area_type", "area_name"], Interval = 0.95,
            }, Path.Combine(stage, "aps_2017_2021_soc2020_submajor.rejects.csv")));

        WorkingFutures(console, release, staged, samples);

        var published = Path.Combine(samples, Ashe2022File);
        if (File.Exists(published)) Compare(console, release, ashe, samples, published);
        var calibrated = Calibrated(console, release, staged, samples);
        staged.Publish();
        console.MarkupLine($"\nall outputs are in {Markup.Escape(staged.Output)}, moved there together once every step had passed; each translated series has a .meta.json with the options, fallbacks, reconciliation and the SHA-256 of its files");
        var reports = calibrated ? new[] { "ashe_2021_soc2020.report.html", "ashe_2021_soc2020_calibrated.report.html" } : ["ashe_2021_soc2020.report.html"];
        console.MarkupLine($"run reports (open in a browser, offline): {string.Join(", ", reports.Select(r => Markup.Escape(Path.Combine(staged.Output, r))))}");
        return ExitCodes.Ok;
    }

    /// <summary>Runs one series into the staging folder and prints its summary, naming the files where they will be published.</summary>
    private static SeriesFileReport Run(IAnsiConsole console, SocRelease release, StagedFolder staged, string title, SeriesFileRequest request)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
        var report = SeriesFileRunner.Run(release, request);
        report = report with { MetadataPath = staged.Published(report.MetadataPath) };
        ApportionCommand.PrintSummary(console, report);
        console.WriteLine();
        return report;
    }

    /// <summary>
    /// A Working-Futures-shaped workbook, generated from the APS sample into the output folder's
    /// <see cref="InputsFolder"/>, translated straight from Excel: every year column of the UK employment sheet
    /// selected by one pattern, and the replacement-demand sheet's flows (expansion and mobility can be negative)
    /// with the identity total requirement = expansion demand + replacement demand checked row by row.
    /// </summary>
    private static void WorkingFutures(IAnsiConsole console, SocRelease release, StagedFolder staged, string samples)
    {
        var workbook = Path.Combine(staged.Path, InputsFolder, WorkingFuturesSample.FileName);
        WorkingFuturesSample.Write(Path.Combine(samples, ApsFile), workbook, release.Soc2010);
        // Read from the staging folder, and named as it will be published: relative to the output folder, where the
        // metadata that names it is, so the demo's files are the same whichever folder they are written to.
        var shownAs = Path.GetRelativePath(staged.Path, workbook);
        console.MarkupLine($"wrote {Markup.Escape(staged.Published(workbook))}: a workbook in the layout of the Working Futures projections, " +
                           $"generated from {Markup.Escape(ApsFile)} ({WorkingFuturesSample.ApsFirst}–{WorkingFuturesSample.ApsLast} as published, " +
                           $"other years and the flows seeded)");
        console.WriteLine();
        Run(console, release, staged, "Working-Futures-style workbook, employment 2007–2027 by SOC2010 sub-major group (UK), straight from Excel to SOC2020 sub-major groups",
            new SeriesFileRequest(workbook, Path.Combine(staged.Path, "working_futures_employment_uk_soc2020.csv"), new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = WorkingFuturesSample.CodeColumn, Values = [ValueColumn.Count("/^20\\d\\d$/")],
            })
            { Sheet = WorkingFuturesSample.EmploymentSheetUk, Titles = true, InputShownAs = shownAs });
        var flows = WorkingFuturesSample.FlowColumns;
        var replacement = Run(console, release, staged, "Working-Futures-style replacement demand (UK, 2017–2027): signed flows shared out and conserved",
            new SeriesFileRequest(workbook, Path.Combine(staged.Path, "working_futures_replacement_demand_uk_soc2020.csv"), new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = WorkingFuturesSample.CodeColumn,
                Values = [ValueColumn.Count(WorkingFuturesSample.BaseYearColumn), .. flows.Select(ValueColumn.Flow)],
            })
            { Sheet = WorkingFuturesSample.ReplacementSheet, Titles = true, InputShownAs = shownAs });
        var identity = FlowIdentity.Check(replacement.Result, [.. replacement.Options.Values.Select(v => v.Name)], "Total requirement", ["Expansion demand", "Replacement demand"]);
        var replacementParts = FlowIdentity.Check(replacement.Result, [.. replacement.Options.Values.Select(v => v.Name)], "Replacement demand",
            ["Retirements", "Mortality", "Occupational mobility", "Geographical mobility"]);
        foreach (var check in new[] { identity, replacementParts })
            console.MarkupLine($"identity {Markup.Escape(check.Total)} = {Markup.Escape(string.Join(" + ", check.Parts))}: " +
                               $"{(check.Holds ? "[green]holds[/]" : "[red]does not hold[/]")} in all {check.Rows} SOC2020 rows (largest difference {check.LargestDifference:0.###e+0})");
        if (Array.Find([identity, replacementParts], c => !c.Holds) is { } broken)
            throw new SeriesRunException(SeriesRunFailure.DoesNotReconcile, $"the identity {broken.Total} = {string.Join(" + ", broken.Parts)} does not hold in the translated replacement demand (largest difference {broken.LargestDifference:0.###e+0}); nothing is published");
        console.WriteLine();
    }

    /// <summary>
    /// ASHE 2021 translated with the calibrated estimator, fitted to ASHE 2022–2024 as published on SOC2020 (the
    /// same survey), then the backtests that compare it with the ONS weights and one-year raking and choose its parameters.
    /// Skipped (false) when the samples folder lacks one of the SOC2020 years.
    /// </summary>
    private static bool Calibrated(IAnsiConsole console, SocRelease release, StagedFolder staged, string samples)
    {
        var years = new[] { 2022, 2023, 2024 };
        var margins = years.Select(y => new MarginFileSpec(Path.Combine(samples, $"ashe_{y}_soc2020.csv"), y)).ToArray();
        if (margins.Any(m => !File.Exists(m.Path))) return false;
        ColumnFilter[] filters = [new("sex", "all"), new("pay_period", "weekly")];
        var options = new EstimatorOptions { FillSuppressed = true };
        Run(console, release, staged, "ASHE 2021 with the calibrated estimator: weights fitted to ASHE 2022–2024 on SOC2020 (same survey; all employees, weekly table)",
            new SeriesFileRequest(Path.Combine(samples, AsheFile), Path.Combine(staged.Path, "ashe_2021_soc2020_calibrated.csv"), new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = "soc2010",
                Values = [ValueColumn.Count("jobs_thousands"), ValueColumn.Median("median", "jobs_thousands"), ValueColumn.Mean("mean", "jobs_thousands")],
                Dimensions = ["sex", "pay_period", "level"],
            })
            {
                Estimator = new EstimatorRequest { Margins = margins, SeriesYear = 2021, Filters = filters, Options = options },
                ReportPath = Path.Combine(staged.Path, "ashe_2021_soc2020_calibrated.report.html"), ReportWriter = new SocBridge.Reporting.Runs.RunReport(),
            });
        var (inputs, _) = new EstimatorInputFiles(Path.Combine(samples, AsheFile), 2021, margins, "jobs_thousands", "soc2010", Filters: filters).Read(release);
        var estimator = new CalibratedEstimator(release);
        console.MarkupLine("[bold]backtests[/] (share distance to the held-out SOC2020 year, mean of the three years held out in turn; lower is better): " +
                           "the year-gap backtest translates 2021 and scores within families against the held-out year; the same-year synthetic input is made " +
                           "from the held-out year through an amplified reverse crosswalk. They pull γ in opposite directions, so neither alone chooses it.");
        var comparison = EstimatorComparison.Run(release, estimator, inputs, options);
        var table = new Table().AddColumns("backtest", "weights", "unit", "minor", "sub-major");
        foreach (var group in comparison.GroupBy(r => (r.Backtest, r.Estimator)))
        {
            string At(string level) => group.FirstOrDefault(r => r.Level == level)?.Distance.ToString("P2", CultureInfo.InvariantCulture) ?? "";
            table.AddRow(Markup.Escape(group.Key.Backtest), Markup.Escape(group.Key.Estimator), At("unit group"), At("minor group"), At("sub-major group"));
        }
        console.Write(table);
        var backtest = WeightsBacktest.Run(estimator, inputs, new BacktestOptions { FillSuppressed = true });
        console.MarkupLine($"parameters chosen by the backtests: --calibration-strength {backtest.RecommendedGamma.ToString(CultureInfo.InvariantCulture)} " +
                           $"(the year gap alone would pick {backtest.YearGapBestGamma?.ToString(CultureInfo.InvariantCulture) ?? "none"}, the synthetic input {backtest.SyntheticBestGamma?.ToString(CultureInfo.InvariantCulture) ?? "none"}), " +
                           $"--year-decay {backtest.RecommendedYearDecay.ToString(CultureInfo.InvariantCulture)} (leave one margin year out); `socbridge weights backtest` prints the whole table");
        console.WriteLine();
        return true;
    }

    /// <summary>Translated ASHE 2021 unit-group jobs against ASHE 2022 as published on SOC2020, and the calibration backtest.</summary>
    private static void Compare(IAnsiConsole console, SocRelease release, SeriesFileReport ashe, string samples, string publishedPath)
    {
        console.Write(new Rule("[bold]ASHE 2021 translated to SOC2020 against ASHE 2022 published on SOC2020 (annual pay table, unit groups)[/]").LeftJustified());
        var published = AsheUnitJobs.Read(publishedPath, "soc2020");
        var source = AsheUnitJobs.Read(Path.Combine(samples, AsheFile), "soc2010");
        var table = new Table().AddColumns("sex", "weights", "jobs 2021 (k)", "jobs 2022 (k)", "share distance (TVD)", "mean |share error|");
        foreach (var sex in new[] { "all", "men", "women" })
        {
            var translated = TargetTotals.Of(ashe.Result, new Dictionary<string, string> { ["sex"] = sex, ["pay_period"] = "annual", ["level"] = "4" });
            var comparison = DistributionComparison.Compare(translated, published[sex]);
            table.AddRow(sex, sex == "all" ? "lfs/all" : $"lfs/{sex}", N(comparison.EstimatedTotal), N(comparison.PublishedTotal),
                comparison.TotalVariationDistance.ToString("P2", CultureInfo.InvariantCulture), comparison.MeanAbsoluteShareError.ToString("P3", CultureInfo.InvariantCulture));
            if (sex == "all")
            {
                // Baseline: every SOC2010 group wholly to its largest SOC2020 target (a modal crosswalk).
                var modal = ModalCrosswalk.Translate(release, source["all"], SocVersion.Soc2010, WeightSelection.Default);
                var baseline = DistributionComparison.Compare(modal, published["all"]);
                table.AddRow("all", "modal (largest target only)", N(baseline.EstimatedTotal), N(baseline.PublishedTotal),
                    baseline.TotalVariationDistance.ToString("P2", CultureInfo.InvariantCulture), baseline.MeanAbsoluteShareError.ToString("P3", CultureInfo.InvariantCulture));
                console.Write(table);
                var worst = new Table().AddColumns("SOC2020", "title", "share 2021 translated", "share 2022 published", "difference");
                foreach (var d in comparison.Largest(8))
                    worst.AddRow(d.Code, Markup.Escape(release.Soc2020.Get(SocCode.Parse(d.Code, SocVersion.Soc2020)).DisplayTitle),
                        d.EstimatedShare.ToString("P2", CultureInfo.InvariantCulture), d.PublishedShare.ToString("P2", CultureInfo.InvariantCulture),
                        d.ShareError.ToString("+0.00%;-0.00%;+0.00%", CultureInfo.InvariantCulture));
                console.MarkupLine("largest unit-group share differences (all employees; part of each is a year of real change and sampling, not crosswalk error):");
                console.Write(worst);
                table = new Table().AddColumns("sex", "weights", "jobs 2021 (k)", "jobs 2022 (k)", "share distance (TVD)", "mean |share error|");
            }
        }
        console.Write(table);

        var (report, cases) = CalibrationBacktest.Run(release, source["all"], published["all"],
            new Dictionary<string, (IReadOnlyDictionary<string, double>, IReadOnlyDictionary<string, double>, SexSet)>
            {
                ["men"] = (source["men"], published["men"], SexSet.Men),
                ["women"] = (source["women"], published["women"], SexSet.Women),
            }, WeightSelection.Default);
        console.MarkupLine($"\n[bold]calibration backtest[/]: weights calibrated on all employees 2021 → 2022 margins ({report.Iterations} iterations, {(report.Converged ? "converged" : Markup.Escape(report.StopReason))}; " +
                           $"weights moved {report.MeanWeightChange:0.####} on average), then used on men and women, which the calibration never saw:");
        var backtest = new Table().AddColumns("held-out series", "weights", "share distance to 2022 (TVD)");
        foreach (var c in cases) backtest.AddRow(c.Series, Markup.Escape(c.Weights), c.Comparison.TotalVariationDistance.ToString("P2", CultureInfo.InvariantCulture));
        console.Write(backtest);
    }

    private static string? FindSamples()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "samples", AsheFile))) return Path.Combine(dir.FullName, "samples");
        return null;
    }

    private static string N(double v) => v.ToString("#,##0", CultureInfo.InvariantCulture);
}
