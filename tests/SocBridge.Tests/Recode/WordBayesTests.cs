using SocBridge.Core.Classification;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Text;

namespace SocBridge.Tests.Recode;

public class WordBayesTests
{
    private static readonly SocCode Admin = SocCode.Create(SocVersion.Soc2020, 4159);
    private static readonly SocCode Contracts = SocCode.Create(SocVersion.Soc2020, 4131);

    [Fact]
    public void Weighs_the_head_word_above_modifiers_and_gives_a_distribution()
    {
        var bayes = new WordBayes([
            (TitleTerms.Parse("Administrator"), Admin),
            (TitleTerms.Parse("Office administrator"), Admin),
            (TitleTerms.Parse("Contracts clerk"), Contracts),
            (TitleTerms.Parse("Contracts officer"), Contracts),
        ]);
        var p = bayes.Posterior(TitleTerms.Parse("Office clerk"));
        Assert.Equal(1.0, p.Values.Sum(), 6);
        Assert.True(p[Contracts] > p[Admin]);
        var q = bayes.Posterior(TitleTerms.Parse("Contracts administrator"));
        Assert.True(q[Admin] > q[Contracts]);
        Assert.Empty(bayes.Posterior(TitleTerms.Parse("zzzz")));
    }
}
