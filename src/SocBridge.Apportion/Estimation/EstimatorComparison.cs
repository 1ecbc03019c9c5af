using SocBridge.Apportion.Calibration;
using SocBridge.Apportion.Evaluation;
using SocBridge.Apportion.Model;
using SocBridge.Apportion.Weights;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Estimation;

/// <summary>A series the fit never saw, with its published SOC2020 counterparts by year, and whose records it counts (for the ONS sex-specific weights).</summary>
public sealed record OtherSeries(string Name, LeveledCounts Series, IReadOnlyDictionary<int, LeveledCounts> Published, SexSet Sex);

/// <summary>One estimator's mean share distance (total variation, as <see cref="DistributionComparison"/>) in one backtest at one level.</summary>
public sealed record ComparisonRow(string Backtest, string Estimator, string Level, double Distance, int Cases);

/// <summary>
/// Compares the calibrated estimator with the published weight sets (LFS, Census, pooled), the prior and
/// one-year raking (<see cref="Calibrator"/> on the LFS weights, strength λ) on the same held-out cases:
/// <list type="bullet">
/// <item><b>year gap</b>: the series (filled top-down) translated and compared with each margin year in turn;
/// the calibrated fit uses the other years, one-year raking the other year nearest the series' year;</item>
/// <item><b>same-year synthetic</b>: each margin year sent back through the amplified reverse crosswalk and
/// translated forward again, with the same margins as above.</item>
/// <item><b>other series</b> (optional): series the fit never saw (e.g. men and women of the same table), translated
/// with the weights fitted on the main series and compared with their own held-out year; the ONS rows use the
/// series' own sex-specific weights when its name says so.</item>
/// </list>
/// Distances are over the codes the held-out year publishes at each level (all codes for the synthetic truth).
/// </summary>
public static class EstimatorComparison
{
    /// <summary>Runs both backtests for every estimator; <paramref name="lambdas"/> are the one-year raking strengths (default 0.5 and 1).</summary>
    /// <exception cref="ArgumentException">Fewer than two margin years.</exception>
    public static IReadOnlyList<ComparisonRow> Run(SocRelease release, CalibratedEstimator estimator, EstimatorInputs inputs,
        EstimatorOptions options, double amplification = 2, IReadOnlyList<double>? lambdas = null, IReadOnlyList<OtherSeries>? otherSeries = null)
    {
        lambdas ??= [0.5, 1];
        var years = inputs.Margins.OrderBy(m => m.Year).ToArray();
        if (years.Length < 2) throw new ArgumentException("the comparison holds one margin year out and needs at least two", nameof(inputs));
        var support = estimator.Support;
        var levels = new[] { SocLevel.Unit, SocLevel.Minor, SocLevel.SubMajor };
        var results = new List<(string Backtest, string Estimator, string Level, double Distance)>();
        var seriesFill = TopDownFill.Fill(inputs.Series, release.Soc2010, options.FillSuppressed).Values;
        var seriesRows = support.Rows.Select(r => seriesFill.GetValueOrDefault(r)).ToArray();

        foreach (var held in years)
        {
            var others = years.Where(y => y != held).ToArray();
            var truthUnits = WeightsBacktest.Truth(estimator, held, options.FillSuppressed);
            var cases = new[]
            {
                (Name: "year gap", Year: inputs.SeriesYear, Rows: seriesRows,
                    Truth: (Func<SocLevel, IReadOnlyDictionary<SocCode, double>>)(level => Published(held.Counts, level))),
                (Name: $"same-year synthetic (×{amplification:G3})", Year: held.Year, Rows: SyntheticInput.Rows(support, estimator.PriorBase, truthUnits, amplification),
                    Truth: level => support.Columns.Select((c, j) => (c, truthUnits[j])).GroupBy(t => t.c.AtLevel(level)).ToDictionary(g => g.Key, g => g.Sum(t => t.Item2))),
            };
            var fitOnOthers = estimator.Fit(inputs with { Margins = others }, options);
            foreach (var other in otherSeries ?? [])
            {
                if (!other.Published.TryGetValue(held.Year, out var published)) continue;
                var fill = TopDownFill.Fill(other.Series, release.Soc2010, options.FillSuppressed).Values;
                var x = support.Rows.Where(r => fill.GetValueOrDefault(r) > 0).ToDictionary(r => r, r => fill[r]);
                var selection = new WeightSelection(WeightSet.Lfs, other.Sex);
                var nearest = others.OrderBy(y => Math.Abs(y.Year - inputs.SeriesYear)).ThenBy(y => y.Year).First();
                var estimates = new List<(string, IReadOnlyDictionary<SocCode, double>)>
                {
                    ("ONS lfs", Ons(release, x, new WeightSelection(WeightSet.Lfs, SexSet.All))),
                    ($"ONS lfs/{WeightSets.Name(other.Sex)}", Ons(release, x, selection)),
                    ($"calibrated γ={options.Gamma:G3}, decay {options.YearDecay:G3}", fitOnOthers.Translate(x)),
                };
                foreach (var lambda in lambdas)
                    estimates.Add(($"one-year raking λ={lambda:G3} (LFS, nearest other year)", Raked(release, seriesRows.Select((v, i) => (support.Rows[i], v)).Where(t => t.v > 0).ToDictionary(t => t.Item1, t => t.v), nearest, lambda, x)));
                foreach (var (name, estimate) in estimates)
                    foreach (var level in levels)
                    {
                        var at = estimate.GroupBy(kv => kv.Key.AtLevel(level)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
                        results.Add(($"other series: {other.Name}", name, level.Name(), BacktestScores.Overall(at, Published(published, level))));
                    }
            }
            foreach (var c in cases)
            {
                var x = support.Rows.Select((r, i) => (r, c.Rows[i])).Where(t => t.Item2 > 0).ToDictionary(t => t.r, t => t.Item2);
                var estimates = new List<(string, IReadOnlyDictionary<SocCode, double>)>();
                foreach (var set in new[] { WeightSet.Lfs, WeightSet.Census, WeightSet.Pooled })
                    estimates.Add(($"ONS {WeightSets.Name(set)}", Ons(release, x, new WeightSelection(set, SexSet.All))));
                var prior = new FittedWeights(release.ReleaseId,
                    [.. support.Rows.Select(r => new FitRow(r, 0, false, 1))],
                    [.. Enumerable.Range(0, support.PairCount).Select(p => new PairFit(support.Rows[support.PairRow[p]], support.Columns[support.PairColumn[p]], 0, null, support.Prior[p], support.Prior[p]))]);
                estimates.Add(("prior ½ LFS + ½ Census", prior.Translate(x)));
                var nearest = others.OrderBy(y => Math.Abs(y.Year - c.Year)).ThenBy(y => y.Year).First();
                foreach (var lambda in lambdas)
                    estimates.Add(($"one-year raking λ={lambda:G3} (LFS, nearest other year)", Raked(release, x, nearest, lambda)));
                var series = new LeveledCounts(SocVersion.Soc2010, x.ToDictionary(kv => kv.Key, kv => (double?)kv.Value), c.Name);
                var fit = estimator.Fit(new EstimatorInputs(series, c.Year, others, inputs.SeriesSurvey), options);
                estimates.Add(($"calibrated γ={options.Gamma:G3}, decay {options.YearDecay:G3}", fit.Translate(x)));
                foreach (var (name, estimate) in estimates)
                    foreach (var level in levels)
                    {
                        var truth = c.Truth(level);
                        var at = estimate.GroupBy(kv => kv.Key.AtLevel(level)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
                        results.Add((c.Name, name, level.Name(), BacktestScores.Overall(at, truth)));
                    }
            }
        }
        return [.. results.GroupBy(r => (r.Backtest, r.Estimator, r.Level))
            .Select(g => new ComparisonRow(g.Key.Backtest, g.Key.Estimator, g.Key.Level, g.Average(r => r.Distance), g.Count()))];
    }

    private static IReadOnlyDictionary<SocCode, double> Published(LeveledCounts counts, SocLevel level) =>
        counts.Values.Where(kv => kv.Key.Level == level && kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);

    private static Dictionary<SocCode, double> Ons(SocRelease release, IReadOnlyDictionary<SocCode, double> x, WeightSelection selection)
    {
        var result = new Dictionary<SocCode, double>();
        foreach (var (code, value) in x)
            foreach (var t in release.Crosswalk.Map(code, selection).Targets)
                result[t.Code] = result.GetValueOrDefault(t.Code) + value * t.Weight;
        return result;
    }

    /// <summary>
    /// Today's one-year raking: the LFS weights raked on <paramref name="x"/> to one year's published units, shrunk by λ,
    /// and applied to <paramref name="apply"/> (default <paramref name="x"/>).
    /// </summary>
    private static Dictionary<SocCode, double> Raked(SocRelease release, IReadOnlyDictionary<SocCode, double> x, MarginYear margins, double lambda,
        IReadOnlyDictionary<SocCode, double>? apply = null)
    {
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")] };
        var plan = new SharePlan(release.Crosswalk, options);
        var rows = x.Select(kv => new CalibrationRow(plan.For(kv.Key, options.Selection), kv.Value)).ToArray();
        var (weights, _) = Calibrator.Calibrate(rows, plan.Targets,
            new CalibrationOptions { Margins = margins.Counts.PublishedUnits().ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), Strength = lambda, RescaleMargins = true }, "jobs");
        var result = new Dictionary<SocCode, double>();
        foreach (var (code, value) in apply ?? x)
        {
            var set = plan.For(code, options.Selection);
            var w = weights.TryGetValue(set, out var fitted) ? fitted : set.Targets.Select(t => t.Weight).ToArray();
            for (var k = 0; k < w.Length; k++)
            {
                var target = SocCode.Parse(plan.Targets[set.Targets[k].Slot], SocVersion.Soc2020);
                result[target] = result.GetValueOrDefault(target) + value * w[k];
            }
        }
        return result;
    }
}
