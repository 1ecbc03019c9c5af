using SocBridge.Core.Classification;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class FreeTextCoderTests(RecodeFixture fixture)
{
    [Theory]
    [InlineData("Software engineer", 2134, 2136)]
    [InlineData("snr sofware enginer - London", 2134, 2136)]
    [InlineData("Engineer, software", 2134, 2136)]
    [InlineData("HGV driver", 8211, 8211)]
    [InlineData("Part-time primary school teacher (Leeds) £24k", 2314, 2315)]
    [InlineData("Trainee accounts asst", 4122, 4122)]
    [InlineData("Registered nurse", 2237, 2231)]
    public void Common_titles_and_advert_variants_rank_the_right_group_first(string text, int soc2020, int soc2010)
    {
        var r = fixture.Coder.Code(text);
        Assert.Equal(SocCode.Create(SocVersion.Soc2020, soc2020), r.Best!.Soc2020);
        Assert.Equal(SocCode.Create(SocVersion.Soc2010, soc2010), r.Best.Soc2010);
        Assert.Equal(SocCode.Create(SocVersion.Soc2010, soc2010), r.Soc2010Candidates[0].Soc2010);
    }

    [Fact]
    public void Scores_are_shares_of_100_in_descending_order_with_matched_titles()
    {
        var r = fixture.Coder.Code("care assistant", 5);
        Assert.InRange(r.Candidates.Count, 2, 5);
        Assert.All(r.Candidates, c => Assert.InRange(c.Score, 0, 100));
        Assert.True(r.Candidates.Sum(c => c.Score) <= 100.5);
        Assert.True(r.Candidates.Zip(r.Candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(r.Candidates, c => Assert.NotEmpty(c.Matches));
        Assert.Equal(Enumerable.Range(1, r.Candidates.Count), r.Candidates.Select(c => c.Rank));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("qqqqqq zzzzzz")]
    public void Text_with_no_recognisable_words_gives_no_candidates(string text)
    {
        var r = fixture.Coder.Code(text);
        Assert.Empty(r.Candidates);
        Assert.Null(r.Best);
    }
}
