using System.Globalization;
using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Recoding;
using SocBridge.Tests.Support;

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
        PredictionsAgreeWithTheReport(report);
        // The limits of plain titles count the same plain-title outcomes, and bound what any recoder could reach.
        var plain = report.Variants[1].Report;
        var limits = report.PlainTitles!;
        Assert.Equal(plain.Overall.Titles, limits.Titles);
        Assert.Equal(plain.Overall.Titles - plain.Overall.Correct, limits.Errors);
        Assert.InRange(limits.SharedRight, 0, limits.SharedBestPossible);
        Assert.InRange(limits.SharedBestPossible, 0, limits.SharedPlainTitles);
        Assert.InRange(limits.Unavoidable, 0, limits.Errors);
        Assert.True(limits.Ceiling >= plain.Overall.Rate);
        Assert.Contains("Limits of plain titles", report.ToText());
    }

    /// <summary>The predictions file holds every held-out decision of every variant, and its rows add up to the report's figures.</summary>
    private void PredictionsAgreeWithTheReport(EvaluationReport report)
    {
        using var dir = new TempDirectory();
        report.WritePredictions(dir.File("predictions.csv"));
        var rows = CsvRows.Read(dir.File("predictions.csv"));
        var entries = fixture.Corpus.IndexTitles.ToDictionary(t => t.Entry.RecordNumber.ToString(CultureInfo.InvariantCulture));
        foreach (var variant in report.Variants)
        {
            var mine = rows.Where(r => r["variant"] == variant.Variant).ToArray();
            Assert.Equal(variant.Report.Overall.Titles, mine.Length);
            Assert.Equal(mine.Length, mine.Select(r => r["recno"]).Distinct().Count());
            Assert.Equal(variant.Report.Overall.Correct, mine.Count(r => r["correct"] == "true"));
            Assert.Equal(variant.Report.SplitGroups.Titles, mine.Count(r => r["split_group"] == "true"));
            Assert.Equal(variant.Report.ModalOverall.Correct, mine.Count(r => r["modal"] == r["soc2020"]));
            Assert.Equal(report.PlainTitles!.NotACandidate, mine.Count(r => r["right_is_candidate"] == "false"));
            foreach (var r in mine)
            {
                var entry = entries[r["recno"]].Entry;
                Assert.Equal(entry.Soc2020.ToString(), r["soc2020"]);
                Assert.Equal(entry.Soc2010.ToString(), r["soc2010"]);
                Assert.Equal(r["best"] == r["soc2020"], r["correct"] == "true");
                Assert.InRange(double.Parse(r["confidence"], CultureInfo.InvariantCulture), 0, 1);
            }
        }
        // What the recoder was given: the index's title with its qualifiers, the plain title, and the plain title with advert words.
        var byVariant = rows.GroupBy(r => r["variant"]).ToDictionary(g => g.Key, g => g.ToDictionary(r => r["recno"]));
        var qualified = byVariant[RecodeEvaluation.Variants[0]];
        var plain = byVariant[RecodeEvaluation.Variants[1]];
        var advert = byVariant[RecodeEvaluation.Variants[2]];
        Assert.All(qualified.Values, r => Assert.Equal(entries[r["recno"]].Entry.QualifiedTitle, r["input_title"]));
        Assert.All(plain.Values, r => Assert.Equal(entries[r["recno"]].Entry.Title, r["input_title"]));
        Assert.All(advert.Values, r => Assert.Contains(entries[r["recno"]].Entry.Title, r["input_title"], StringComparison.Ordinal));
        Assert.True(advert.Values.Count(r => r["input_title"] != plain[r["recno"]]["input_title"]) > advert.Count / 2);
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
