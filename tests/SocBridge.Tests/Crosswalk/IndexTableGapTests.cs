using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Crosswalk;

[Collection(ReleaseCollection.Name)]
public class IndexTableGapTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    [Fact]
    public void Index_pairs_without_weight_are_exactly_those_with_zero_pooled_joint_count()
    {
        var pooled = new WeightSelection(WeightSet.Pooled, SexSet.All);
        var gaps = _release.IndexPairsWithoutWeight();
        Assert.NotEmpty(gaps);
        var expected = _release.Index.Entries
            .Where(e => e.Soc2010 is not null && e.Soc2020 is not null)
            .Select(e => (e.Soc2010!.Value, e.Soc2020!.Value))
            .Distinct()
            .Where(p => !_release.Crosswalk.Table.Links.Any(l => l.Soc2010 == p.Item1 && l.Soc2020 == p.Item2 && l.JointCounts.Sum(pooled) > 0))
            .ToHashSet();
        Assert.Equal(expected, gaps.Select(g => (g.Soc2010, g.Soc2020)).ToHashSet());
        Assert.All(gaps, g => Assert.Equal(g.IndexEntries, g.EntryIds.Count));
    }
}
