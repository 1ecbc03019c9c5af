using SocBridge.Core.Classification;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Calibration;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Evaluation;

/// <summary>Settings of a cross-validated evaluation.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Cross-validation folds, at least 2.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the fold assignment, the samples and the perturbations.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Evaluate only this many folds (the first ones); all when null. Used to keep tests short.</summary>
    public int? FoldsToRun { get; init; }

    /// <summary>Recode at most this many held-out titles per fold (a seeded sample); all when null.</summary>
    public int? MaxTitlesPerFold { get; init; }

    /// <summary>Settings of the recoder built on each fold; its threshold decides what counts as auto-coded.</summary>
    public RecodeOptions Recode { get; init; } = new();

    /// <summary>Also evaluate the free-text coder on the same folds.</summary>
    public bool IncludeCoder { get; init; } = true;

    internal static IReadOnlyList<double> Thresholds { get; } = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.96, 0.97, 0.99];
}

/// <summary>One held-out title's outcome.</summary>
/// <param name="Title">The held-out index title.</param>
/// <param name="Fold">Its fold (from 0).</param>
/// <param name="SplitGroup">Its SOC2010 group has more than one candidate on the whole index.</param>
/// <param name="Result">What the fold's recoder made of it.</param>
/// <param name="Modal">The modal baseline's choice for its SOC2010 group.</param>
/// <param name="TruthIsCandidate">The right SOC2020 group is among the fold's candidates for the title's SOC2010 group.</param>
internal sealed record RecodeOutcome(IndexTitle Title, int Fold, bool SplitGroup, RecodeResult Result, SocCode Modal, bool TruthIsCandidate = true)
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
    /// <summary>The input variants recoded on every fold.</summary>
    internal static IReadOnlyList<string> Variants { get; } = ["with qualifiers", "plain titles", "plain titles + advert noise"];

    /// <summary>Runs the cross-validation: trains a recoder (and, when asked, a free-text coder) per fold and codes the held-out titles.</summary>
    /// <remarks>This trains the models once per fold and takes minutes; nothing is read from or written to the model cache.</remarks>
    /// <param name="corpus">The release to evaluate on.</param>
    /// <param name="options">Folds, seed, sampling and the recoder's settings.</param>
    /// <param name="log">Hears a line per finished fold; null for none.</param>
    /// <returns>The figures of every variant, the industry comparison and, when asked, the coder's.</returns>
    /// <exception cref="ArgumentException"><see cref="EvaluationOptions.Folds"/> is below 2, or <see cref="EvaluationOptions.Recode"/> is invalid (<see cref="RecodeOptions.Validate"/>).</exception>
    public static EvaluationReport Run(RecodeCorpus corpus, EvaluationOptions options, Action<string>? log = null)
    {
        var titles = corpus.IndexTitles;
        var folds = GroupedFolds.Assign(titles, GroupedFolds.TitleKeys, options.Folds, options.Seed);
        var fullTable = CandidateTable.Build(corpus.Release, titles.Select(t => t.Entry), options.Recode.Weights);
        var outcomes = Variants.Select(_ => new List<RecodeOutcome>()).ToArray();
        var industryOutcomes = new List<IndustryOutcome>();
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
            var noise = new Random(options.Seed * 7919 + 17 * f);
            IReadOnlyList<RecodeResult>[] results =
            [
                recoder.RecodeAll([.. held.Select(h => new RecodeInput(h.Entry.QualifiedTitle, h.Soc2010.ToString()))]),
                recoder.RecodeAll([.. held.Select(h => new RecodeInput(h.Entry.Title, h.Soc2010.ToString()))]),
                recoder.RecodeFreeText([.. held.Select(h => new RecodeInput(Perturbation.ExtraWords(h.Entry.Title, noise), h.Soc2010.ToString()))]),
            ];
            for (var v = 0; v < results.Length; v++)
                for (var i = 0; i < held.Length; i++)
                {
                    var set = model.Evidence.Candidates.For(held[i].Soc2010)!;
                    outcomes[v].Add(new RecodeOutcome(held[i], f, fullTable.For(held[i].Soc2010) is { IsSingle: false }, results[v][i], set.Modal,
                        set.Find(held[i].Soc2020) is not null));
                }
            // Titles whose entry carries an industry qualifier: the plain title alone, and with the industry.
            var withIndustry = Enumerable.Range(0, held.Length).Where(i => held[i].Entry.IndustryQualifier.Length > 0).ToArray();
            var industries = withIndustry.Select(i => IndustrySimulation.For(held[i].Entry.IndustryQualifier)).ToArray();
            var industryResults = recoder.RecodeAll([.. withIndustry.Select((i, k) => new RecodeInput(held[i].Entry.Title, held[i].Soc2010.ToString(), industries[k].Industry))]);
            for (var k = 0; k < withIndustry.Length; k++)
            {
                var i = withIndustry[k];
                industryOutcomes.Add(new IndustryOutcome(held[i], fullTable.For(held[i].Soc2010) is { IsSingle: false }, industries[k].Industry, industries[k].AsSicDivision,
                    results[1][i], industryResults[k]));
            }
            if (options.IncludeCoder)
                coding.AddRange(CodingEvaluation.Evaluate(FreeTextCoder.Build(corpus, visible, null, options.Seed), held, f, options.Seed));
            timings.Add(watch.Elapsed.TotalSeconds);
            log?.Invoke($"fold {f + 1}/{options.Folds}: {held.Length:N0} titles held out, {visible.Length:N0} visible, {watch.Elapsed.TotalSeconds:0.0} s; " +
                $"accuracy so far {string.Join(" / ", outcomes.Select(o => (o.Count(x => x.Correct) / (double)o.Count).ToString("P2", System.Globalization.CultureInfo.InvariantCulture)))} (qualified / plain / advert)");
        }
        var reports = outcomes.Select((o, v) => new RecodeVariantReport(Variants[v], RecodeEvaluationReport.From(o, options, timings),
            ReliabilityCurve.From(Variants[v] + ": titles with a choice (scored or review)",
                o.Where(x => x.Result.Method is RecodeMethod.Scored or RecodeMethod.Review).Select(x => (x.Result.Confidence, x.Correct))))).ToArray();
        return new EvaluationReport(reports[0].Report, options.IncludeCoder ? CodingEvaluationReport.From(coding) : null)
        {
            Variants = reports,
            Industry = IndustryReport.From(industryOutcomes),
            PlainTitles = PlainTitleLimits.From(outcomes[0], outcomes[1]),
            Outcomes = [.. outcomes.Select((o, v) => (Variants[v], (IReadOnlyList<RecodeOutcome>)o))],
        };
    }
}

/// <summary>One held-out title whose entry has an industry qualifier, recoded as a plain title without and with the simulated industry.</summary>
internal sealed record IndustryOutcome(IndexTitle Title, bool SplitGroup, string Industry, bool AsSicDivision, RecodeResult Without, RecodeResult With)
{
    public bool CorrectWithout => Without.Best == Title.Soc2020;
    public bool CorrectWith => With.Best == Title.Soc2020;
}

/// <summary>Accuracy on titles whose entries carry an industry qualifier, recoded as plain titles without and with the industry.</summary>
/// <param name="Without">Accuracy of the best candidate without the industry.</param>
/// <param name="With">Accuracy of the best candidate with the industry.</param>
/// <param name="SplitWithout">The same without the industry, on titles whose SOC2010 group splits across SOC2020 groups.</param>
/// <param name="SplitWith">The same with the industry, on those titles.</param>
/// <param name="AsSicDivision">Share of the titles whose qualifier was given as a SIC2007 division code (the rest as free text).</param>
/// <param name="AutoWithout">Share auto-coded (at or above the threshold) without the industry.</param>
/// <param name="AutoWith">Share auto-coded with the industry.</param>
/// <param name="AutoCodedWithout">Accuracy of the auto-coded titles without the industry.</param>
/// <param name="AutoCodedWith">Accuracy of the auto-coded titles with the industry.</param>
public sealed record IndustryReport(Accuracy Without, Accuracy With, Accuracy SplitWithout, Accuracy SplitWith, double AsSicDivision,
    double AutoWithout, double AutoWith, Accuracy AutoCodedWithout, Accuracy AutoCodedWith)
{
    internal static IndustryReport From(IReadOnlyList<IndustryOutcome> o)
    {
        var split = o.Where(x => x.SplitGroup).ToArray();
        double Share(int n) => o.Count == 0 ? double.NaN : n / (double)o.Count;
        return new IndustryReport(Accuracy.Of(o, x => x.CorrectWithout), Accuracy.Of(o, x => x.CorrectWith),
            Accuracy.Of(split, x => x.CorrectWithout), Accuracy.Of(split, x => x.CorrectWith), Share(o.Count(x => x.AsSicDivision)),
            Share(o.Count(x => x.Without.IsCoded)), Share(o.Count(x => x.With.IsCoded)),
            Accuracy.Of(o.Where(x => x.Without.IsCoded), x => x.CorrectWithout), Accuracy.Of(o.Where(x => x.With.IsCoded), x => x.CorrectWith));
    }
}

/// <summary>The recoder's figures for one input variant, with the reliability of its confidence.</summary>
/// <param name="Variant">The variant: <c>with qualifiers</c>, <c>plain titles</c> or <c>plain titles + advert noise</c>.</param>
/// <param name="Report">The recoder's figures on it.</param>
/// <param name="Reliability">Its confidence against its observed accuracy, on titles with a choice (scored or review).</param>
public sealed record RecodeVariantReport(string Variant, RecodeEvaluationReport Report, ReliabilityCurve Reliability);
