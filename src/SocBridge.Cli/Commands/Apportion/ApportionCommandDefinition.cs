using System.CommandLine;
using SocBridge.Apportion.Model;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Apportion;

public static class ApportionCommandDefinition
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--in") { Description = "Input series (CSV with a header)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output series (CSV); OUT.meta.json is written beside it", Required = true };
        var from = CommonOptions.Version("--from", "Edition of the input codes", "2010");
        var to = CommonOptions.TargetVersion();
        var codeColumn = new Option<string>("--code-column") { Description = "Column holding the SOC code (any level 1–4)", Required = true };
        var counts = new Option<string[]>("--count") { Description = "Count column, shared out and summed (repeatable)", AllowMultipleArgumentsPerToken = false };
        var means = new Option<string[]>("--mean") { Description = "Mean/rate column weighted by a count column: NAME=COUNTCOLUMN (repeatable)" };
        var medians = new Option<string[]>("--median") { Description = "Median column weighted by a count column: NAME=COUNTCOLUMN (approximated like a mean; flagged)" };
        var weights = CommonOptions.Weights();
        var sex = CommonOptions.Sex();
        var dimensions = new Option<string[]>("--dimensions") { Description = "Dimension columns to keep, comma-separated or repeated (default: every column that is not the code or a value); the others are ignored and listed in the metadata" };
        var sexColumn = new Option<string?>("--sex-column") { Description = "Column whose values (male/female/men/women/M/F/all) choose sex-specific weights per row" };
        var toLevel = new Option<int?>("--to-level") { Description = "Target level 1–4 (default: each row's own level)" };
        toLevel.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is { } v && v is < 1 or > 4) r.AddError("--to-level must be 1, 2, 3 or 4"); });
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Write rejected rows and values here (default: OUT.rejects.csv)" };
        var audit = new Option<FileInfo?>("--audit") { Description = "Write every contribution (source code, weight, base, contribution) per output cell" };
        var interval = new Option<double?>("--interval") { Description = "Add NAME_lo/NAME_hi bounds with this central probability (e.g. 0.95)" };
        var residual = new Option<string>("--residual") { Description = "renormalise (default): share among listed groups; unallocated: keep the ONS residual as its own row", DefaultValueFactory = _ => "renormalise" };
        residual.AcceptOnlyFromAmong("renormalise", "unallocated");
        var calibrateTo = new Option<FileInfo?>("--calibrate-to") { Description = "Rake the weights to known target totals of the same population (CSV: soc2020|code, COUNT|total|margin)" };
        var strength = new Option<double>("--calibration-strength") { Description = "0–1: how far to move from the uncalibrated weights toward the calibrated ones", DefaultValueFactory = _ => 1.0 };
        var tolerance = new Option<double>("--calibration-tolerance") { Description = "Stop when every margin is met within this relative misfit", DefaultValueFactory = _ => 1e-6 };
        var maxIterations = new Option<int>("--calibration-max-iterations") { Description = "Iteration cap of the fit", DefaultValueFactory = _ => 10_000 };
        var calibrationColumn = new Option<string?>("--calibration-column") { Description = "Count column fitted to the margins (default: the first --count)" };
        var rescale = new Option<bool>("--rescale-margins") { Description = "Rescale margins to the series' grand total instead of failing when they differ" };
        var sumDuplicates = new Option<bool>("--sum-duplicates") { Description = "Sum rows that repeat the same dimensions and code (default: reject the repeats)" };
        var threads = new Option<int?>("--threads") { Description = "Threads for reading and sharing out (default: one per processor); the output is the same for any number, up to the last bits of sums" };
        var command = new Command("apportion", "Translate a series (counts and weighted means) between SOC2010 and SOC2020")
        {
            input, output, from, to, codeColumn, counts, means, medians, weights, sex, dimensions, sexColumn, toLevel, rejects, audit, interval, residual, sumDuplicates,
            calibrateTo, strength, tolerance, maxIterations, calibrationColumn, rescale, threads,
        };
        command.Validators.Add(r =>
        {
            CommonOptions.RequireDifferentEditions(r, from, to);
            if (r.GetValue(sexColumn) is not null && r.GetResult(sex) is { Implicit: false }) r.AddError("give either --sex or --sex-column, not both");
        });
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            var values = new List<ValueColumn>();
            foreach (var c in pr.GetValue(counts) ?? []) values.Add(ValueColumn.Count(c));
            foreach (var (spec, kind) in (pr.GetValue(means) ?? []).Select(m => (m, ValueKind.Mean)).Concat((pr.GetValue(medians) ?? []).Select(m => (m, ValueKind.Median))))
            {
                var parts = spec.Split('=', 2);
                values.Add(new ValueColumn(parts[0], kind, parts.Length == 2 ? parts[1] : null));
            }
            var options = new ApportionOptions
            {
                From = CommonOptions.ParseVersion(pr.GetValue(from)!),
                CodeColumn = pr.GetRequiredValue(codeColumn),
                Values = values,
                Selection = CommonOptions.Selection(pr, weights, sex),
                SexColumn = pr.GetValue(sexColumn),
                Dimensions = pr.GetValue(dimensions) is { Length: > 0 } dims
                    ? dims.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
                    : null,
                ToLevel = (SocBridge.Core.Classification.SocLevel?)pr.GetValue(toLevel),
                Residual = pr.GetValue(residual) == "unallocated" ? ResidualPolicy.Unallocated : ResidualPolicy.Renormalise,
                Interval = pr.GetValue(interval),
                Audit = pr.GetValue(audit) is not null,
                SumDuplicates = pr.GetValue(sumDuplicates),
                Threads = pr.GetValue(threads),
            };
            var outPath = pr.GetRequiredValue(output).FullName;
            SocBridge.Apportion.Calibration.CalibrationOptions? calibration = null;
            if (pr.GetValue(calibrateTo) is { } marginsFile)
            {
                var column = pr.GetValue(calibrationColumn) ?? values.FirstOrDefault(v => v.IsCount)?.Name ?? "";
                var margins = SocBridge.Apportion.Calibration.MarginsFile.Read(marginsFile.FullName, options.To, column);
                calibration = new SocBridge.Apportion.Calibration.CalibrationOptions
                {
                    Margins = margins.Values, Column = column, Strength = pr.GetValue(strength), Tolerance = pr.GetValue(tolerance),
                    MaxIterations = pr.GetValue(maxIterations), RescaleMargins = pr.GetValue(rescale),
                };
                var problems = calibration.Validate();
                if (problems.Count > 0)
                {
                    foreach (var p in problems) ctx.Error.WriteLine($"error: {p}");
                    return ExitCodes.UsageError;
                }
            }
            return new ApportionCommand(ctx).Execute(pr.GetRequiredValue(input).FullName, outPath,
                pr.GetValue(rejects)?.FullName ?? Path.ChangeExtension(outPath, null) + ".rejects.csv", pr.GetValue(audit)?.FullName, options, calibration);
        }));
        return command;
    }
}
