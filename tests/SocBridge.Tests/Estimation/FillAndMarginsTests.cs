using SocBridge.Apportion.Estimation;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Estimation.Tables;

namespace SocBridge.Tests.Estimation;

[Collection(ReleaseCollection.Name)]
public class FillAndMarginsTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private static LeveledCounts Counts(SocVersion version, params (string Code, double? Value)[] values) =>
        new(version, values.ToDictionary(v => SocCode.Parse(v.Code, version), v => v.Value), "test");

    [Fact]
    public void Suppressed_units_share_what_the_parent_leaves_after_its_published_children()
    {
        // SOC2010 111 = 1115 + 1116; 112 = 1121 + 1122 + 1123; 113 = 1131..1136 (children listed or not, all open).
        var counts = Counts(SocVersion.Soc2010,
            ("111", 100), ("1115", 60), ("1116", null),
            ("112", 50), ("1121", 30), ("1122", null), ("1123", null),
            ("113", 10), ("1131", 20), ("1132", null));
        var filled = TopDownFill.Fill(counts, _release.Soc2010, fromTotals: true);
        Assert.Equal(40, filled.Values[R("1116")]);
        Assert.Equal(10, filled.Values[R("1122")]);
        Assert.Equal(10, filled.Values[R("1123")]);
        // Published children above the parent: the rest is floored at 0.
        Assert.Equal(0, filled.Values[R("1132")]);
        Assert.Equal(60, filled.Values[R("1115")]);
        Assert.DoesNotContain(R("1116"), filled.Published);
        Assert.Contains(R("1115"), filled.Published);

        var plain = TopDownFill.Fill(counts, _release.Soc2010, fromTotals: false);
        Assert.False(plain.Values.ContainsKey(R("1116")));
    }

    [Fact]
    public void Filling_goes_down_level_by_level_and_stops_under_an_unknown_group()
    {
        // 11 = 1000 with 111 = 300: its other minor groups share 700; 112's units then share what 1121 leaves.
        var counts = Counts(SocVersion.Soc2010, ("11", 1000), ("111", 300), ("112", null), ("113", null), ("1121", 50), ("1122", null), ("1123", null),
            ("12", null), ("1211", null));
        var filled = TopDownFill.Fill(counts, _release.Soc2010, fromTotals: true);
        var minor = 700.0 / (_release.Soc2010.Get(R("11")).Children.Count - 1);
        Assert.Equal((minor - 50) / 2, filled.Values[R("1122")], 12);
        Assert.Equal(3, _release.Soc2010.Get(R("112")).Children.Count);
        Assert.False(filled.Values.ContainsKey(R("1211")));
    }

    [Fact]
    public void Margin_years_are_weighted_by_decay_to_the_power_of_their_rank_and_scaled_to_the_series()
    {
        var support = Table(("1111", "1111", 0.5), ("1111", "1112", 0.5));
        MarginYear Year(int y, double a, double b) => new(y, Counts(SocVersion.Soc2020, ("1111", a), ("1112", b)));
        // Shares: 2022 (rank 0) 0.8/0.2, 2024 (rank 1) 0.4/0.6, 2020 (rank 1, as far as 2024) 0.6/0.4.
        var blended = MarginBlend.Blend(support, _release.Soc2020, [Year(2022, 80, 20), Year(2024, 4, 6), Year(2020, 30, 20)], 2022, 0.5, false, 200);
        Assert.Equal([0, 1, 1], blended.Years.Select(y => y.Rank));
        Assert.Equal([1, 0.5, 0.5], blended.Years.Select(y => y.Weight));
        var share = (1 * 0.8 + 0.5 * 0.4 + 0.5 * 0.6) / 2;
        Assert.Equal(200 * share, blended.Values[0], 12);
        Assert.Equal(200 * (1 - share), blended.Values[1], 12);
    }

    [Fact]
    public void Each_published_unit_is_its_own_set_and_unpublished_units_of_a_minor_group_form_one_block()
    {
        var support = Table(("1111", "1111", 0.5), ("1111", "1112", 0.5), ("1121", "1121", 0.4), ("1121", "1122", 0.3), ("1121", "1123", 0.3));
        double[] margins = [5, 3, 4, 2, 1];
        bool[] published = [true, false, true, false, false];
        var sets = ConstraintSets.Build(support, margins, published, new bool[5]);
        Assert.Equal(["1111", "1121", "111:1112", "112:1122+1123"], sets.Labels);
        Assert.Equal([5, 4, 3, 3], sets.Targets);
        Assert.Equal([false, false, true, true], sets.IsBlock);
        Assert.Equal(sets.OfColumn[3], sets.OfColumn[4]);

        // A free column (its family keeps the prior) and a block without values are in no set.
        var loose = ConstraintSets.Build(support, [5, double.NaN, 4, 2, 1], published, [false, false, true, false, false]);
        Assert.Equal(["1111", "112:1122+1123"], loose.Labels);
        Assert.Equal(-1, loose.OfColumn[1]);
        Assert.Equal(-1, loose.OfColumn[2]);
    }

    [Fact]
    public void Anchoring_scales_each_family_to_the_series_own_family_total()
    {
        // Families: {1111,1112 → 1111,1112}, {1113 → 2111}, {1114 → 3111}, {1115 → 4111, 4112}.
        var support = Table(("1111", "1111", 0.6), ("1111", "1112", 0.4), ("1112", "1112", 1), ("1113", "2111", 1), ("1114", "3111", 1),
            ("1115", "4111", 0.5), ("1115", "4112", 0.5));
        var families = Families.Find(support);
        double[] rows = [10, 5, 7, 3, 8];
        double[] margins = [3, 9, 14, 0, double.NaN, 2];
        var (anchored, free) = FamilyAnchoring.Anchor(support, families, rows, margins);
        // 15 in the first family against margins of 12: ×1.25.
        Assert.Equal(3.75, anchored[0], 12);
        Assert.Equal(11.25, anchored[1], 12);
        Assert.Equal(7, anchored[2], 12);
        // A family whose margins total 0 keeps its prior.
        Assert.True(free[3]);
        // 4111 has no margin: the prior sends it 8 × 0.5 = 4, so 4112 is anchored to the other 4.
        Assert.Equal(4, anchored[5], 12);
        Assert.True(double.IsNaN(anchored[4]));
        Assert.False(free[5]);
    }
}
