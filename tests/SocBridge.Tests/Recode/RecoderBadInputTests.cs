using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class RecoderBadInputTests(RecodeFixture fixture)
{
    [Theory]
    [InlineData("9999", "not a SOC2010 unit group")]
    [InlineData("35", "unit group (4 digits) is needed")]
    [InlineData("abc", "not a digit")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    [InlineData("3545/01", "extension")]
    public void Unknown_or_malformed_soc2010_codes_go_to_review_saying_why(string? code, string why)
    {
        var r = fixture.Recoder.Recode("Account manager", code);
        Assert.Equal(RecodeMethod.Invalid, r.Method);
        Assert.Null(r.Soc2020);
        Assert.True(r.NeedsReview);
        Assert.Contains(why, r.Problem);
    }

    [Fact]
    public void A_code_with_an_edition_prefix_and_spaces_is_accepted()
    {
        var r = fixture.Recoder.Recode("Account manager (sales)", " SOC2010: 3545 ");
        Assert.Equal(RecodeMethod.ExactTitle, r.Method);
    }

    [Fact]
    public void An_empty_title_in_a_split_group_is_scored_on_the_prior_alone_and_flagged()
    {
        var r = fixture.Recoder.Recode("   ", "3545");
        Assert.Contains(r.Method, new[] { RecodeMethod.Scored, RecodeMethod.Review });
        Assert.Contains("empty", r.Problem);
    }

    [Fact]
    public void An_empty_title_in_a_one_to_one_group_still_recodes()
    {
        var r = fixture.Recoder.Recode(null, "1115");
        Assert.Equal(RecodeMethod.OneToOne, r.Method);
        Assert.NotNull(r.Soc2020);
    }

    [Fact]
    public void A_very_long_title_is_recoded_without_failing()
    {
        var r = fixture.Recoder.Recode(string.Concat(Enumerable.Repeat("account manager marketing ", 2000)), "3545");
        Assert.NotEqual(RecodeMethod.Invalid, r.Method);
    }
}
