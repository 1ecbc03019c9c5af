using SocBridge.Apportion.Calibration;
using SocBridge.Apportion.Model;
using SocBridge.Apportion.Weights;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Evaluation;

/// <summary>One held-out series translated with one set of weights and compared with its published counterpart.</summary>
public sealed record BacktestCase(string Series, string Weights, DistributionComparison Comparison);

/// <summary>
/// Does calibration help? Calibrate SOC2010 → SOC2020 weights on one series (e.g. all employees, year t)
/// to the published target-edition totals of the same population (year t+1), then translate other series
/// the calibration never saw (e.g. men and women separately) with and without the calibrated weights and
/// compare each with its own published target-edition figures.
/// </summary>
public static class CalibrationBacktest
{
    /// <summary>Calibrates <paramref name="calibrationSeries"/> to <paramref name="calibrationMargins"/>, then translates each held-out series with and without the calibrated weights and compares both with its published figures.</summary>
    public static (CalibrationReport Report, IReadOnlyList<BacktestCase> Cases) Run(
        SocRelease release,
        IReadOnlyDictionary<string, double> calibrationSeries,
        IReadOnlyDictionary<string, double> calibrationMargins,
        IReadOnlyDictionary<string, (IReadOnlyDictionary<string, double> Source, IReadOnlyDictionary<string, double> Published, SexSet Sex)> heldOut,
        WeightSelection selection,
        double strength = 1)
    {
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")], Selection = selection };
        var plan = new SharePlan(release.Crosswalk, options);
        var rows = calibrationSeries
            .Where(kv => kv.Value > 0)
            .Select(kv => new CalibrationRow(plan.For(SocCode.Parse(kv.Key, SocVersion.Soc2010), selection), kv.Value))
            .ToArray();
        var (weights, report) = Calibrator.Calibrate(rows, plan.Targets, new CalibrationOptions { Margins = calibrationMargins, Strength = strength, RescaleMargins = true }, "jobs");
        var calibrated = weights.ToDictionary(kv => kv.Key.Source.ToString(), kv => (Set: kv.Key, Weights: kv.Value));

        var cases = new List<BacktestCase>();
        foreach (var (name, (source, published, sex)) in heldOut)
        {
            Dictionary<string, double> Translate(Func<string, (ShareSet Set, double[] Weights)> weightsOf)
            {
                var totals = new Dictionary<string, double>();
                foreach (var (code, value) in source)
                {
                    var (set, w) = weightsOf(code);
                    for (var k = 0; k < set.Targets.Length; k++)
                    {
                        var target = plan.Targets[set.Targets[k].Slot];
                        totals[target] = totals.GetValueOrDefault(target) + value * w[k];
                    }
                }
                return totals;
            }
            (ShareSet, double[]) Plain(string code, WeightSelection s)
            {
                var set = plan.For(SocCode.Parse(code, SocVersion.Soc2010), s);
                return (set, set.Targets.Select(t => t.Weight).ToArray());
            }
            var sexSpecific = selection with { Sex = sex };
            cases.Add(new BacktestCase(name, $"{selection} (uncalibrated)", DistributionComparison.Compare(Translate(c => Plain(c, selection)), published)));
            if (sexSpecific != selection)
                cases.Add(new BacktestCase(name, $"{sexSpecific} (uncalibrated)", DistributionComparison.Compare(Translate(c => Plain(c, sexSpecific)), published)));
            cases.Add(new BacktestCase(name, $"{selection} calibrated to all-persons margins", DistributionComparison.Compare(
                Translate(c => calibrated.TryGetValue(c, out var cw) ? cw : Plain(c, selection)), published)));
        }
        return (report, cases);
    }
}
