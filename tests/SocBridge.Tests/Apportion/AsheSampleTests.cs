using SocBridge.Apportion.Evaluation;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>The real ASHE 2021 SOC2010 sample, translated and held against ASHE 2022 as published on SOC2020.</summary>
[Collection(ReleaseCollection.Name)]
public sealed class AsheSampleTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private SeriesFileReport Translate(string? sexColumn, WeightSelection selection) =>
        SeriesFileRunner.Run(_release, new SeriesFileRequest(
            Path.Combine(RepoPaths.Samples, "ashe_2021_soc2010.csv"), _dir.File($"out-{sexColumn}-{selection.Set}.csv"),
            new ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = "soc2010", Selection = selection, SexColumn = sexColumn,
                Values = [ValueColumn.Count("jobs_thousands"), ValueColumn.Median("median", "jobs_thousands")],
                Dimensions = ["sex", "pay_period", "level"],
            }));

    private static IReadOnlyDictionary<string, double> UnitJobs(SeriesFileReport r, string sex) =>
        TargetTotals.Of(r.Result, new Dictionary<string, string> { ["sex"] = sex, ["pay_period"] = "annual", ["level"] = "4" });

    private static IReadOnlyDictionary<string, double> Published(string file, string codeColumn, string sex) =>
        AsheUnitJobs.Read(Path.Combine(RepoPaths.Samples, file), codeColumn)[sex];

    [Fact]
    public void Translated_2021_jobs_are_closer_to_2022_published_than_assigning_each_group_to_its_modal_target()
    {
        var run = Translate(null, WeightSelection.Default);
        Assert.True(run.Result.Reconciliation.Balances);
        var published = Published("ashe_2022_soc2020.csv", "soc2020", "all");
        var weighted = DistributionComparison.Compare(UnitJobs(run, "all"), published);

        var source = Published("ashe_2021_soc2010.csv", "soc2010", "all");
        var modal = ModalCrosswalk.Translate(_release, source, SocVersion.Soc2010, WeightSelection.Default);
        Assert.Equal(source.Values.Sum(), modal.Values.Sum(), 6);
        var baseline = DistributionComparison.Compare(modal, published);

        Assert.True(weighted.TotalVariationDistance < baseline.TotalVariationDistance,
            $"weighted TVD {weighted.TotalVariationDistance:P2} vs modal {baseline.TotalVariationDistance:P2}");
        // A year apart, with sampling error on both sides, a tenth of jobs in other groups is the order to expect.
        Assert.InRange(weighted.TotalVariationDistance, 0.0, 0.15);
    }

    [Fact]
    public void A_sex_specific_run_differs_from_the_all_persons_run_and_both_conserve_totals()
    {
        var bySex = Translate("sex", WeightSelection.Default);
        var allPersons = Translate(null, WeightSelection.Default);
        Assert.True(bySex.Result.Reconciliation.Balances);
        Assert.True(allPersons.Result.Reconciliation.Balances);
        Assert.Equal(allPersons.Result.Reconciliation.Columns[0].Out, bySex.Result.Reconciliation.Columns[0].Out, 6);

        var women = UnitJobs(bySex, "women");
        var womenWithAllWeights = UnitJobs(allPersons, "women");
        Assert.Equal(women.Values.Sum(), womenWithAllWeights.Values.Sum(), 6);
        var differing = women.Keys.Count(k => Math.Abs(women[k] - womenWithAllWeights.GetValueOrDefault(k)) > 1e-6);
        Assert.True(differing > 20, $"only {differing} SOC2020 groups differ");
        // Where men's and women's weights are identical (one-to-one groups) the runs agree.
        var code = SocCode.Parse("1115", SocVersion.Soc2010);
        Assert.Equal(_release.Crosswalk.Map(code, new WeightSelection(WeightSet.Lfs, SexSet.Women)).Targets.Select(t => t.Weight),
                     _release.Crosswalk.Map(code, WeightSelection.Default).Targets.Select(t => t.Weight));
        Assert.Equal(women["1111"], womenWithAllWeights["1111"], 9);
        Assert.Contains(bySex.Result.ShareSets, s => s.IsFallback);
    }

    public void Dispose() => _dir.Dispose();
}
