using SocBridge.Core.Classification;
using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class RecoderCascadeTests(RecodeFixture fixture)
{
    private static SocCode Soc2020(int code) => SocCode.Create(SocVersion.Soc2020, code);

    [Theory]
    [InlineData("Account manager (marketing)", "3545", 2432, "2432/02")]
    [InlineData("Account manager (sales)", "3545", 3556, "3556/03")]
    [InlineData("MANAGER, ACCOUNT (Marketing)", "3545", 2432, "2432/02")]
    [InlineData("Accounts Mgr (sales)", "3545", 3556, "3556/03")]
    [InlineData("Key account manager", "3545", 3556, "3556/99")]
    public void Exact_titles_take_the_index_entry_of_the_same_soc2010_group(string title, string soc2010, int expected, string ext)
    {
        var r = fixture.Recoder.Recode(title, soc2010);
        Assert.Equal(RecodeMethod.ExactTitle, r.Method);
        Assert.Equal(Soc2020(expected), r.Soc2020);
        Assert.Equal(ext, r.Soc2020Ext);
        Assert.Equal(1.0, r.Confidence);
    }

    [Fact]
    public void A_qualifier_the_index_does_not_list_falls_back_to_the_entry_without_qualifiers()
    {
        var r = fixture.Recoder.Recode("Account manager (telecoms)", "3545");
        Assert.Equal(RecodeMethod.ExactTitle, r.Method);
        Assert.Equal(Soc2020(3556), r.Soc2020);
        Assert.Contains("without qualifiers", r.Problem);
    }

    [Fact]
    public void The_same_title_under_another_soc2010_group_is_not_an_exact_match()
    {
        var r = fixture.Recoder.Recode("Account manager (marketing)", "3546");
        Assert.NotEqual(RecodeMethod.ExactTitle, r.Method);
    }

    [Fact]
    public void A_one_to_one_group_gives_its_only_counterpart_whatever_the_title()
    {
        var set = fixture.Recoder.Model.Evidence.Candidates.For(SocCode.Parse("1115", SocVersion.Soc2010))!;
        Assert.True(set.IsSingle);
        var r = fixture.Recoder.Recode("Chief grand vizier of something", "1115");
        Assert.Equal(RecodeMethod.OneToOne, r.Method);
        Assert.Equal(set.Candidates[0].Soc2020, r.Soc2020);
        Assert.Equal(1.0, r.Confidence);
    }

    [Fact]
    public void Titles_of_split_groups_not_in_the_index_are_scored_among_the_candidates()
    {
        var r = fixture.WithThreshold(0).Recode("Digital marketing campaign lead", "3545");
        Assert.Equal(RecodeMethod.Scored, r.Method);
        Assert.Equal(Soc2020(2432), r.Soc2020);
        var candidates = fixture.Recoder.Model.Evidence.Candidates.For(SocCode.Parse("3545", SocVersion.Soc2010))!.Candidates.Select(c => c.Soc2020).ToHashSet();
        Assert.All(r.Candidates, c => Assert.Contains(c.Soc2020, candidates));
        Assert.InRange(r.Confidence, 0, 1);
        Assert.Equal(r.Candidates[0].Probability - r.Candidates[1].Probability, r.Margin, 9);
        Assert.Equal(r.Candidates[1].Soc2020, r.RunnerUp);
    }

    [Fact]
    public void Below_the_threshold_a_title_goes_to_review_with_three_candidates_and_their_evidence()
    {
        var r = fixture.WithThreshold(1.0).Recode("Business development lead", "3545");
        Assert.Equal(RecodeMethod.Review, r.Method);
        Assert.Null(r.Soc2020);
        Assert.NotNull(r.Best);
        Assert.Equal(3, r.Candidates.Count);
        Assert.True(r.Candidates.Zip(r.Candidates.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
        Assert.NotEmpty(r.Candidates[0].NearestTitles);
        Assert.True(r.NeedsReview);
    }

    [Fact]
    public void The_threshold_decides_between_scored_and_review_for_the_same_title()
    {
        var low = fixture.WithThreshold(0).Recode("Business development lead", "3545");
        var high = fixture.WithThreshold(1).Recode("Business development lead", "3545");
        Assert.Equal(low.Confidence, high.Confidence);
        Assert.Equal(low.Best, high.Best);
        Assert.Equal(RecodeMethod.Scored, low.Method);
        Assert.Equal(RecodeMethod.Review, high.Method);
    }

    [Fact]
    public void Batches_give_the_same_answers_as_single_calls()
    {
        RecodeInput[] inputs = [new("Business development lead", "3545"), new("Account manager (sales)", "3545"), new("Stores hand", "9260"), new("", "1115")];
        var batch = fixture.Recoder.RecodeAll(inputs);
        for (var i = 0; i < inputs.Length; i++)
        {
            var single = fixture.Recoder.Recode(inputs[i].Title, inputs[i].Soc2010);
            Assert.Equal(single.Best, batch[i].Best);
            Assert.Equal(single.Confidence, batch[i].Confidence, 12);
        }
    }
}
