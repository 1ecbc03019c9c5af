using System.CommandLine;
using System.Globalization;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Apportion;

public static class ApportionCommandDefinition
{
    private const string ListHelp = "comma-separated and repeatable; /REGEX/ selects every matching header";

    public static Command Create()
    {
        var input = new Option<FileInfo>("--in") { Description = "Input series: CSV (.csv, any other extension), Parquet (.parquet) or an Excel workbook (.xlsx, .xls); or a folder of partitions", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output series (CSV, or Parquet for .parquet); the sidecars OUT.meta.json, OUT.rejects.csv (and OUT.audit.csv, …), OUT being this path without its extension, are written beside it. A folder when --in is one", Required = true };
        var outputFormat = new Option<string>("--output-format") { Description = "With a folder of partitions: csv (default) or parquet", DefaultValueFactory = _ => "csv" };
        outputFormat.AcceptOnlyFromAmong("csv", "parquet");
        var from = CommonOptions.Version("--from", "Edition of the input codes", "2010");
        var to = CommonOptions.TargetVersion();
        var codeColumn = new Option<string>("--code-column") { Description = "Column holding the SOC code (any level 1–4; a label such as '11 Corporate managers and directors' is read by its code)", Required = true };
        var counts = new Option<string[]>("--count") { Description = $"Count columns (non-negative; shared out and summed), {ListHelp}, e.g. --count '/^20\\d\\d$/'" };
        var flows = new Option<string[]>("--flow") { Description = $"Flow columns (signed: expansion demand, net mobility; shared out and summed), {ListHelp}" };
        var attributes = new Option<string[]>("--attribute") { Description = $"Attribute columns (per-code characteristics without a count; averaged with the weights' joint sample counts), {ListHelp}" };
        var means = new Option<string[]>("--mean") { Description = "Mean/rate columns weighted by a count column: NAME=COUNTCOLUMN (comma-separated, repeatable)" };
        var medians = new Option<string[]>("--median") { Description = "Median columns weighted by a count column: NAME=COUNTCOLUMN (approximated like a mean; flagged)" };
        var weights = CommonOptions.Weights();
        var sex = CommonOptions.Sex();
        var dimensions = new Option<string[]>("--dimensions") { Description = $"Dimension columns to keep, {ListHelp} (default: every column that is not the code, a value or ignored)" };
        var ignore = new Option<string[]>("--ignore") { Description = $"Columns to leave out (such as a title column), {ListHelp}" };
        var strictColumns = new Option<bool>("--strict-columns") { Description = "Fail instead of warning when a column taken as a dimension looks like a value or a label of the code" };
        var sexColumn = new Option<string?>("--sex-column") { Description = "Column whose values (male/female/men/women/M/F/all) choose sex-specific weights per row" };
        var toLevel = new Option<int?>("--to-level") { Description = "Target level 1–4 (default: each row's own level)" };
        toLevel.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is { } v && v is < 1 or > 4) r.AddError("--to-level must be 1, 2, 3 or 4"); });
        var sheet = new Option<string?>("--sheet") { Description = "Workbook input: the sheet, by name or number from 1 (default: the first sheet naming the code column)" };
        var headerRow = new Option<int?>("--header-row") { Description = "Workbook input: the header's row, from 1 (default: the first row naming the code column)" };
        var delimiter = new Option<string>("--delimiter") { Description = "CSV input: the field delimiter: ',' (default), ';' or tab", DefaultValueFactory = _ => "," };
        delimiter.Validators.Add(r => { if (!CsvDialect.TryParseDelimiter(r.GetValueOrDefault<string>() ?? ",", out _)) r.AddError("--delimiter must be ',', ';' or tab"); });
        var encoding = new Option<string>("--encoding") { Description = "CSV input: utf-8 (default), windows-1252 or latin1", DefaultValueFactory = _ => "utf-8" };
        encoding.Validators.Add(r => { if (!CsvDialect.TryParseEncoding(r.GetValueOrDefault<string>() ?? "utf-8", out _)) r.AddError("--encoding must be utf-8, windows-1252 or latin1"); });
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Rejected rows and values, with line, record, column, value and reason (default: OUT.rejects.csv)" };
        var audit = new Option<string?>("--audit") { Description = "Write every contribution (source code, weight, sample counts, contribution) per output cell, to OUT.audit.csv or the path given", Arity = ArgumentArity.ZeroOrOne };
        var runReport = new Option<string?>("--report") { Description = "Write the run's report, one offline HTML page (totals, rejects by reason, largest splits, fallbacks, calibration), to OUT.report.html or the path given", Arity = ArgumentArity.ZeroOrOne };
        var interval = new Option<double?>("--interval") { Description = "Add NAME_lo/NAME_hi bounds to count columns with this central probability (e.g. 0.95)" };
        var residual = new Option<string>("--residual") { Description = "renormalise (default): share among listed groups; unallocated: keep the ONS residual as its own row", DefaultValueFactory = _ => "renormalise" };
        residual.AcceptOnlyFromAmong("renormalise", "unallocated");
        var decimals = new Option<int?>("--decimals") { Description = "Round written values to N decimals (0–15); totals are reconciled before rounding" };
        var titles = new Option<bool>("--titles") { Description = "Add the target title column (soc2020_title or soc2010_title) after the target code" };
        var maxRejected = new Option<double?>("--max-rejected-share") { Description = "Fail (exit 4, nothing written) when more than this share of any count or flow column's input is rejected, e.g. 0.05" };
        var estimator = new Option<string>("--estimator") { Description = "Weights: ons (default: the ONS proportions of --weights), calibrated (fitted to the same survey's SOC2020 margins: --margins or --weights-from), raking (one-year raking to one margin file)", DefaultValueFactory = _ => "ons" };
        estimator.AcceptOnlyFromAmong("ons", "calibrated", "raking");
        var margins = new Option<string[]>("--margins") { Description = "Same-survey SOC2020 counts to calibrate to, FILE[:YEAR] (repeatable; the year defaults to the one in the file name)" };
        var seriesYear = new Option<int?>("--series-year") { Description = "Year of the series, so the nearest margin years weigh most" };
        var yearDecay = new Option<double?>("--year-decay") { Description = "Weight of the k-th nearest margin year is DECAY^k (default 0.5)" };
        var fillSuppressed = new Option<bool>("--fill-suppressed") { Description = "Fit only: fill suppressed unit values top-down from the series' and margins' higher-level totals" };
        var fitFilters = new Option<string[]>("--fit-where") { Description = "Fit only: the rows of the series and margins to fit to, COLUMN=VALUE (repeatable), e.g. sex=all" };
        var weightsFrom = new Option<DirectoryInfo?>("--weights-from") { Description = "Apply calibrated weights fitted before with 'weights fit' (a folder checked against its manifest)" };
        var calibrateTo = new Option<FileInfo?>("--calibrate-to") { Description = "Shorthand for --estimator calibrated --margins FILE (one margin year); with --estimator raking, the margins of the one-year raking" };
        var strength = new Option<double?>("--calibration-strength") { Description = "γ of the calibrated estimator, 0 ≤ γ < 1 (default 0.95); λ of the one-year raking, 0–1 (default 1)" };
        var tolerance = new Option<double>("--calibration-tolerance") { Description = "Stop when every margin is met within this relative misfit", DefaultValueFactory = _ => 1e-6 };
        var maxIterations = new Option<int>("--calibration-max-iterations") { Description = "Iteration cap of the fit", DefaultValueFactory = _ => 10_000 };
        var calibrationColumn = new Option<string?>("--calibration-column") { Description = "Count column fitted to the margins (default: the first --count)" };
        var rescale = new Option<bool>("--rescale-margins") { Description = "Rescale margins to the series' grand total instead of failing when they differ" };
        var sumDuplicates = new Option<bool>("--sum-duplicates") { Description = "Sum rows that repeat the same dimensions and code (default: reject the repeats)" };
        var threads = new Option<int?>("--threads") { Description = "Threads for reading and sharing out (default: one per processor); the output is the same for any number, up to the last bits of sums" };
        var command = new Command("apportion", "Translate a series (counts, flows, means and attributes) between SOC2010 and SOC2020")
        {
            input, output, outputFormat, from, to, codeColumn, counts, flows, attributes, means, medians, weights, sex, dimensions, ignore, strictColumns, sexColumn, toLevel,
            sheet, headerRow, delimiter, encoding, rejects, audit, runReport, interval, residual, decimals, titles, maxRejected, sumDuplicates,
            estimator, margins, seriesYear, yearDecay, fillSuppressed, fitFilters, weightsFrom,
            calibrateTo, strength, tolerance, maxIterations, calibrationColumn, rescale, threads,
        };
        command.Validators.Add(r =>
        {
            CommonOptions.RequireDifferentEditions(r, from, to);
            if (r.GetValue(sexColumn) is not null && r.GetResult(sex) is { Implicit: false }) r.AddError("give either --sex or --sex-column, not both");
        });
        var weighting = new WeightingOptions(estimator, margins, seriesYear, yearDecay, fillSuppressed, fitFilters, weightsFrom,
            calibrateTo, strength, tolerance, maxIterations, calibrationColumn, rescale);
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            var values = ValueColumns(pr, counts, flows, attributes, means, medians);
            var options = new ApportionOptions
            {
                From = CommonOptions.ParseVersion(pr.GetValue(from)!),
                CodeColumn = pr.GetRequiredValue(codeColumn),
                Values = values,
                Selection = CommonOptions.Selection(pr, weights, sex),
                SexColumn = pr.GetValue(sexColumn),
                Dimensions = pr.GetValue(dimensions) is { Length: > 0 } dims ? ColumnPattern.SplitAll(dims) : null,
                Ignore = ColumnPattern.SplitAll(pr.GetValue(ignore)),
                ToLevel = (SocBridge.Core.Classification.SocLevel?)pr.GetValue(toLevel),
                Residual = pr.GetValue(residual) == "unallocated" ? ResidualPolicy.Unallocated : ResidualPolicy.Renormalise,
                Interval = pr.GetValue(interval),
                Audit = pr.GetResult(audit) is not null,
                SumDuplicates = pr.GetValue(sumDuplicates),
                Threads = pr.GetValue(threads),
            };
            var outPath = pr.GetRequiredValue(output).FullName;
            // The options are checked before any file is read: margins first, then the input.
            var early = options.Validate().ToList();
            var plan = weighting.Plan(pr, values, early);
            // The first problem is the one to fix: later ones often follow from it.
            if (early.Count > 0) return ApportionCommand.Refuse(ctx, early.Take(1));
            var calibration = plan.Calibration is null ? null : ReadRakingMargins(plan.Calibration, plan.MarginSpecs[0], options.To, plan.Column);
            CsvDialect.TryParseDelimiter(pr.GetValue(delimiter)!, out var delimiterChar);
            CsvDialect.TryParseEncoding(pr.GetValue(encoding)!, out var encodingName);
            var request = new SeriesFileRequest(pr.GetRequiredValue(input).FullName, outPath, options, pr.GetValue(rejects)?.FullName,
                SidecarPath(pr, audit, outPath, "audit.csv"), calibration)
            {
                Estimator = plan.Estimator,
                ReportPath = SidecarPath(pr, runReport, outPath, "report.html"),
                ReportWriter = pr.GetResult(runReport) is null ? null : new SocBridge.Reporting.Runs.RunReport(),
                Dialect = new CsvDialect(delimiterChar, encodingName),
                Sheet = pr.GetValue(sheet),
                HeaderRow = pr.GetValue(headerRow),
                Decimals = pr.GetValue(decimals),
                Titles = pr.GetValue(titles),
                StrictColumns = pr.GetValue(strictColumns),
                MaxRejectedShare = pr.GetValue(maxRejected),
            };
            if (Directory.Exists(request.InputPath)) return new ApportionCommand(ctx).ExecuteFolder(request, "." + pr.GetValue(outputFormat));
            return new ApportionCommand(ctx).Execute(request);
        }));
        return command;
    }

    /// <summary>The value columns in the order of their kinds: counts, flows, attributes, then means and medians as given.</summary>
    private static List<ValueColumn> ValueColumns(ParseResult pr, Option<string[]> counts, Option<string[]> flows, Option<string[]> attributes,
        Option<string[]> means, Option<string[]> medians)
    {
        var values = new List<ValueColumn>();
        foreach (var c in ColumnPattern.SplitAll(pr.GetValue(counts))) values.Add(ValueColumn.Count(c));
        foreach (var c in ColumnPattern.SplitAll(pr.GetValue(flows))) values.Add(ValueColumn.Flow(c));
        foreach (var c in ColumnPattern.SplitAll(pr.GetValue(attributes))) values.Add(ValueColumn.Attribute(c));
        foreach (var (spec, kind) in ColumnPattern.SplitAll(pr.GetValue(means)).Select(m => (m, ValueKind.Mean))
                     .Concat(ColumnPattern.SplitAll(pr.GetValue(medians)).Select(m => (m, ValueKind.Median))))
        {
            var parts = spec.Split('=', 2);
            values.Add(new ValueColumn(parts[0], kind, parts.Length == 2 ? parts[1] : null));
        }
        return values;
    }

    /// <summary>The path of an optional sidecar: null when the option is absent, the given path, or the default beside the output.</summary>
    private static string? SidecarPath(ParseResult pr, Option<string?> option, string outPath, string suffix) =>
        pr.GetResult(option) is null ? null : pr.GetValue(option) is { Length: > 0 } given ? Path.GetFullPath(given) : RunFiles.Sidecar(outPath, suffix);

    /// <summary>The one-year raking's options with the margins of its one margin file read in.</summary>
    private static SocBridge.Apportion.Calibration.CalibrationOptions ReadRakingMargins(
        SocBridge.Apportion.Calibration.CalibrationOptions calibration, string marginFile, SocBridge.Core.Classification.SocVersion to, string column)
    {
        var marginsRead = SocBridge.Apportion.Calibration.MarginsFile.Read(Path.GetFullPath(marginFile), to, column);
        return calibration with { Margins = marginsRead.Values };
    }

    /// <summary>
    /// How the weights are chosen: the ONS weights, the calibrated estimator (or weights fitted before), or the one-year
    /// raking; <see cref="MarginSpecs"/> are the margin files as given and <see cref="Column"/> the count column fitted to them.
    /// </summary>
    private sealed record WeightsPlan(
        SocBridge.Apportion.Calibration.CalibrationOptions? Calibration,
        SocBridge.Apportion.Estimation.EstimatorRequest? Estimator,
        IReadOnlyList<string> MarginSpecs,
        string Column);

    /// <summary>The options that choose and fit the weights, made once per command.</summary>
    private sealed record WeightingOptions(
        Option<string> Estimator, Option<string[]> Margins, Option<int?> SeriesYear, Option<double?> YearDecay, Option<bool> FillSuppressed,
        Option<string[]> FitFilters, Option<DirectoryInfo?> WeightsFrom, Option<FileInfo?> CalibrateTo, Option<double?> Strength,
        Option<double> Tolerance, Option<int> MaxIterations, Option<string?> CalibrationColumn, Option<bool> Rescale)
    {
        /// <summary>The weights plan of a command line; every problem found without reading a file goes to <paramref name="early"/>.</summary>
        public WeightsPlan Plan(ParseResult pr, IReadOnlyList<ValueColumn> values, List<string> early)
        {
            var column = pr.GetValue(CalibrationColumn) ?? values.FirstOrDefault(v => v.IsCount)?.Name ?? "";
            var method = pr.GetValue(Estimator)!;
            var marginSpecs = (pr.GetValue(Margins) ?? []).ToList();
            if (pr.GetValue(CalibrateTo) is { } shorthand)
            {
                marginSpecs.Add(shorthand.FullName);
                if (method == "ons") method = "calibrated";
            }
            var calibrating = method != "ons" || pr.GetValue(WeightsFrom) is not null;
            if (calibrating && !values.Any(v => v.IsPattern) && !values.Any(v => v.IsCount && v.Name == column))
                early.Add($"the calibration column '{column}' is not one of the count columns ({string.Join(", ", values.Where(v => v.IsCount).Select(v => v.Name))})");
            if (method == "ons" && marginSpecs.Count > 0) early.Add("margin files need an estimator that uses them: --estimator calibrated or raking");
            if (method == "raking") return new WeightsPlan(Raking(pr, column, marginSpecs, early), null, marginSpecs, column);
            if (calibrating) return new WeightsPlan(null, Calibrated(pr, column, marginSpecs, early), marginSpecs, column);
            return new WeightsPlan(null, null, marginSpecs, column);
        }

        private SocBridge.Apportion.Calibration.CalibrationOptions Raking(ParseResult pr, string column, List<string> marginSpecs, List<string> early)
        {
            var calibration = new SocBridge.Apportion.Calibration.CalibrationOptions
            {
                Margins = new Dictionary<string, double>(), Column = column, Strength = pr.GetValue(Strength) ?? 1.0, Tolerance = pr.GetValue(Tolerance),
                MaxIterations = pr.GetValue(MaxIterations), RescaleMargins = pr.GetValue(Rescale),
            };
            early.AddRange(calibration.Validate());
            if (marginSpecs.Count != 1) early.Add("the one-year raking takes exactly one margin file (--margins or --calibrate-to)");
            return calibration;
        }

        private SocBridge.Apportion.Estimation.EstimatorRequest Calibrated(ParseResult pr, string column, List<string> marginSpecs, List<string> early)
        {
            var specs = new List<SocBridge.Apportion.Estimation.MarginFileSpec>();
            foreach (var text in marginSpecs)
            {
                if (SocBridge.Apportion.Estimation.MarginFileSpec.TryParse(text, out var spec, out var problem)) specs.Add(spec);
                // With one margin year there is nothing to weigh by distance: its year does not matter.
                else if (marginSpecs.Count == 1) specs.Add(new SocBridge.Apportion.Estimation.MarginFileSpec(text, pr.GetValue(SeriesYear) ?? 0));
                else early.Add(problem);
            }
            var filters = new List<SocBridge.Apportion.Estimation.ColumnFilter>();
            foreach (var text in pr.GetValue(FitFilters) ?? [])
                if (SocBridge.Apportion.Estimation.ColumnFilter.TryParse(text, out var filter)) filters.Add(filter);
                else early.Add($"--fit-where '{text}' is not COLUMN=VALUE");
            var request = new SocBridge.Apportion.Estimation.EstimatorRequest
            {
                Margins = specs, SeriesYear = pr.GetValue(SeriesYear), Filters = filters, Column = column, WeightsFrom = pr.GetValue(WeightsFrom)?.FullName,
                Options = new SocBridge.Apportion.Estimation.EstimatorOptions
                {
                    Gamma = pr.GetValue(Strength) ?? 0.95, YearDecay = pr.GetValue(YearDecay) ?? 0.5, FillSuppressed = pr.GetValue(FillSuppressed),
                },
            };
            if (specs.Count == marginSpecs.Count) early.AddRange(request.Validate());
            foreach (var spec in specs.Where(m => !File.Exists(m.Path))) early.Add($"margin file {spec.Path} not found");
            return request;
        }
    }

    internal static string Format(double v) => v.ToString("#,##0.###", CultureInfo.InvariantCulture);
}
