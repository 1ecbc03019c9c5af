using System.CommandLine;
using SocBridge.Apportion.Estimation;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Weights;

/// <summary><c>socbridge weights fit|backtest</c>: the calibrated estimator's weights, fitted once and applied to any series.</summary>
public static class WeightsCommandDefinition
{
    /// <summary>The options both subcommands share (a new set per command).</summary>
    private sealed class InputOptions
    {
        public readonly Option<FileInfo> Series = new("--series") { Description = "SOC2010 series to translate (CSV; unit groups, optionally with higher-level totals)", Required = true };
        public readonly Option<string[]> Margins = new("--margins") { Description = "Same survey's SOC2020 counts of a nearby year: FILE[:YEAR] (repeatable; the year defaults to the one in the file name)", Required = true, AllowMultipleArgumentsPerToken = false };
        public readonly Option<int> SeriesYear = new("--series-year") { Description = "Year of the series", Required = true };
        public readonly Option<string> Count = new("--count") { Description = "Count column of the series and the margins", Required = true };
        public readonly Option<string> CodeColumn = new("--code-column") { Description = "Code column of the series (codes at any level)", Required = true };
        public readonly Option<string?> MarginsCodeColumn = new("--margins-code-column") { Description = "Code column of the margins (default: soc2020, else code)" };
        public readonly Option<string[]> Where = new("--where") { Description = "Keep only rows with COLUMN=VALUE, in the series and the margins (repeatable), e.g. --where sex=all --where pay_period=weekly" };
        public readonly Option<bool> FillSuppressed = new("--fill-suppressed") { Description = "Take the series' and margins' higher-level rows as totals and fill suppressed unit values top-down from them, for fitting only" };
        public readonly Option<string?> SeriesSurvey = new("--series-survey") { Description = "Survey of the series (e.g. ASHE)" };
        public readonly Option<string?> MarginsSurvey = new("--margins-survey") { Description = "Survey of the margins; if it differs from --series-survey the prior is used uncalibrated" };

        public IEnumerable<Option> All => [Series, Margins, SeriesYear, Count, CodeColumn, MarginsCodeColumn, Where, FillSuppressed, SeriesSurvey, MarginsSurvey];

        public void Validate(System.CommandLine.Parsing.CommandResult r)
        {
            foreach (var m in r.GetValue(Margins) ?? [])
                if (!MarginFileSpec.TryParse(m, out _, out var error)) r.AddError($"--margins {error}");
            foreach (var w in r.GetValue(Where) ?? [])
                if (!ColumnFilter.TryParse(w, out _)) r.AddError($"--where '{w}': expected COLUMN=VALUE");
        }

        public EstimatorInputFiles Files(ParseResult pr) => new(
            pr.GetRequiredValue(Series).FullName,
            pr.GetValue(SeriesYear),
            [.. (pr.GetValue(Margins) ?? []).Select(m => { MarginFileSpec.TryParse(m, out var spec, out _); return spec; })],
            pr.GetRequiredValue(Count),
            pr.GetRequiredValue(CodeColumn),
            pr.GetValue(MarginsCodeColumn),
            [.. (pr.GetValue(Where) ?? []).Select(w => { ColumnFilter.TryParse(w, out var f); return f; })],
            pr.GetValue(SeriesSurvey),
            pr.GetValue(MarginsSurvey));
    }

    public static Command Create() => new("weights", "Fit calibrated SOC2010 → SOC2020 weights to the same survey's SOC2020 years, and choose their parameters")
    {
        Fit(),
        Backtest(),
    };

    private static Command Fit()
    {
        var inputs = new InputOptions();
        var decay = new Option<double>("--year-decay") { Description = "Weight of the k-th nearest margin year is DECAY^k", DefaultValueFactory = _ => 0.5 };
        var gamma = new Option<double>("--calibration-strength") { Description = "γ in [0, 1): 0 keeps the ONS-based prior, near 1 fits the margins hard", DefaultValueFactory = _ => 0.95 };
        var maxPasses = new Option<int>("--max-passes") { Description = "Pass cap of the fit (reported when reached)", DefaultValueFactory = _ => 100_000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for weights.csv, rows.csv, constraint_sets.csv and manifest.json", Required = true };
        var format = CommonOptions.Format();
        var command = new Command("fit", "Fit the calibrated weights and write them as a verified folder (apply them with the fitted-weights option of apportion)");
        foreach (var o in inputs.All) command.Options.Add(o);
        foreach (var o in new Option[] { decay, gamma, maxPasses, output, format }) command.Options.Add(o);
        command.Validators.Add(inputs.Validate);
        command.SetAction(pr => CliContext.Run(pr, ctx => new WeightsCommand(ctx).Fit(inputs.Files(pr),
            new EstimatorOptions { Gamma = pr.GetValue(gamma), YearDecay = pr.GetValue(decay), FillSuppressed = pr.GetValue(inputs.FillSuppressed), MaxPasses = pr.GetValue(maxPasses) },
            pr.GetRequiredValue(output).FullName, pr.GetValue(format))));
        return command;
    }

    private static Command Backtest()
    {
        var inputs = new InputOptions();
        var gammas = new Option<string?>("--gammas") { Description = "γ values to try, comma-separated (default 0,0.5,0.8,0.9,0.95,0.98,0.99)" };
        var decays = new Option<string?>("--year-decays") { Description = "Year decays to try, comma-separated (default 0,0.25,0.5,0.75,1)" };
        var amplification = new Option<double>("--amplification") { Description = "Power of the reverse crosswalk that makes the same-year synthetic input", DefaultValueFactory = _ => 2.0 };
        var format = CommonOptions.Format();
        var command = new Command("backtest", "Choose the year decay and γ on your own margin years: leave one year out, year gap and same-year synthetic backtests");
        foreach (var o in inputs.All) command.Options.Add(o);
        foreach (var o in new Option[] { gammas, decays, amplification, format }) command.Options.Add(o);
        command.Validators.Add(inputs.Validate);
        command.Validators.Add(r =>
        {
            foreach (var (option, text) in new[] { (gammas, r.GetValue(gammas)), (decays, r.GetValue(decays)) })
                if (text is not null && WeightsCommand.ParseList(text) is null) r.AddError($"{option.Name} '{text}': expected numbers separated by commas");
        });
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            var options = new BacktestOptions { FillSuppressed = pr.GetValue(inputs.FillSuppressed), Amplification = pr.GetValue(amplification) };
            if (pr.GetValue(gammas) is { } g) options = options with { Gammas = WeightsCommand.ParseList(g)! };
            if (pr.GetValue(decays) is { } d) options = options with { YearDecays = WeightsCommand.ParseList(d)! };
            return new WeightsCommand(ctx).Backtest(inputs.Files(pr), options, pr.GetValue(format));
        }));
        return command;
    }
}
