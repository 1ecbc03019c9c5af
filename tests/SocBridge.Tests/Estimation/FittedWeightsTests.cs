using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Estimation;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Estimation.Tables;

namespace SocBridge.Tests.Estimation;

[Collection(ReleaseCollection.Name)]
public class FittedWeightsTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private CalibratedFit AsheFit() =>
        new CalibratedEstimator(_release).Fit(AsheInputs.Inputs(_release, 2022, 2023, 2024), new EstimatorOptions { FillSuppressed = true });

    [Fact]
    public void A_coarser_source_is_shared_by_the_fitted_cells_of_its_unit_groups()
    {
        // 1115 (fitted on 30) goes 0.9/0.1 to 1111/1112, 1116 (fitted on 10) wholly to 1112.
        var weights = new FittedWeights("test",
            [new FitRow(R("1115"), 30, false, 5), new FitRow(R("1116"), 10, false, 15)],
            [new PairFit(R("1115"), C("1111"), 0, null, 0.5, 0.9), new PairFit(R("1115"), C("1112"), 0, null, 0.5, 0.1), new PairFit(R("1116"), C("1112"), 0, null, 1, 1)]);
        var minor = weights.Shares(R("111"), SocLevel.Unit, _release.Soc2010).ToDictionary(s => s.Target, s => s.Weight);
        Assert.Equal((30 * 0.9) / 40, minor[C("1111")], 12);
        Assert.Equal((30 * 0.1 + 10) / 40, minor[C("1112")], 12);
        var toMinor = Assert.Single(weights.Shares(R("111"), SocLevel.Minor, _release.Soc2010));
        Assert.Equal((C("111"), 1.0), (toMinor.Target, Math.Round(toMinor.Weight, 12)));

        // Fitted on zeros: the units are weighted by their dual-coded samples (5 and 15).
        var unfitted = new FittedWeights("test", [new FitRow(R("1115"), 0, false, 5), new FitRow(R("1116"), 0, false, 15)], weights.Pairs);
        Assert.Equal(5 * 0.9 / 20, unfitted.Shares(R("111"), SocLevel.Unit, _release.Soc2010).Single(s => s.Target == C("1111")).Weight, 12);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new FittedWeights("test", [], [new PairFit(R("1115"), C("1111"), 0, null, 1, 0.9)]));
        Assert.Contains("1115", e.Message);
    }

    [Fact]
    public void One_to_one_pairs_and_rows_without_values_keep_their_prior()
    {
        var fit = AsheFit();
        var estimator = new CalibratedEstimator(_release);
        var oneToOne = fit.Pairs.GroupBy(p => p.Family).Where(g => g.Count() == 1 && fit.Pairs.Count(p => p.Soc2020 == g.Single().Soc2020) == 1).Select(g => g.Single()).ToArray();
        Assert.Equal(estimator.OneToOneFamilyCount, oneToOne.Length);
        Assert.All(oneToOne, p => Assert.Equal(1.0, p.Fitted));
        var zeroRows = fit.Rows.Where(r => r.Total == 0).Select(r => r.Soc2010).ToHashSet();
        Assert.All(fit.Pairs.Where(p => zeroRows.Contains(p.Soc2010)), p => Assert.Equal(p.Prior, p.Fitted));
    }

    [Fact]
    public void Margins_of_another_survey_fall_back_to_the_prior_and_say_so()
    {
        var inputs = AsheInputs.Inputs(_release, 2022);
        inputs = inputs with { Margins = [inputs.Margins[0] with { Survey = "APS" }] };
        var fit = new CalibratedEstimator(_release).Fit(inputs, new EstimatorOptions { FillSuppressed = true });
        Assert.True(fit.UsedPrior);
        Assert.All(fit.Pairs, p => Assert.Equal(p.Prior, p.Fitted));
        Assert.Contains(fit.Notes, n => n.Contains("another survey"));
        Assert.Equal(0, fit.ReallocatedShare);
    }

    [Fact]
    public void The_folder_round_trips_and_refuses_an_edited_file_or_another_release()
    {
        using var dir = new TempDirectory();
        var fit = AsheFit();
        var series = Path.Combine(RepoPaths.Samples, "ashe_2021_soc2010.csv");
        var manifest = FittedWeightsFolder.Write(dir.Path, fit, [FitInputFile.Of("series", series)]);
        Assert.Equal(64, manifest.Inputs[0].Sha256.Length);
        Assert.Equal(3, manifest.Outputs.Count);

        var loaded = FittedWeightsFolder.Load(dir.Path, _release);
        var before = fit.Pairs.ToDictionary(p => (p.Soc2010, p.Soc2020), p => p.Fitted);
        Assert.All(loaded.Weights.Pairs, p => Assert.Equal(before[(p.Soc2010, p.Soc2020)], p.Fitted));
        Assert.Equal(fit.Converged, loaded.Manifest.Fit.Converged);
        Assert.Equal(0.95, loaded.Manifest.Parameters.Gamma);

        var weights = dir.File(FittedWeightsFolder.WeightsFile);
        File.WriteAllText(weights, File.ReadAllText(weights).Replace("9249,9267", "9249,9266"));
        var edited = Assert.Throws<InvalidDataException>(() => FittedWeightsFolder.Load(dir.Path, _release));
        Assert.Contains("weights.csv", edited.Message);
        Assert.Contains("edited or corrupted", edited.Message);

        FittedWeightsFolder.Write(dir.Path, fit with { ReleaseId = "another-release" }, []);
        var other = Assert.Throws<InvalidDataException>(() => FittedWeightsFolder.Load(dir.Path, _release));
        Assert.Contains("another-release", other.Message);
    }

    [Fact]
    public void The_apportioner_with_fitted_weights_conserves_totals_at_every_level()
    {
        var fit = AsheFit();
        var weights = fit.ToWeights();
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")], Weights = weights };
        var series = AsheInputs.Series(_release);
        var engine = new Apportioner(_release, options, ["level"]);
        var published = series.Values.Where(kv => kv.Value is not null).ToArray();
        foreach (var (code, value) in published)
            engine.AddTrusted(engine.Dimensions.TupleId([engine.Dimensions.ValueId(0, ((int)code.Level).ToString())]), code, null, [value!.Value]);
        var result = engine.Finish();
        Assert.True(result.Reconciliation.Balances);
        foreach (var level in SocLevels.All)
        {
            var input = published.Where(kv => kv.Key.Level == level).Sum(kv => kv.Value!.Value);
            var output = result.Cells.Where(c => result.TargetCodes[c.TargetSlot].Length == (int)level).Sum(c => c.Values[0]);
            Assert.Equal(input, output, 6);
        }
        // Unit groups get exactly Σ x·w* of the fitted weights.
        var units = published.Where(kv => kv.Key.Level == SocLevel.Unit).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);
        var expected = weights.Translate(units);
        var got = result.Cells.Where(c => result.TargetCodes[c.TargetSlot].Length == 4).GroupBy(c => result.TargetCodes[c.TargetSlot]).ToDictionary(g => g.Key, g => g.Sum(c => c.Values[0]));
        foreach (var (code, value) in expected) Assert.Equal(value, got[code.ToString()], 9);
        // A sex-specific selection is recorded as a fallback to the all-persons fitted weights.
        var plan = new SocBridge.Apportion.Weights.SharePlan(_release.Crosswalk, options);
        var set = plan.For(R("9249"), new WeightSelection(WeightSet.Lfs, SexSet.Women));
        Assert.True(set.IsFallback);
        Assert.Equal(fit.Pairs.Single(p => p.Soc2010 == R("9249") && p.Soc2020 == C("9267")).Fitted, set.Targets.Single(t => plan.Targets[t.Slot] == "9267").Weight, 12);
    }

    [Fact]
    public void Fitted_weights_translate_soc2010_only_and_renormalise_the_residual()
    {
        var weights = AsheFit().ToWeights();
        Assert.Throws<ArgumentException>(() => new SocBridge.Apportion.Weights.SharePlan(_release.Crosswalk,
            new ApportionOptions { From = SocVersion.Soc2020, CodeColumn = "code", Values = [ValueColumn.Count("jobs")], Weights = weights }));
        Assert.Throws<ArgumentException>(() => new SocBridge.Apportion.Weights.SharePlan(_release.Crosswalk,
            new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")], Weights = weights, Residual = ResidualPolicy.Unallocated }));
    }
}
