using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

[Collection(ReleaseCollection.Name)]
public class OccupationTextTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    [Fact]
    public void Every_soc2010_group_of_every_level_gets_a_description_and_names_where_it_comes_from()
    {
        var texts = new OccupationTextBuilder(_release);

        foreach (var level in Enum.GetValues<SocLevel>())
            foreach (var group in _release.Soc2010.AtLevel(level))
            {
                var text = texts.For(group.Code);
                Assert.False(string.IsNullOrWhiteSpace(text.Description), $"{group.Code} has a description");
                Assert.NotNull(text.Tasks);
                Assert.NotNull(text.Qualifications);
                Assert.NotEmpty(text.Sources);
                Assert.All(text.Sources, s => Assert.Equal(SocVersion.Soc2020, s.Code.Version));
                Assert.All(text.Sources, s => Assert.Equal(level, s.Code.Level));
                Assert.Equal(1.0, text.Sources.Sum(s => s.Weight), 9);
                Assert.Equal(text.Sources.OrderByDescending(s => s.Weight).Select(s => s.Code), text.Sources.Select(s => s.Code));
            }
    }

    [Fact]
    public void A_group_whose_records_go_mostly_to_one_soc2020_group_takes_its_text_unlabelled()
    {
        var text = new OccupationTextBuilder(_release).For(SocCode.Parse("2136", SocVersion.Soc2010));
        var source = _release.Descriptions[SocCode.Parse("2134", SocVersion.Soc2020)];

        Assert.Equal(TextOrigin.Dominant, text.Origin);
        Assert.Equal(source.Description, text.Description);
        Assert.Equal(string.Join("; ", source.Tasks), text.Tasks);
        Assert.Equal(source.EntryRoutes, text.Qualifications);
        Assert.True(text.Sources[0].Weight >= OccupationTextBuilder.DominantShare);
    }

    [Fact]
    public void The_dominant_share_is_judged_on_the_pooled_weights_and_a_split_group_labels_each_counterpart()
    {
        var texts = new OccupationTextBuilder(_release);
        foreach (var group in _release.Soc2010.UnitGroups)
        {
            var text = texts.For(group.Code);
            var top = _release.Crosswalk.Map(group.Code, new WeightSelection(WeightSet.Pooled, SexSet.All)).Targets.Max(t => t.Weight);
            Assert.Equal(top >= 0.8 ? TextOrigin.Dominant : TextOrigin.Counterparts, text.Origin);
            if (text.Origin != TextOrigin.Counterparts) continue;
            foreach (var source in text.Sources)
                Assert.Contains($"SOC2020 {source.Code} {source.Title} (weight {source.Weight.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}): ", text.Description);
        }
    }

    [Fact]
    public void A_soc2020_group_has_its_own_text()
    {
        var code = SocCode.Parse("2134", SocVersion.Soc2020);
        var text = new OccupationTextBuilder(_release).For(code);

        Assert.Equal(TextOrigin.Own, text.Origin);
        Assert.Equal(_release.Descriptions[code].Description, text.Description);
        Assert.Equal(code, Assert.Single(text.Sources).Code);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void The_dominant_share_must_be_a_share(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OccupationTextBuilder(_release, share));
    }
}
