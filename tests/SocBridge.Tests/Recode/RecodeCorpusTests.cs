using SocBridge.Core.Classification;
using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class RecodeCorpusTests(RecodeFixture fixture)
{
    private RecodeCorpus Corpus => fixture.Corpus;

    private string[] TitlesOf(string soc2020) =>
        [.. Corpus.Volume1.Where(t => t.IsTitle).Concat(Corpus.ExtensionTitles).Where(t => t.Soc2020 == SocCode.Parse(soc2020, SocVersion.Soc2020)).Select(t => t.Display)];

    [Fact]
    public void The_SOC2020_extension_titles_are_related_titles_of_their_unit_groups_for_the_coder_only()
    {
        Assert.DoesNotContain(Corpus.Volume1, t => t.Display == "Dockers, slingers and stevedores");
        Assert.Contains("Dockers, slingers and stevedores", TitlesOf("9259"));
        Assert.Contains("Accounts directors", TitlesOf("1139"));
        Assert.Contains("Environmental consultancy directors", TitlesOf("1258"));
        // A note in brackets is not part of the title, wherever it stands.
        Assert.Contains("Cabinet makers", TitlesOf("5442"));
        Assert.DoesNotContain(TitlesOf("5442"), t => t.Contains("excludes", StringComparison.Ordinal));
        Assert.Contains("Research and development directors", TitlesOf("1139"));
        Assert.Contains("Research and development design managers", TitlesOf("2161"));
        Assert.Contains("Geographic information systems analysts", TitlesOf("2115"));
        Assert.DoesNotContain(TitlesOf("1139"), t => t.Contains("(R&D)", StringComparison.Ordinal) || t == "Research and development");
    }

    [Fact]
    public void Catch_all_extensions_and_those_that_repeat_the_unit_group_title_are_left_out()
    {
        var release = Corpus.Release;
        Assert.Contains(release.Extensions, e => e.Code == "9259/99" && e.Title.Contains("n.e.c.", StringComparison.Ordinal));
        Assert.DoesNotContain(Corpus.ExtensionTitles, t => t.Display.Contains("n.e.c.", StringComparison.Ordinal));
        // 9252/00 repeats its unit group's title, and "Plasterers (wall and decorative)" does once its note goes:
        // each is there once.
        Assert.Single(TitlesOf("9252"), t => t.Equals("Warehouse operatives", StringComparison.OrdinalIgnoreCase));
        Assert.Single(TitlesOf("5321"), t => t.Equals("Plasterers", StringComparison.OrdinalIgnoreCase));
    }
}
