using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class EvaluationTests(RecodeFixture fixture)
{
    [Fact]
    public void Held_out_accuracy_beats_the_modal_baseline_overall_and_on_split_groups()
    {
        var options = new EvaluationOptions
        {
            Folds = 5, Seed = 3, FoldsToRun = 1, MaxTitlesPerFold = 1500,
            Recode = new RecodeOptions { CalibrationFolds = 2, Seed = 3 },
        };
        var report = RecodeEvaluation.Run(fixture.Corpus, options);
        var r = report.Recoder;
        Assert.Equal(1500, r.Overall.Titles);
        Assert.True(r.Overall.Rate > r.ModalOverall.Rate + 0.02, $"{r.Overall} vs modal {r.ModalOverall}");
        Assert.True(r.SplitGroups.Rate > r.ModalSplitGroups.Rate + 0.03, $"{r.SplitGroups} vs modal {r.ModalSplitGroups}");
        Assert.DoesNotContain("exact_title", r.ByMethod.Keys);
        Assert.True(r.Curve.Zip(r.Curve.Skip(1)).All(p => p.First.Coverage >= p.Second.Coverage));
        var clean = report.Coder!.Variants.Single(v => v.Variant == "clean");
        Assert.True(clean.Soc2020Top5 >= clean.Soc2020Top1);
        // A head word seen with the group is a word seen with it, so the head-word reach can never exceed the other.
        Assert.All(report.Coder.Variants, v => Assert.InRange(v.HeadWordReach, 0, v.AnyWordReach));
        Assert.InRange(clean.AnyWordReach, 0.8, 1);
        Assert.Contains("modal baseline", report.ToText());
        Assert.Contains("title evidence", report.ToText());
        // Raising the cut-off keeps fewer titles, and the confident ones are right more often than the rest.
        var bands = report.Coder.ScoreBands;
        Assert.Equal(1.0, bands[0].Coverage);
        Assert.Equal(clean.Soc2020Top1, bands[0].Precision, 9);
        Assert.True(bands.Zip(bands.Skip(1)).All(p => p.First.Titles >= p.Second.Titles));
        var confident = bands.Last(b => b.Titles >= 50);
        Assert.True(confident.Precision > clean.Soc2020Top1 + 0.15, $"{confident} vs top-1 {clean.Soc2020Top1:P2}");
    }

    [Fact]
    public void Held_out_titles_are_not_visible_to_the_fold_model()
    {
        var titles = fixture.Corpus.IndexTitles;
        var folds = GroupedFolds.Assign(titles, GroupedFolds.TitleKeys, 5, 1);
        var heldKeys = titles.Where((_, i) => folds[i] == 0).SelectMany(GroupedFolds.TitleKeys).ToHashSet();
        var visible = titles.Where((_, i) => folds[i] != 0).ToArray();
        Assert.DoesNotContain(visible.SelectMany(GroupedFolds.TitleKeys), heldKeys.Contains);
    }
}
