using SocBridge.Recode.Industry;
using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class PlainTitleTests(RecodeFixture fixture)
{
    /// <summary>Plain titles the index lists in one SOC2010 group under several SOC2020 groups, by qualifier, read straight from the index.</summary>
    private IEnumerable<(string Title, IndexTitle[] Entries)> SharedPlainTitles() =>
        fixture.Corpus.IndexTitles
            .GroupBy(t => (t.Soc2010, t.Terms.TitleKey))
            .Where(g => g.Select(t => t.Soc2020).Distinct().Count() > 1 && g.All(t => t.Terms.Title.Length > 0))
            .OrderBy(g => g.Key.Soc2010).ThenBy(g => g.Key.TitleKey, StringComparer.Ordinal)
            .Select(g => (g.First().Entry.Title, g.ToArray()));

    [Fact]
    public void A_plain_title_shared_by_entries_with_different_codes_is_scored_among_their_codes_not_taken_as_exact()
    {
        var shared = SharedPlainTitles().Take(40).ToArray();
        Assert.True(shared.Length >= 20);
        foreach (var (title, entries) in shared)
        {
            var r = fixture.Recoder.Recode(title, entries[0].Soc2010.ToString());
            Assert.NotEqual(RecodeMethod.ExactTitle, r.Method);
            Assert.Contains(r.Method, new[] { RecodeMethod.Scored, RecodeMethod.Review });
            Assert.Contains(r.Best!.Value, entries.Select(e => e.Soc2020));
            Assert.True(r.Confidence < 1, $"{title}: {r.Confidence}");
        }
    }

    [Fact]
    public void The_same_title_with_its_qualifier_or_its_industry_is_an_exact_match()
    {
        var withIndustry = SharedPlainTitles()
            .SelectMany(s => s.Entries.Where(e => e.Entry.IndustryQualifier.Length > 0 && e.Entry.AdditionalQualifier.Length == 0
                // The industry must single out this entry's code among the entries of the title.
                && s.Entries.Where(o => o.Entry.IndustryQualifier == e.Entry.IndustryQualifier).All(o => o.Soc2020 == e.Soc2020)))
            .Take(30).ToArray();
        Assert.True(withIndustry.Length >= 10);
        foreach (var e in withIndustry)
        {
            var qualified = fixture.Recoder.Recode(e.Entry.QualifiedTitle, e.Soc2010.ToString());
            Assert.Equal(RecodeMethod.ExactTitle, qualified.Method);
            Assert.Equal(e.Soc2020, qualified.Soc2020);
            var byIndustry = fixture.Recoder.Recode(e.Entry.Title, e.Soc2010.ToString(), e.Entry.IndustryQualifier);
            Assert.Equal(RecodeMethod.ExactTitle, byIndustry.Method);
            Assert.Equal(e.Soc2020, byIndustry.Soc2020);
        }
    }

    [Theory]
    [InlineData("13", "textile")]
    [InlineData("C13", "textile")]
    [InlineData("13.10", "textile")]
    [InlineData("SIC 05", "coal")]
    [InlineData("K", "banking")]
    [InlineData("k", "insurance")]
    [InlineData("Textile manufacturing", "textile")]
    public void An_industry_is_read_from_a_sic2007_section_or_division_or_free_text(string industry, string word)
    {
        Assert.Contains(word, IndustryContext.Words(industry));
    }

    [Fact]
    public void A_sic_division_code_selects_the_entry_of_its_industry()
    {
        // "Operator [textile mfr]"-style entries: a division code reaches them through the SIC mapping.
        var textile = fixture.Corpus.IndexTitles
            .Where(t => t.Entry.IndustryQualifier == "textile mfr" && t.Entry.AdditionalQualifier.Length == 0)
            .Where(t => fixture.Corpus.IndexTitles.Any(o => o.Soc2010 == t.Soc2010 && o.Terms.TitleKey == t.Terms.TitleKey && o.Soc2020 != t.Soc2020))
            .Take(10).ToArray();
        Assert.NotEmpty(textile);
        foreach (var t in textile)
        {
            var r = fixture.Recoder.Recode(t.Entry.Title, t.Soc2010.ToString(), "13");
            Assert.Equal(RecodeMethod.ExactTitle, r.Method);
            Assert.Equal(t.Soc2020, r.Soc2020);
        }
    }
}
