using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocBridge.Core.Classification;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;

namespace SocBridge.Tests.Recode;

public class TitleSoftmaxTests
{
    private static readonly SocCode Science = SocCode.Create(SocVersion.Soc2020, 2112);
    private static readonly SocCode Plumbing = SocCode.Create(SocVersion.Soc2020, 5314);

    private static readonly (TitleTerms, SocCode)[] Small =
    [
        (TitleTerms.Parse("Biologist"), Science),
        (TitleTerms.Parse("Marine biologist"), Science),
        (TitleTerms.Parse("Zoologist"), Science),
        (TitleTerms.Parse("Geologist"), Science),
        (TitleTerms.Parse("Plumber"), Plumbing),
        (TitleTerms.Parse("Heating plumber"), Plumbing),
        (TitleTerms.Parse("Pipe fitter"), Plumbing),
        (TitleTerms.Parse("Gas fitter"), Plumbing),
    ];

    [Fact]
    public void The_endings_of_an_unseen_head_word_carry_its_group()
    {
        var model = TitleSoftmax.Train(Small, new SoftmaxOptions(Epochs: 30, MinCount: 1));
        var p = model.Posterior(TitleTerms.Parse("Ecologist"));
        Assert.True(p[Science] > 0.8, $"P(science) = {p.GetValueOrDefault(Science)}");
        var q = model.Posterior(TitleTerms.Parse("Boiler fitter"));
        Assert.True(q[Plumbing] > 0.8, $"P(plumbing) = {q.GetValueOrDefault(Plumbing)}");
    }

    [Fact]
    public void Features_seen_in_fewer_titles_than_the_minimum_are_dropped()
    {
        var all = TitleSoftmax.Train(Small, new SoftmaxOptions(MinCount: 1));
        var shared = TitleSoftmax.Train(Small, new SoftmaxOptions(MinCount: 2));
        Assert.True(shared.FeatureCount < all.FeatureCount);
        Assert.Empty(shared.Posterior(TitleTerms.Parse("Astronaut")));
    }

    [Property(MaxTest = 200)]
    public Property Posteriors_are_probabilities_and_training_is_repeatable(NonEmptyString text)
    {
        var a = TitleSoftmax.Train(Small, new SoftmaxOptions(Epochs: 3, MinCount: 1));
        var b = TitleSoftmax.Train(Small, new SoftmaxOptions(Epochs: 3, MinCount: 1));
        var terms = TitleTerms.Parse(text.Get);
        var p = a.Posterior(terms);
        var ok = p.Values.All(v => v is > 0 and <= 1)
            && (p.Count == 0 || Math.Abs(p.Values.Sum() - 1) < 1e-3)
            && p.OrderBy(kv => kv.Key).SequenceEqual(b.Posterior(terms).OrderBy(kv => kv.Key));
        return ok.Label($"'{text.Get}' → {string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }
}

[Collection(RecodeCollection.Name)]
public class TitleSoftmaxHeldOutTests(RecodeFixture fixture)
{
    [Fact]
    public void The_logistic_model_raises_the_coders_held_out_top1_on_real_titles()
    {
        var titles = fixture.Corpus.IndexTitles;
        var folds = GroupedFolds.Assign(titles, GroupedFolds.TitleKeys, 5, 2);
        var visible = titles.Where((_, i) => folds[i] != 0).ToArray();
        var held = titles.Where((_, i) => folds[i] == 0).Take(1500).ToArray();
        var references = ReferenceTitles.Index(fixture.Corpus, visible);
        double Top1(CoderOptions options) =>
            CodingEvaluation.Evaluate(new FreeTextCoder(fixture.Release, references, options), held, 0, 2)
                .Where(o => o.Variant == TitleVariant.Clean).Average(o => o.Soc2020Rank == 1 ? 1.0 : 0.0);
        var without = Top1(new CoderOptions(SoftmaxWeight: 0));
        var with = Top1(new CoderOptions());
        Assert.True(with > without + 0.01, $"top-1 with the logistic model {with:P2}, without {without:P2}");
    }
}
