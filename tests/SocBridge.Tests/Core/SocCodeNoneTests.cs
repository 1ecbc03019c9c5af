using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

[Collection(ReleaseCollection.Name)]
public class SocCodeNoneTests(ReleaseFixture fixture)
{
    private static readonly SocCode Code2136 = SocCode.Parse("2136", SocVersion.Soc2010);
    private readonly SocRelease _release = fixture.Release;

    [Fact]
    public void Default_is_None_and_says_it_is_no_code()
    {
        var none = default(SocCode);
        Assert.Equal(SocCode.None, none);
        Assert.True(none.IsNone);
        Assert.False(Code2136.IsNone);
        Assert.Equal("", none.ToString());
        Assert.Equal("no SOC code", none.ToQualifiedString());
        Assert.Null(none.Parent);
        Assert.Equal(0, none.Digits);
        Assert.Equal(default, none.Level);
        Assert.False(none.Version.IsDefined());
    }

    [Fact]
    public void None_sorts_first_and_lies_within_nothing()
    {
        Assert.True(SocCode.None.CompareTo(Code2136) < 0);
        Assert.True(Code2136.CompareTo(SocCode.None) > 0);
        Assert.Equal(0, SocCode.None.CompareTo(default));
        Assert.False(SocCode.None.IsWithin(SocCode.None));
        Assert.False(SocCode.None.IsWithin(Code2136));
        Assert.False(Code2136.IsWithin(SocCode.None));
    }

    [Fact]
    public void None_has_no_ancestors()
    {
        Assert.Throws<InvalidOperationException>(() => SocCode.None.AtLevel(SocLevel.Major));
    }

    [Fact]
    public void Parsing_never_gives_None()
    {
        Assert.False(SocCode.TryParse("", SocVersion.Soc2010, out var code, out _));
        Assert.True(code.IsNone);
        Assert.True(SocCode.TryParse("2", SocVersion.Soc2020, out code, out _));
        Assert.False(code.IsNone);
    }

    [Fact]
    public void The_library_refuses_None_where_it_needs_a_code()
    {
        Assert.False(_release.Soc2010.Contains(SocCode.None));
        Assert.False(_release.Soc2020.TryGet(SocCode.None, out _));
        Assert.Throws<ArgumentException>(() => _release.Soc2010.Get(SocCode.None));
        Assert.Throws<ArgumentException>(() => _release.Soc2010.UnitGroupsWithin(SocCode.None));
        Assert.Throws<ArgumentException>(() => _release.Crosswalk.Map(SocCode.None, WeightSelection.Default));
        Assert.Throws<ArgumentException>(() => _release.Crosswalk.RelationshipOf(SocCode.None, SocLevel.Unit));
        Assert.Throws<ArgumentException>(() => _release.Crosswalk.LinksWithin(SocCode.None));
        Assert.Throws<ArgumentException>(() => new CodeLookup(_release).Details(SocCode.None, WeightSelection.Default));
        Assert.Throws<ArgumentException>(() => new OccupationTextBuilder(_release).For(SocCode.None));
    }

    [Fact]
    public void An_edition_that_is_not_one_is_never_read_as_SOC2020()
    {
        var zero = default(SocVersion);
        Assert.False(zero.IsDefined());
        Assert.Throws<ArgumentOutOfRangeException>(() => zero.Other());
        Assert.Throws<ArgumentOutOfRangeException>(() => zero.Year());
        Assert.Throws<ArgumentOutOfRangeException>(() => zero.ColumnName());
        Assert.Throws<ArgumentOutOfRangeException>(() => _release.Hierarchy(zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => _release.Crosswalk.Hierarchy(zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => _release.Crosswalk.MapAll(zero, SocLevel.Unit, WeightSelection.Default).ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => _release.Index.Entries[0].Code(zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocCode.TryParse("2136", zero, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocCode.Create(zero, 2136));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeLookup(_release).Resolve("2136", zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeLookup(_release).Map("2136", zero, WeightSelection.Default));
    }
}
