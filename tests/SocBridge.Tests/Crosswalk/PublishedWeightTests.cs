using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Crosswalk;

[Collection(ReleaseCollection.Name)]
public class PublishedWeightTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;
    private static readonly WeightSelection Pooled = new(WeightSet.Pooled, SexSet.All);

    private IReadOnlyDictionary<string, double> Weights(string code, SocVersion from, WeightSelection selection) =>
        _release.Crosswalk.Map(SocCode.Parse(code, from), selection).Targets.ToDictionary(t => t.Code.ToString(), t => t.Weight);

    [Fact]
    public void Programmers_2136_go_almost_wholly_to_2134_with_pooled_weights()
    {
        var w = Weights("2136", SocVersion.Soc2010, Pooled);
        Assert.Equal(0.9937, w["2134"], 4);
        Assert.Equal(0.0040, w["2141"], 4);
        Assert.Equal(0.0023, w["3543"], 4);
    }

    [Fact]
    public void Business_sales_executives_3545_split_four_ways_with_pooled_weights()
    {
        var w = Weights("3545", SocVersion.Soc2010, Pooled);
        Assert.Equal(0.783, w["3556"], 3);
        Assert.Equal(0.174, w["2432"], 3);
        Assert.Equal(0.023, w["1150"], 3);
        Assert.Equal(0.020, w["2440"], 3);
        Assert.Equal(RelationshipType.Complex, _release.Crosswalk.RelationshipOf(SocCode.Parse("3545", SocVersion.Soc2010), SocLevel.Unit));
    }

    [Fact]
    public void SOC2020_2134_draws_mostly_on_2136_and_2137_going_back()
    {
        var w = Weights("2134", SocVersion.Soc2020, Pooled);
        Assert.Equal(0.880, w["2136"], 3);
        Assert.Equal(0.107, w["2137"], 3);
        Assert.True(w.Count > 2);
        Assert.All(w.Where(kv => kv.Key is not ("2136" or "2137")), kv => Assert.True(kv.Value < 0.107));
    }

    [Fact]
    public void Default_LFS_weights_differ_from_pooled_ones()
    {
        Assert.Equal(0.999, Weights("2136", SocVersion.Soc2010, WeightSelection.Default)["2134"], 3);
        Assert.Equal(0.912, Weights("2134", SocVersion.Soc2020, WeightSelection.Default)["2136"], 3);
    }

    [Fact]
    public void Joint_counts_are_bases_times_proportions()
    {
        var g = _release.Crosswalk.Table.BySoc2010[SocCode.Parse("2136", SocVersion.Soc2010)];
        foreach (var link in g.Links)
            foreach (var cell in Enum.GetValues<SampleCell>())
                Assert.Equal(g.Bases[cell] * link.Proportions[cell], link.JointCounts[cell], 6);
    }

    [Fact]
    public void A_sex_specific_set_without_sample_falls_back_and_says_so()
    {
        var code = SocCode.Parse("5225", SocVersion.Soc2010);
        var womenLfs = new WeightSelection(WeightSet.Lfs, SexSet.Women);
        Assert.Equal(0, _release.Crosswalk.Table.BySoc2010[code].Bases[SampleCell.LfsWomen]);
        var r = _release.Crosswalk.Map(code, womenLfs);
        Assert.True(r.IsFallback);
        Assert.Equal(new WeightSelection(WeightSet.Lfs, SexSet.All), r.Used);
        Assert.Contains("lfs/women", r.FallbackReason);
        Assert.Equal(1.0, r.Targets.Sum(t => t.Weight), 12);

        var direct = _release.Crosswalk.Map(code, new WeightSelection(WeightSet.Lfs, SexSet.All));
        Assert.False(direct.IsFallback);
        Assert.Null(direct.FallbackReason);
        Assert.Equal(direct.Targets, r.Targets);
    }

    [Fact]
    public void The_residual_ONS_left_unallocated_is_reported_not_hidden()
    {
        var code = SocCode.Parse("3119", SocVersion.Soc2010);
        var group = _release.Crosswalk.Table.BySoc2010[code];
        Assert.Equal(1 - 0.948, group.Residuals[SampleCell.CensusMen], 3);
        var r = _release.Crosswalk.Map(code, new WeightSelection(WeightSet.Census, SexSet.Men));
        Assert.Equal(group.Residuals[SampleCell.CensusMen], r.ResidualShare!.Value, 9);
        Assert.Equal(1.0, r.Targets.Sum(t => t.Weight), 12);
    }

    [Fact]
    public void Reverse_mappings_report_no_residual_and_no_source_base()
    {
        var r = _release.Crosswalk.Map(SocCode.Parse("2134", SocVersion.Soc2020), Pooled);
        Assert.Null(r.ResidualShare);
        Assert.Null(r.SourceBase);
    }
}
