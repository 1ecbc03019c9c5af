using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

[Collection(ReleaseCollection.Name)]
public class HierarchyTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    [Theory]
    [InlineData(SocVersion.Soc2010, 9, 25, 90, 369)]
    [InlineData(SocVersion.Soc2020, 9, 26, 104, 412)]
    public void Each_edition_has_the_ONS_number_of_groups_per_level(SocVersion version, int major, int subMajor, int minor, int unit)
    {
        var h = _release.Hierarchy(version);
        Assert.Equal(major, h.AtLevel(SocLevel.Major).Count);
        Assert.Equal(subMajor, h.AtLevel(SocLevel.SubMajor).Count);
        Assert.Equal(minor, h.AtLevel(SocLevel.Minor).Count);
        Assert.Equal(unit, h.AtLevel(SocLevel.Unit).Count);
    }

    [Theory]
    [InlineData(SocVersion.Soc2010)]
    [InlineData(SocVersion.Soc2020)]
    public void Every_group_below_major_has_an_existing_parent_that_lists_it_as_a_child(SocVersion version)
    {
        var h = _release.Hierarchy(version);
        foreach (var level in new[] { SocLevel.SubMajor, SocLevel.Minor, SocLevel.Unit })
            foreach (var g in h.AtLevel(level))
            {
                Assert.NotNull(g.Parent);
                Assert.Contains(g.Code, h.Get(g.Parent!.Value).Children);
            }
    }

    [Fact]
    public void Titles_are_ONS_titles_with_a_normal_case_display_title()
    {
        var major = _release.Soc2010.Get(SocCode.Parse("2", SocVersion.Soc2010));
        Assert.Equal("PROFESSIONAL OCCUPATIONS", major.Title);
        Assert.Equal("Professional occupations", major.DisplayTitle);
        var unit = _release.Soc2020.Get(SocCode.Parse("2134", SocVersion.Soc2020));
        Assert.Equal("Programmers and software development professionals", unit.DisplayTitle);
    }

    [Fact]
    public void No_title_is_empty_or_a_placeholder()
    {
        foreach (var h in new[] { _release.Soc2010, _release.Soc2020 })
            foreach (var level in SocLevels.All)
                foreach (var g in h.AtLevel(level))
                {
                    Assert.False(string.IsNullOrWhiteSpace(g.DisplayTitle), g.Code.ToQualifiedString());
                    Assert.DoesNotContain("missing", g.DisplayTitle, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("<blank>", g.DisplayTitle, StringComparison.Ordinal);
                }
    }

    [Fact]
    public void Unknown_codes_come_with_the_nearest_valid_codes()
    {
        var e = Assert.Throws<UnknownSocCodeException>(() => _release.Soc2010.Get(SocCode.Parse("2130", SocVersion.Soc2010)));
        Assert.Contains(e.Suggestions, s => s.Code.ToString().StartsWith("213", StringComparison.Ordinal));
        Assert.Contains("2130", e.Message);
    }

    [Fact]
    public void SOC2020_unit_groups_have_Volume_1_descriptions_with_tasks_as_a_list()
    {
        var d = _release.Descriptions[SocCode.Parse("1112", SocVersion.Soc2020)];
        Assert.Equal("Entry is by election.", d.EntryRoutes);
        Assert.Contains("acts as a Party representative within the constituency", d.Tasks);
        Assert.Equal(["Councillor (local government)", "Member of Parliament"], d.RelatedJobTitles);
        Assert.All(_release.Descriptions.Values, x => Assert.DoesNotContain("<blank>", x.Description + x.EntryRoutes + x.GroupsWithin));
        Assert.Equal(412, _release.Descriptions.Keys.Count(c => c.Level == SocLevel.Unit));
    }
}
