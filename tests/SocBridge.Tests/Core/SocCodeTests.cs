using SocBridge.Core.Classification;

namespace SocBridge.Tests.Core;

public class SocCodeTests
{
    [Theory]
    [InlineData("2136", 2136, SocLevel.Unit)]
    [InlineData(" 213 ", 213, SocLevel.Minor)]
    [InlineData("21", 21, SocLevel.SubMajor)]
    [InlineData("2", 2, SocLevel.Major)]
    [InlineData("SOC2010 2136", 2136, SocLevel.Unit)]
    [InlineData("soc2010:2136", 2136, SocLevel.Unit)]
    public void Parses_valid_codes_and_takes_the_level_from_the_digit_count(string text, int value, SocLevel level)
    {
        var code = SocCode.Parse(text, SocVersion.Soc2010);
        Assert.Equal(value, code.Value);
        Assert.Equal(level, code.Level);
        Assert.Equal(SocVersion.Soc2010, code.Version);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("21365", "5 characters")]
    [InlineData("21a6", "'a' is not a digit")]
    [InlineData("0110", "never start with 0")]
    [InlineData("2134/01", "sub-unit (extension) code; use its unit group 2134")]
    [InlineData("SOC2020 2134", "'SOC2020 2134' has 12 characters")]
    public void Rejects_malformed_codes_saying_why(string text, string reason)
    {
        Assert.False(SocCode.TryParse(text, SocVersion.Soc2010, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Parent_and_ancestors_drop_trailing_digits()
    {
        var code = SocCode.Parse("2136", SocVersion.Soc2010);
        Assert.Equal(SocCode.Parse("213", SocVersion.Soc2010), code.Parent);
        Assert.Equal(SocCode.Parse("2", SocVersion.Soc2010), code.AtLevel(SocLevel.Major));
        Assert.True(code.IsWithin(SocCode.Parse("21", SocVersion.Soc2010)));
        Assert.False(code.IsWithin(SocCode.Parse("21", SocVersion.Soc2020)));
        Assert.Null(SocCode.Parse("2", SocVersion.Soc2010).Parent);
        Assert.Throws<ArgumentOutOfRangeException>(() => SocCode.Parse("21", SocVersion.Soc2010).AtLevel(SocLevel.Unit));
    }

    [Fact]
    public void Codes_of_different_editions_are_different_values()
    {
        Assert.NotEqual(SocCode.Parse("2134", SocVersion.Soc2010), SocCode.Parse("2134", SocVersion.Soc2020));
    }
}
