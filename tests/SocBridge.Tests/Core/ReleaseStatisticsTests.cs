using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

[Collection(ReleaseCollection.Name)]
public sealed class ReleaseStatisticsTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    [Fact]
    public void Group_counts_come_first_and_match_the_hierarchies()
    {
        var stats = ReleaseStatistics.Of(_release);
        var keys = SocVersions.All.SelectMany(v => SocLevels.All.Select(l => ReleaseStatistics.GroupsKey(v, l))).ToList();
        Assert.Equal(keys, stats.Counts.Keys.Take(keys.Count));
        foreach (var v in SocVersions.All)
            foreach (var l in SocLevels.All)
                Assert.Equal(_release.Hierarchy(v).AtLevel(l).Count, stats.Counts[ReleaseStatistics.GroupsKey(v, l)]);
        Assert.Equal(412, stats.Counts["soc2020_unit_groups"]);
        Assert.Equal(369, stats.Counts["soc2010_unit_groups"]);
    }

    [Fact]
    public void The_other_counts_agree_with_the_release()
    {
        var stats = ReleaseStatistics.Of(_release);
        Assert.Equal(_release.Extensions.Count, stats.ExtensionCodes);
        Assert.Equal(_release.Index.Count, stats.IndexEntries);
        Assert.Equal(_release.Index.Entries.Count(e => e.IsSeeReference), stats.IndexSeeReferences);
        Assert.Equal(_release.Crosswalk.Table.Groups.Count, stats.RelationshipSoc2010Groups);
        Assert.Equal(_release.Crosswalk.Table.Links.Count, stats.RelationshipChildRows);
        Assert.InRange(stats.RelationshipSoc2020Groups, 1, stats.Counts["soc2020_unit_groups"]);
        var gaps = _release.IndexPairsWithoutWeight();
        Assert.Equal(gaps.Count, stats.IndexPairsWithoutWeight);
        Assert.Equal(gaps.Sum(g => g.IndexEntries), stats.IndexEntriesOnPairsWithoutWeight);
        Assert.Equal(SocVersions.All.Count() * SocLevels.All.Count() + 8, stats.Counts.Count);
    }
}
