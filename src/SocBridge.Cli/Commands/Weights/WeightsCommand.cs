using System.Globalization;
using SocBridge.Apportion.Estimation;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Csv;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Weights;

/// <summary>Runs <c>weights fit</c> and <c>weights backtest</c>: reads the inputs, calls the estimator, prints.</summary>
public sealed class WeightsCommand(CliContext context)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<double>? ParseList(string text)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, Invariant, out var v)) return null;
            values.Add(v);
        }
        return values.Count > 0 ? values : null;
    }

    public int Fit(EstimatorInputFiles files, EstimatorOptions options, string outDir, OutputFormat format)
    {
        if (Invalid(options.Validate()) is { } code) return code;
        var release = context.LoadRelease(outDir);
        var (inputs, hashes) = files.Read(release);
        var fit = new CalibratedEstimator(release).Fit(inputs, options);
        var manifest = FittedWeightsFolder.Write(outDir, fit, hashes);
        if (format == OutputFormat.Json)
        {
            context.WriteJson(new { folder = outDir, manifest.Fit, manifest.Parameters, margin_years = manifest.MarginYears, manifest.Notes, moved_pairs = fit.MovedPairs.Select(Move) });
        }
        else if (format == OutputFormat.Csv)
        {
            var csv = new CsvFieldWriter(context.Out);
            csv.WriteRow("soc2010", "soc2020", "prior_weight", "fitted_weight", "change");
            foreach (var p in fit.MovedPairs) csv.WriteRow(p.Soc2010.ToString(), p.Soc2020.ToString(), N(p.Prior), N(p.Fitted), N(p.Change));
            csv.Flush();
        }
        else
        {
            var console = context.Console();
            console.MarkupLine($"[bold]calibrated weights[/] → {Markup.Escape(outDir)}");
            console.MarkupLine($"γ {options.Gamma.ToString(Invariant)}, year decay {options.YearDecay.ToString(Invariant)}, fill suppressed: {(options.FillSuppressed ? "yes" : "no")}; " +
                               $"margin years: {string.Join(", ", fit.Years.Select(y => $"{y.Year} (weight {y.Weight.ToString("G3", Invariant)})"))}");
            console.MarkupLine(Markup.Escape(fit.StopReason));
            console.MarkupLine($"{fit.Pairs.Count} pairs in {fit.Families} families ({fit.OneToOneFamilies} one-to-one), {fit.Sets.Count} constraint sets; " +
                               $"largest relative residual {fit.MaxRelativeResidual.ToString("G3", Invariant)}");
            console.MarkupLine($"share of the series reallocated from the prior: {fit.ReallocatedShare.ToString("P2", Invariant)}; pairs moved by more than {options.MoveThreshold.ToString(Invariant)}: {fit.MovedPairs.Count}");
            foreach (var note in fit.Notes) console.MarkupLine("note: " + Markup.Escape(note));
            if (fit.MovedPairs.Count > 0)
            {
                var table = new Table().AddColumns("soc2010", "soc2020", "prior", "fitted", "change");
                foreach (var p in fit.MovedPairs.Take(15)) table.AddRow(p.Soc2010.ToString(), p.Soc2020.ToString(), p.Prior.ToString("F3", Invariant), p.Fitted.ToString("F3", Invariant), p.Change.ToString("+0.000;-0.000;+0.000", Invariant));
                console.Write(table);
                if (fit.MovedPairs.Count > 15) console.MarkupLine($"… and {fit.MovedPairs.Count - 15} more in weights.csv");
            }
        }
        if (!fit.Converged)
        {
            context.Error.WriteLine($"error: {fit.StopReason}; the folder records it (manifest.json: fit.converged = false)");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }

    public int Backtest(EstimatorInputFiles files, BacktestOptions options, OutputFormat format)
    {
        if (Invalid(options.Validate()) is { } code) return code;
        var release = context.LoadRelease();
        var (inputs, _) = files.Read(release);
        var report = WeightsBacktest.Run(new CalibratedEstimator(release), inputs, options);
        switch (format)
        {
            case OutputFormat.Json:
                context.WriteJson(new
                {
                    recommended = new { year_decay = report.RecommendedYearDecay, calibration_strength = report.RecommendedGamma },
                    year_gap_best_gamma = report.YearGapBestGamma,
                    synthetic_best_gamma = report.SyntheticBestGamma,
                    rows = report.Rows.Select(r => new { r.Backtest, r.Parameter, r.Value, distance = r.Score, prior_distance = r.PriorScore, gain_over_prior = r.GainOverPrior, r.Cases, r.Converged }),
                    report.Notes,
                });
                break;
            case OutputFormat.Csv:
            {
                var csv = new CsvFieldWriter(context.Out);
                csv.WriteRow("backtest", "parameter", "value", "distance", "prior_distance", "gain_over_prior", "cases", "converged");
                foreach (var r in report.Rows)
                    csv.WriteRow(r.Backtest, r.Parameter, N(r.Value), N(r.Score), N(r.PriorScore), N(r.GainOverPrior), r.Cases.ToString(Invariant), r.Converged ? "true" : "false");
                csv.Flush();
                break;
            }
            default:
            {
                var console = context.Console();
                var table = new Table().AddColumns("backtest", "parameter", "value", "share distance", "prior", "gain", "converged");
                foreach (var r in report.Rows)
                    table.AddRow(Markup.Escape(r.Backtest), r.Parameter, r.Value.ToString("G3", Invariant), r.Score.ToString("P3", Invariant),
                        r.PriorScore.ToString("P3", Invariant), r.GainOverPrior.ToString("P1", Invariant), r.Converged ? "yes" : "NO");
                console.Write(table);
                console.MarkupLine($"[bold]recommended[/]: --year-decay {report.RecommendedYearDecay.ToString(Invariant)} --calibration-strength {report.RecommendedGamma.ToString(Invariant)}");
                foreach (var note in report.Notes) console.MarkupLine("note: " + Markup.Escape(note));
                break;
            }
        }
        return ExitCodes.Ok;
    }

    private int? Invalid(IReadOnlyList<string> errors)
    {
        if (errors.Count == 0) return null;
        foreach (var e in errors) context.Error.WriteLine($"error: {e}");
        return ExitCodes.UsageError;
    }

    private static object Move(PairFit p) => new { soc2010 = p.Soc2010.ToString(), soc2020 = p.Soc2020.ToString(), prior = p.Prior, fitted = p.Fitted, change = p.Change };

    private static string N(double v) => CsvFieldWriter.FormatNumber(v);
}
