using SocBridge.Apportion.Estimation;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Estimation.Tables;

namespace SocBridge.Tests.Estimation;

[Collection(ReleaseCollection.Name)]
public class PriorAndFamiliesTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private double Prior(string soc2010, string soc2020) =>
        new CalibratedEstimator(_release).Prior().Single(p => p.Soc2010 == R(soc2010) && p.Soc2020 == C(soc2020)).Weight;

    [Fact]
    public void The_prior_averages_the_lfs_and_census_conditionals()
    {
        // Joint counts read from crosswalks/relationship_links.csv (men and women added):
        // 3545 LFS: 1150 0, 2432 514, 2440 46, 3556 1690; Census: 1150 197, 2432 969, 2440 127, 3556 4980.
        Assert.Equal(0.5 * 1690 / 2250 + 0.5 * 4980 / 6273, Prior("3545", "3556"), 12);
        Assert.Equal(0.5 * 0 / 2250 + 0.5 * 197 / 6273, Prior("3545", "1150"), 12);
        // 2136 LFS: 2134 1370, 2141 0, 3543 2; Census: 2134 2564, 2141 16, 3543 7.
        Assert.Equal(0.5 * 16 / 2587, Prior("2136", "2141"), 12);
    }

    [Fact]
    public void Families_are_the_connected_components_of_the_support()
    {
        // A and B share Y; C and Z stand alone; D splits to two columns nobody else feeds.
        var support = Table(("1111", "1111", 0.6), ("1111", "1112", 0.4), ("1112", "1112", 1), ("1113", "2111", 1), ("1114", "3111", 0.5), ("1114", "3112", 0.5));
        var families = Families.Find(support);
        Assert.Equal(3, families.Count);
        Assert.Equal(families.OfRow[support.RowIndex[R("1111")]], families.OfRow[support.RowIndex[R("1112")]]);
        Assert.Equal(families.OfRow[support.RowIndex[R("1111")]], families.OfColumn[support.ColumnIndex[C("1112")]]);
        Assert.NotEqual(families.OfRow[support.RowIndex[R("1113")]], families.OfRow[support.RowIndex[R("1114")]]);
        Assert.Equal(1, families.OneToOneCount());
        Assert.Equal((2, 2), families.Size(families.OfRow[support.RowIndex[R("1111")]]));
    }

    [Fact]
    public void Prior_weights_are_renormalised_per_row_and_must_be_positive()
    {
        var support = Table(("1111", "1111", 3), ("1111", "1112", 1));
        Assert.Equal([0.75, 0.25], support.Prior);
        Assert.Throws<ArgumentException>(() => Table(("1111", "1111", 0)));
    }
}
