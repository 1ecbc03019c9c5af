using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Calibration;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

[Collection(ReleaseCollection.Name)]
public class CalibrationTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;
    private static readonly WeightSelection Pooled = new(WeightSet.Pooled, SexSet.All);

    private static ApportionOptions Options() => new()
    {
        From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")], Selection = Pooled,
    };

    private ApportionResult Run(IEnumerable<(string Code, double Jobs)> series, CalibrationOptions? calibration, ApportionOptions? options = null)
    {
        var engine = new Apportioner(_release, options ?? Options(), ["year"]);
        var tuple = engine.Dimensions.TupleId([engine.Dimensions.ValueId(0, "2021")]);
        foreach (var (code, jobs) in series) engine.AddTrusted(tuple, SocCode.Parse(code, SocVersion.Soc2010), null, [jobs]);
        return engine.Finish(calibration);
    }

    private static Dictionary<string, double> Totals(ApportionResult r) =>
        r.Cells.GroupBy(c => r.TargetCodes[c.TargetSlot]).ToDictionary(g => g.Key, g => g.Sum(c => c.Values[0]));

    // 3545 and 3546 both feed 3556 and 2432 (a complex knot), with split and one-to-one groups around it.
    private static readonly (string, double)[] Series = [("3545", 10_000), ("3546", 4_000), ("2136", 20_000), ("1115", 5_000), ("3534", 7_000)];

    [Fact]
    public void Margins_made_from_other_valid_weights_are_met_and_source_totals_stay_exact()
    {
        // Other weights with the same links: each pooled weight scaled by a random factor, then renormalised.
        var random = new Random(7);
        var margins = new Dictionary<string, double>();
        foreach (var (code, jobs) in Series)
        {
            var targets = _release.Crosswalk.Map(SocCode.Parse(code, SocVersion.Soc2010), Pooled).Targets;
            var scaled = targets.Select(t => t.Weight * (0.5 + random.NextDouble())).ToArray();
            for (var k = 0; k < targets.Count; k++)
                margins[targets[k].Code.ToString()] = margins.GetValueOrDefault(targets[k].Code.ToString()) + jobs * scaled[k] / scaled.Sum();
        }
        var r = Run(Series, new CalibrationOptions { Margins = margins });
        var report = r.Calibration!;
        Assert.True(report.Converged, report.StopReason + " after " + report.Iterations + ": " + string.Join("; ", report.Targets.Where(t => Math.Abs(t.RelativeMisfit ?? 0) > 1e-7).Select(t => $"{t.Code} m={t.Margin} got={t.Calibrated}")));
        foreach (var (code, m) in margins) Assert.InRange(Math.Abs(Totals(r)[code] - m) / m, 0, 1e-6);
        Assert.Equal(Series.Sum(s => s.Item2), r.Cells.Sum(c => c.Values[0]), 6);
        Assert.True(r.Reconciliation.Balances);
        // Every source keeps its total: the calibrated weights of each source still sum to one.
        foreach (var g in report.Moves.GroupBy(m => m.Source)) Assert.Equal(1.0, g.Sum(m => m.After), 9);
    }

    [Fact]
    public void A_target_without_a_margin_stays_free_and_is_not_forced_to_zero()
    {
        var seed = Totals(Run(Series, null));
        var margins = seed.Where(kv => kv.Key != "2432").ToDictionary(kv => kv.Key, kv => kv.Value * (kv.Key == "3556" ? 1.05 : 1.0));
        var r = Run(Series, new CalibrationOptions { Margins = margins });
        var fit = r.Calibration!.Targets.Single(t => t.Code == "2432");
        Assert.Null(fit.Margin);
        Assert.True(fit.Calibrated > 0);
    }

    [Fact]
    public void Grand_totals_that_differ_fail_unless_rescaling_is_asked_for()
    {
        var margins = Totals(Run(Series, null)).ToDictionary(kv => kv.Key, kv => kv.Value * 1.2);
        var e = Assert.Throws<InvalidDataException>(() => Run(Series, new CalibrationOptions { Margins = margins }));
        Assert.Contains("margins must be totals of the same population", e.Message);

        var r = Run(Series, new CalibrationOptions { Margins = margins, RescaleMargins = true });
        Assert.Equal(1 / 1.2, r.Calibration!.MarginScale, 9);
        Assert.Equal(Series.Sum(s => s.Item2), r.Cells.Sum(c => c.Values[0]), 6);
    }

    [Fact]
    public void A_one_to_one_pair_cannot_meet_a_different_margin_and_the_misfit_is_reported()
    {
        // A one-to-one SOC2010 group goes wholly to one SOC2020 group that nothing else feeds.
        var oneToOne = _release.Soc2010.UnitGroups.Select(g => g.Code)
            .First(c => c.ToString() != "2136" && _release.Crosswalk.RelationshipOf(c, SocLevel.Unit) == RelationshipType.OneToOne);
        (string, double)[] series = [.. Series, (oneToOne.ToString(), 7_000)];
        var seed = Totals(Run(series, null));
        var target = Assert.Single(_release.Crosswalk.Map(oneToOne, Pooled).Targets).Code.ToString();
        var margins = new Dictionary<string, double>(seed) { [target] = seed[target] + 500, ["2134"] = seed["2134"] - 500 };
        var r = Run(series, new CalibrationOptions { Margins = margins });
        Assert.False(r.Calibration!.Converged);
        var fit = r.Calibration.Targets.Single(t => t.Code == target);
        Assert.Equal(7_000, fit.Calibrated, 6);
        Assert.Equal(-500, fit.Misfit!.Value, 6);
        Assert.Equal(series.Sum(s => s.Item2), r.Cells.Sum(c => c.Values[0]), 6);
    }

    [Fact]
    public void Strength_shrinks_the_calibrated_weights_toward_the_uncalibrated_ones()
    {
        var census = Totals(Run(Series, null, Options() with { Selection = new WeightSelection(WeightSet.Census, SexSet.All) }));
        var seed = Totals(Run(Series, null));
        var none = Totals(Run(Series, new CalibrationOptions { Margins = census, Strength = 0 }));
        var half = Run(Series, new CalibrationOptions { Margins = census, Strength = 0.5 });
        var full = Totals(Run(Series, new CalibrationOptions { Margins = census, Strength = 1 }));
        foreach (var code in seed.Keys)
        {
            Assert.Equal(seed[code], none[code], 6);
            Assert.Equal((seed[code] + full[code]) / 2, Totals(half)[code], 6);
        }
        Assert.All(half.Calibration!.Moves, m => Assert.InRange(m.After, 0, 1));
    }

    [Fact]
    public void Calibration_keeps_every_source_total_for_random_margins()
    {
        var gen = from factors in Gen.Choose(50, 150).Select(i => i / 100.0).ArrayOf(16)
                  select factors;
        Prop.ForAll(gen.ToArbitrary(), factors =>
        {
            var seed = Totals(Run(Series, null));
            var codes = seed.Keys.Order(StringComparer.Ordinal).ToArray();
            var margins = codes.Select((c, i) => (c, v: seed[c] * factors[i % factors.Length])).Where((_, i) => i % 3 != 0).ToDictionary(x => x.c, x => x.v);
            var r = Run(Series, new CalibrationOptions { Margins = margins, MaxIterations = 200 });
            var bySource = r.Calibration!.Moves.GroupBy(m => m.Source).All(g => Math.Abs(g.Sum(m => m.After) - 1) < 1e-9);
            return (bySource && Math.Abs(r.Cells.Sum(c => c.Values[0]) - Series.Sum(s => s.Item2)) < 1e-6).Label(string.Join(",", factors));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }
}
