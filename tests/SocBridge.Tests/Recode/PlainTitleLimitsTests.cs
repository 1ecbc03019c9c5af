using SocBridge.Core.Classification;
using SocBridge.Core.Index;
using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;

namespace SocBridge.Tests.Recode;

public class PlainTitleLimitsTests
{
    private int _record;

    private (RecodeOutcome Qualified, RecodeOutcome Plain) Outcome(string title, string qualifier, string soc2010, string truth,
        string chosenWithQualifier, string chosenPlain, bool truthIsCandidate = true)
    {
        var entry = new CodingIndexEntry($"r{++_record}", _record, "", SocCode.Parse(soc2010, SocVersion.Soc2010), SocCode.Parse(truth, SocVersion.Soc2020),
            "", "", title, title, qualifier, "", "", false, "", "", "");
        var indexTitle = new IndexTitle(entry, TitleTerms.Of(title, qualifier));
        RecodeOutcome Of(string input, string chosen) => new(indexTitle, 0, true,
            new RecodeResult(input, soc2010, entry.Soc2010, null, "", RecodeMethod.Review, 0.5, SocCode.Parse(chosen, SocVersion.Soc2020), null, 0, [], null),
            SocCode.Parse(truth, SocVersion.Soc2020), truthIsCandidate);
        return (Of(entry.QualifiedTitle, chosenWithQualifier), Of(title, chosenPlain));
    }

    [Fact]
    public void Counts_what_a_plain_title_cannot_tell()
    {
        (RecodeOutcome Qualified, RecodeOutcome Plain)[] outcomes =
        [
            // One plain title, three SOC2020 groups by qualifier: one answer gets at most two of the three right.
            Outcome("Manager", "hire services", "1259", "1257", "1257", "1259"),
            Outcome("Manager", "publishing", "1259", "1255", "1255", "1255"),
            Outcome("Manager", "design", "1259", "1255", "1255", "1259"),
            // The same plain title in another SOC2010 group is not shared with them.
            Outcome("Manager", "bank", "1150", "1150", "1150", "1150"),
            // Right with its qualifier, wrong without it.
            Outcome("Hire manager", "", "1259", "1257", "1257", "1259"),
            // Its right group is not a candidate in its fold: nothing can get it right.
            Outcome("Research manager", "chemical", "2111", "2161", "2111", "2111", truthIsCandidate: false),
            // Wrong either way: a plain recoder could still get it right.
            Outcome("Chemist", "", "2111", "2111", "2161", "2161"),
        ];
        var limits = PlainTitleLimits.From([.. outcomes.Select(o => o.Qualified)], [.. outcomes.Select(o => o.Plain)]);
        Assert.Equal(7, limits.Titles);
        Assert.Equal(5, limits.Errors);
        Assert.Equal(1, limits.NotACandidate);
        Assert.Equal(3, limits.SharedPlainTitles);
        Assert.Equal(2, limits.SharedBestPossible);
        Assert.Equal(1, limits.SharedRight);
        Assert.Equal(1, limits.LostWithoutQualifiers);
        Assert.Equal(2, limits.Unavoidable);
        Assert.Equal(5 / 7.0, limits.Ceiling, 12);
    }

    [Fact]
    public void The_two_variants_must_hold_the_same_titles()
    {
        var (q, p) = Outcome("Chemist", "", "2111", "2111", "2111", "2111");
        Assert.Throws<ArgumentException>(() => PlainTitleLimits.From([q, q], [p]));
    }
}
