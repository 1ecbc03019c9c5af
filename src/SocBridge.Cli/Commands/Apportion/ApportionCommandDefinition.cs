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
        var sexColumn = new Option<string?>("--sex-column") { Description = "Column whose values (male/female/men/women/M/F/all) choose sex-specific weights per row" };
        var toLevel = new Option<int?>("--to-level") { Description = "Target level 1–4 (default: each row's own level)" };
        toLevel.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is { } v && v is < 1 or > 4) r.AddError("--to-level must be 1, 2, 3 or 4"); });
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Write rejected rows and values here (default: OUT.rejects.csv)" };
        var audit = new Option<FileInfo?>("--audit") { Description = "Write every contribution (source code, weight, base, contribution) per output cell" };
        var interval = new Option<double?>("--interval") { Description = "Add NAME_lo/NAME_hi bounds with this central probability (e.g. 0.95)" };
        var residual = new Option<string>("--residual") { Description = "renormalise (default): share among listed groups; unallocated: keep the ONS residual as its own row", DefaultValueFactory = _ => "renormalise" };
        residual.AcceptOnlyFromAmong("renormalise", "unallocated");
        var sumDuplicates = new Option<bool>("--sum-duplicates") { Description = "Sum rows that repeat the same dimensions and code (default: reject the repeats)" };
        var command = new Command("apportion", "Translate a series (counts and weighted means) between SOC2010 and SOC2020")
        {
            input, output, from, to, codeColumn, counts, means, medians, weights, sex, sexColumn, toLevel, rejects, audit, interval, residual, sumDuplicates,
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
                ToLevel = (SocBridge.Core.Classification.SocLevel?)pr.GetValue(toLevel),
                Residual = pr.GetValue(residual) == "unallocated" ? ResidualPolicy.Unallocated : ResidualPolicy.Renormalise,
                Interval = pr.GetValue(interval),
                Audit = pr.GetValue(audit) is not null,
                SumDuplicates = pr.GetValue(sumDuplicates),
            };
            var outPath = pr.GetRequiredValue(output).FullName;
            return new ApportionCommand(ctx).Execute(pr.GetRequiredValue(input).FullName, outPath,
                pr.GetValue(rejects)?.FullName ?? Path.ChangeExtension(outPath, null) + ".rejects.csv", pr.GetValue(audit)?.FullName, options);
        }));
        return command;
    }
}
