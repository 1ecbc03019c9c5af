using SocBridge.Core.Classification;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Evaluation;

/// <summary>Settings of a cross-validated evaluation.</summary>
public sealed record EvaluationOptions
{
    public int Folds { get; init; } = 5;
    public int Seed { get; init; } = 1;

    /// <summary>Evaluate only this many folds (the first ones); all when null. Used to keep tests short.</summary>
    public int? FoldsToRun { get; init; }

    /// <summary>Recode at most this many held-out titles per fold (a seeded sample); all when null.</summary>
    public int? MaxTitlesPerFold { get; init; }

    public RecodeOptions Recode { get; init; } = new();

    /// <summary>Also evaluate the free-text coder on the same folds.</summary>
    public bool IncludeCoder { get; init; } = true;

    public static IReadOnlyList<double> Thresholds { get; } = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.96, 0.97, 0.99];
}

/// <summary>One held-out title's outcome.</summary>
public sealed record RecodeOutcome(IndexTitle Title, int Fold, bool SplitGroup, RecodeResult Result, SocCode Modal)
{
    public SocCode Truth => Title.Soc2020;
    public bool Correct => Result.Best == Truth;
    public bool ModalCorrect => Modal == Truth;
}

/// <summary>
/// Grouped k-fold cross-validation of the recoder on the ONS index. Titles are grouped by their
/// normalised title, with and without qualifiers, so every entry sharing a title is held out together; for each
/// fold the recoder is built from the other folds only — candidate index pairs, exact lookup, FuzzySharp
/// references, classifier training and the confidence model's own calibration folds — and then recodes
/// the held-out (title, SOC2010) pairs.
/// </summary>
public static class RecodeEvaluation
{
    public static EvaluationReport Run(RecodeCorpus corpus, EvaluationOptions options, Action<string>? log = null)
    {
        var titles = corpus.IndexTitles;
        var folds = GroupedFolds.Assign(titles, GroupedFolds.TitleKeys, options.Folds, options.Seed);
        var fullTable = CandidateTable.Build(corpus.Release, titles.Select(t => t.Entry), options.Recode.Weights);
        var outcomes = new List<RecodeOutcome>();
        var coding = new List<CodingOutcome>();
        var timings = new List<double>();
        var foldsToRun = Math.Min(options.Folds, options.FoldsToRun ?? options.Folds);
        for (var f = 0; f < foldsToRun; f++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var visible = titles.Where((_, i) => folds[i] != f).ToArray();
            var held = titles.Where((_, i) => folds[i] == f).ToArray();
            if (options.MaxTitlesPerFold is { } max && held.Length > max)
            {
                var sample = held.ToArray();
                new Random(options.Seed * 31 + f).Shuffle(sample);
                held = [.. sample.Take(max).OrderBy(h => h.Entry.RecordNumber)];
            }
            var model = RecodeModel.Build(corpus, visible, options.Recode);
            var recoder = new Recoder(corpus.Release, model, options.Recode);
            var results = recoder.RecodeAll(held.Select(h => new RecodeInput(h.Entry.QualifiedTitle, h.Soc2010.ToString())).ToArray());
            for (var i = 0; i < held.Length; i++)
            {
                var set = model.Evidence.Candidates.For(held[i].Soc2010)!;
                outcomes.Add(new RecodeOutcome(held[i], f, fullTable.For(held[i].Soc2010) is { IsSingle: false }, results[i], set.Modal));
            }
            if (options.IncludeCoder)
                coding.AddRange(CodingEvaluation.Evaluate(new FreeTextCoder(corpus.Release, model.Evidence.References), held, f, options.Seed));
            timings.Add(watch.Elapsed.TotalSeconds);
            log?.Invoke($"fold {f + 1}/{options.Folds}: {held.Length:N0} titles held out, {visible.Length:N0} visible, {watch.Elapsed.TotalSeconds:0.0} s; " +
                $"accuracy so far {outcomes.Count(o => o.Correct) / (double)outcomes.Count:P2}");
        }
        return new EvaluationReport(RecodeEvaluationReport.From(outcomes, options, timings),
            options.IncludeCoder ? CodingEvaluationReport.From(coding) : null);
    }
}
