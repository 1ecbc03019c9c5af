namespace SocBridge.Apportion.Estimation;

/// <summary>The grids and settings of <see cref="WeightsBacktest"/>.</summary>
public sealed record BacktestOptions
{
    /// <summary>Calibration strengths γ tried (0 is the prior).</summary>
    public IReadOnlyList<double> Gammas { get; init; } = [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99];

    /// <summary>Year decays tried.</summary>
    public IReadOnlyList<double> YearDecays { get; init; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>γ used while the year decay is chosen.</summary>
    public double Gamma { get; init; } = 0.95;

    /// <summary>Power of the reverse crosswalk that makes the synthetic input (1 = the prior's own structure).</summary>
    public double Amplification { get; init; } = 2;

    /// <summary>Fill suppressed values top-down for fitting, as the fit itself will.</summary>
    public bool FillSuppressed { get; init; }

    /// <summary>Pass cap of every fit.</summary>
    public int MaxPasses { get; init; } = 100_000;

    /// <summary>Every problem with the options, at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Gammas.Count == 0 || Gammas.Any(g => !(g >= 0 && g < 1))) errors.Add("every γ tried must be at least 0 and below 1");
        if (YearDecays.Count == 0 || YearDecays.Any(d => !(d >= 0 && d <= 1))) errors.Add("every year decay tried must be between 0 and 1");
        if (!(Gamma >= 0 && Gamma < 1)) errors.Add($"γ for the year-decay backtest must be at least 0 and below 1 (got {Gamma})");
        if (!(Amplification > 0)) errors.Add($"the amplification must be positive (got {Amplification})");
        if (MaxPasses < 1) errors.Add("at least one pass is needed");
        return errors;
    }
}

/// <summary>
/// One line of the backtest table: a backtest, the parameter value tried, its mean share distance over
/// the held-out years, the same distance of the prior (γ = 0) and the relative gain over the prior.
/// </summary>
public sealed record BacktestRow(string Backtest, string Parameter, double Value, double Score, double PriorScore, int Cases, bool Converged)
{
    /// <summary>1 − distance / prior distance.</summary>
    public double GainOverPrior => PriorScore > 0 ? 1 - Score / PriorScore : 0;
}

/// <summary>The table and the recommended parameters, with the reasons.</summary>
public sealed record BacktestReport(
    IReadOnlyList<BacktestRow> Rows,
    double RecommendedYearDecay,
    double RecommendedGamma,
    double? YearGapBestGamma,
    double? SyntheticBestGamma,
    IReadOnlyList<string> Notes);

/// <summary>
/// The checks that choose the estimator's parameters from the user's own margin years, without a test set:
/// <list type="bullet">
/// <item><b>year decay</b>: leave one margin year out, fit on the others with each decay, score the series'
/// translation against the held-out year within families;</item>
/// <item><b>γ, year-gap</b>: the same hold-out with each γ. It favours strong calibration (the held-out year
/// resembles the other margin years more than the series' year), so it is never used alone;</item>
/// <item><b>γ, same-year synthetic</b>: each margin year sent back to SOC2010 through an amplified reverse
/// crosswalk and translated forward again, fitted on the other years: no year gap to correct, so it
/// favours weak calibration.</item>
/// </list>
/// The recommended γ minimises the larger of the two relative regrets (distance over the best distance of
/// that backtest, minus one); the recommended decay minimises the leave-one-year-out distance.
/// </summary>
public static class WeightsBacktest
{
    /// <summary>Runs the backtests on the inputs' margin years and recommends the parameters.</summary>
    public static BacktestReport Run(CalibratedEstimator estimator, EstimatorInputs inputs, BacktestOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var notes = new List<string>();
        var rows = new List<BacktestRow>();
        var years = inputs.Margins.OrderBy(m => m.Year).ToArray();
        if (years.Length < 2)
        {
            notes.Add("one margin year only: nothing can be held out, so the defaults are recommended (γ 0.95, year decay 0.5)");
            return new BacktestReport(rows, 0.5, 0.95, null, null, notes);
        }
        var support = estimator.Support;
        var families = estimator.Families;

        // Year decay: leave one year out, γ fixed.
        double Gap(double gamma, double decay, out bool converged)
        {
            var total = 0.0;
            converged = true;
            foreach (var held in years)
            {
                var fit = estimator.Fit(inputs with { Margins = [.. years.Where(y => y != held)] },
                    new EstimatorOptions { Gamma = gamma, YearDecay = decay, FillSuppressed = options.FillSuppressed, MaxPasses = options.MaxPasses });
                converged &= fit.Converged;
                var x = fit.Rows.Select(r => r.Total).ToArray();
                var translated = fit.Translate(fit.Rows.ToDictionary(r => r.Soc2010, r => r.Total));
                total += BacktestScores.WithinFamilies(support, families, x, translated, held.Counts.PublishedUnits());
            }
            return total / years.Length;
        }

        var decays = options.YearDecays.Distinct().Order().ToArray();
        var decayPrior = Gap(0, decays[0], out _);
        var decayScores = decays.Select(d => (d, score: Gap(options.Gamma, d, out var ok), ok)).ToArray();
        rows.AddRange(decayScores.Select(s => new BacktestRow("year decay: leave one margin year out, within families", "year_decay", s.d, s.score, decayPrior, years.Length, s.ok)));
        var decay = decayScores.MinBy(s => s.score).d;
        if (years.Length == 2) notes.Add("two margin years: holding one out leaves one, so the year decay cannot change the fit; the year-decay rows are equal");

        var gammas = options.Gammas.Append(0).Distinct().Order().ToArray();
        var gapScores = gammas.Select(g => (g, score: Gap(g, decay, out var ok), ok)).ToArray();
        var gapPrior = gapScores.First(s => s.g == 0).score;
        rows.AddRange(gapScores.Select(s => new BacktestRow("γ: year gap, within families", "gamma", s.g, s.score, gapPrior, years.Length, s.ok)));

        // Same-year synthetic input.
        var soc2020 = years.Select(y => (Year: y, Truth: Truth(estimator, y, options.FillSuppressed))).ToArray();
        var synthetic = gammas.Select(g =>
        {
            var total = 0.0;
            var converged = true;
            foreach (var (held, truth) in soc2020)
            {
                var x = SyntheticInput.Rows(support, estimator.PriorBase, truth, options.Amplification);
                var series = new LeveledCounts(SocVersion.Soc2010, support.Rows.Select((r, i) => (r, v: (double?)x[i])).ToDictionary(t => t.r, t => t.v), $"synthetic {held.Year}");
                var fit = estimator.Fit(new EstimatorInputs(series, held.Year, [.. years.Where(y => y != held)], inputs.SeriesSurvey),
                    new EstimatorOptions { Gamma = g, YearDecay = decay, FillSuppressed = options.FillSuppressed, MaxPasses = options.MaxPasses });
                converged &= fit.Converged;
                var translated = fit.Translate(support.Rows.Select((r, i) => (r, x[i])).ToDictionary(t => t.r, t => t.Item2));
                total += BacktestScores.Overall(translated, support.Columns.Select((c, j) => (c, truth[j])).ToDictionary(t => t.c, t => t.Item2));
            }
            return (g, score: total / soc2020.Length, ok: converged);
        }).ToArray();
        var synPrior = synthetic.First(s => s.g == 0).score;
        rows.AddRange(synthetic.Select(s => new BacktestRow($"γ: same-year synthetic (reverse crosswalk amplified ×{options.Amplification:G3})", "gamma", s.g, s.score, synPrior, soc2020.Length, s.ok)));

        var gapBest = gapScores.MinBy(s => s.score);
        var synBest = synthetic.MinBy(s => s.score);
        var gamma = gammas.MinBy(g => Math.Max(
            gapScores.First(s => s.g == g).score / Math.Max(gapBest.score, 1e-15) - 1,
            synthetic.First(s => s.g == g).score / Math.Max(synBest.score, 1e-15) - 1));
        if (gapBest.g != synBest.g)
            notes.Add($"the two γ backtests disagree, as expected: the year gap is best at γ {gapBest.g:G3}, the synthetic at γ {synBest.g:G3}; γ {gamma:G3} keeps both regrets smallest");
        if (gapScores.Concat(synthetic).Any(s => !s.ok) || decayScores.Any(s => !s.ok))
            notes.Add("some fits stopped at the pass cap (see the converged column)");
        return new BacktestReport(rows, decay, gamma, gapBest.g, synBest.g, notes);
    }

    /// <summary>A margin year's unit values over the support columns (filled top-down when asked; 0 where unknown).</summary>
    internal static double[] Truth(CalibratedEstimator estimator, MarginYear year, bool fill)
    {
        var units = year.Counts.Units(estimator.Hierarchy2020, fill);
        return [.. estimator.Support.Columns.Select(c => units.GetValueOrDefault(c))];
    }
}
