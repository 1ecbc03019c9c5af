using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;

namespace SocBridge.Tests.Recode;

public class TitleNormaliserTests
{
    [Theory]
    [InlineData("Sales Managers", "Manager, sales")]
    [InlineData("Asst. Mgr (Retail)", "assistant manager retail")]
    [InlineData("IT Tech", "it technician")]
    [InlineData("Secretaries & typists", "typist and secretary")]
    [InlineData("  Head-of-Department ", "department head of")]
    public void Keys_ignore_case_punctuation_word_order_plurals_and_short_forms(string a, string b) =>
        Assert.Equal(TitleTerms.Parse(b).FullKey, TitleTerms.Parse(a).FullKey);

    [Fact]
    public void Qualifiers_in_brackets_are_split_from_the_title()
    {
        var terms = TitleTerms.Parse("Machine adjuster [textile mfr] (cotton)");
        Assert.Equal(["machine", "adjuster"], terms.Title);
        Assert.Equal(["textile", "manufacture", "cotton"], terms.Qualifiers);
        Assert.Equal("adjuster", terms.Head);
    }

    [Fact]
    public void Free_text_drops_advert_words_and_corrects_spelling_against_the_vocabulary()
    {
        var vocabulary = new Vocabulary(new Dictionary<string, int> { ["software"] = 40, ["engineer"] = 900, ["senior"] = 80 });
        var terms = TitleTerms.ParseFreeText("Snr Sofware Enginer - London, part-time £32k", vocabulary);
        Assert.Equal("software engineer", terms.Text);
    }

    [Fact]
    public void A_title_of_advert_words_only_is_kept_rather_than_emptied()
    {
        var vocabulary = new Vocabulary(new Dictionary<string, int> { ["trainee"] = 3 });
        Assert.Equal("trainee", TitleTerms.ParseFreeText("Trainee", vocabulary).Text);
    }

    [Fact]
    public void Spelling_correction_needs_a_word_of_five_letters_and_a_near_known_word()
    {
        var vocabulary = new Vocabulary(new Dictionary<string, int> { ["plumber"] = 5, ["plumbers"] = 1 });
        Assert.Equal("plumber", vocabulary.Correct("plumbr"));
        Assert.Equal("plumber", vocabulary.Correct("plubmer"));
        Assert.Equal("xyzzy", vocabulary.Correct("xyzzy"));
        Assert.Equal("plum", vocabulary.Correct("plum"));
    }

    [Fact]
    public void Grouped_folds_keep_titles_sharing_a_key_together()
    {
        string[][] items = [["a", "b"], ["b"], ["c"], ["c", "d"], ["e"], ["d"], ["f"], ["g"]];
        var folds = GroupedFolds.Assign(items, x => x, 3, 1);
        Assert.Equal(folds[0], folds[1]);
        Assert.Equal(folds[2], folds[3]);
        Assert.Equal(folds[3], folds[5]);
        Assert.Equal(folds, GroupedFolds.Assign(items, x => x, 3, 1));
    }
}
