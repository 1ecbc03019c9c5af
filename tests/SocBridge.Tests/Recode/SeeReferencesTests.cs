using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class SeeReferencesTests(RecodeFixture fixture)
{
    [Theory]
    [InlineData("see Hand, datal", "datal hand", "")]
    [InlineData("see Engineer (professional)", "engineer", "professional")]
    [InlineData("see Worker, process ( )", "process worker", "")]
    [InlineData("see Baler", "baler", "")]
    public void A_target_reads_in_natural_word_order_with_its_qualifiers_apart(string see, string title, string qualifiers)
    {
        var (t, q) = SeeReferences.Target(see)!.Value;
        Assert.Equal(title, string.Join(' ', t));
        Assert.Equal(qualifiers, string.Join(' ', q));
    }

    [Theory]
    [InlineData("see also Machinist")]
    [InlineData("see notes")]
    [InlineData("Adviser")]
    public void See_also_and_notes_are_not_rewrites(string see) => Assert.Null(SeeReferences.Target(see));

    [Fact]
    public void The_index_references_rewrite_whole_titles_and_unknown_words_only()
    {
        var see = new SeeReferences(fixture.Release.Index.Entries);
        Assert.InRange(see.Count, 100, 200);
        var known = new HashSet<string> { "financial", "hotel", "adviser" };
        Assert.Equal("datal hand", string.Join(' ', see.Rewrite(["worker", "datal"], [], known.Contains).Title));
        Assert.Equal("financial adviser", string.Join(' ', see.Rewrite(["financial", "advisor"], [], known.Contains).Title));
        known.Add("advisor");
        Assert.Equal("financial advisor", string.Join(' ', see.Rewrite(["financial", "advisor"], [], known.Contains).Title));
        var (title, qualifiers) = see.Rewrite(["chartered", "engineer"], ["london"], known.Contains);
        Assert.Equal(["engineer"], title);
        Assert.Equal(["london", "professional"], qualifiers);
    }

    [Fact]
    public void A_spelling_variant_the_index_refers_on_reaches_its_entries_instead_of_a_near_frequent_word()
    {
        // The index says "Bailer — see Baler"; one edit from "bailer" is also "boiler", a far commoner word.
        var r = fixture.Coder.Code("Bailer", 3);
        Assert.Equal("baler", r.Understood);
        Assert.Equal(SocCode.Create(SocVersion.Soc2020, 9132), r.Best!.Soc2020);
        Assert.Contains(r.Best.Matches, m => m.Title.Contains("aler", StringComparison.Ordinal));
    }
}
