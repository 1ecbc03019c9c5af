using System.Globalization;
using System.Text;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Evaluation;

/// <summary>Accuracy of a set of titles: how many, how many right.</summary>
/// <param name="Titles">Titles in the set.</param>
/// <param name="Correct">Titles whose best candidate is right.</param>
public sealed record Accuracy(int Titles, int Correct)
{
    /// <summary>The share right (0–1); NaN for an empty set.</summary>
    public double Rate => Titles == 0 ? double.NaN : Correct / (double)Titles;

    internal static Accuracy Of<T>(IEnumerable<T> items, Func<T, bool> correct)
    {
        var n = 0;
        var ok = 0;
        foreach (var x in items)
        {
            n++;
            if (correct(x)) ok++;
        }
        return new Accuracy(n, ok);
    }

    /// <summary>The rate as a percentage with the counts, e.g. <c>91.20% (456/500)</c>; <c>n/a</c> for an empty set.</summary>
    /// <returns>The accuracy in words.</returns>
    public override string ToString() => Titles == 0 ? "n/a" : $"{Rate.ToString("P2", CultureInfo.InvariantCulture)} ({Correct:N0}/{Titles:N0})";
}

/// <summary>At one threshold: the share of titles coded automatically and the accuracy of those.</summary>
/// <param name="Threshold">The confidence threshold.</param>
/// <param name="Coverage">Share of all titles auto-coded at it (by rule, or with confidence at or above it).</param>
/// <param name="Precision">Share of those that are right; NaN when none are.</param>
/// <param name="Coded">Titles auto-coded.</param>
/// <param name="Titles">Titles in all.</param>
/// <param name="SplitCoverage">Coverage on titles whose SOC2010 group splits across SOC2020 groups.</param>
/// <param name="SplitPrecision">Precision on those titles.</param>
public sealed record CoveragePoint(double Threshold, double Coverage, double Precision, int Coded, int Titles, double SplitCoverage, double SplitPrecision);

/// <summary>A SOC2010 group with many errors: its accuracy, the modal baseline's, and its commonest confusions.</summary>
/// <param name="Soc2010">The SOC2010 unit group.</param>
/// <param name="Titles">Its held-out titles.</param>
/// <param name="Errors">Those whose best candidate is wrong.</param>
/// <param name="Accuracy">The recoder's accuracy on them (0–1).</param>
/// <param name="ModalAccuracy">The modal baseline's accuracy on them (0–1).</param>
/// <param name="Confusions">Up to three commonest confusions, as <c>true→chosen ×count</c>.</param>
public sealed record GroupErrors(string Soc2010, int Titles, int Errors, double Accuracy, double ModalAccuracy, IReadOnlyList<string> Confusions);

/// <summary>
/// The recoder's held-out figures for one input variant: accuracy of the best candidate against the modal
/// baseline (every title of a SOC2010 group given its commonest SOC2020 group), what is auto-coded at the
/// threshold and how accurately, coverage and precision at other thresholds, and the worst SOC2010 groups.
/// "Split groups" are SOC2010 groups with more than one SOC2020 candidate, where a choice is needed.
/// </summary>
/// <param name="Folds">Cross-validation folds.</param>
/// <param name="FoldsRun">Folds evaluated (fewer when <see cref="EvaluationOptions.FoldsToRun"/> is set).</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Threshold">The recoder's review threshold.</param>
/// <param name="Overall">Accuracy of the best candidate on all titles.</param>
/// <param name="SplitGroups">Accuracy of the best candidate on titles of split groups.</param>
/// <param name="ModalOverall">The modal baseline's accuracy on all titles.</param>
/// <param name="ModalSplitGroups">The modal baseline's accuracy on titles of split groups.</param>
/// <param name="ByMethod">Accuracy by the method that decided (<see cref="RecodeMethods.Name"/>).</param>
/// <param name="AutoCoded">Accuracy of the titles coded automatically at the threshold.</param>
/// <param name="AutoCodedSplit">The same on titles of split groups.</param>
/// <param name="Coverage">Share of all titles coded automatically at the threshold.</param>
/// <param name="SplitCoverage">The same on titles of split groups.</param>
/// <param name="Curve">Coverage and precision at a range of thresholds.</param>
/// <param name="WorstGroups">Up to 15 SOC2010 groups with the most errors.</param>
/// <param name="FoldSeconds">Seconds each fold took.</param>
public sealed record RecodeEvaluationReport(
    int Folds,
    int FoldsRun,
    int Seed,
    double Threshold,
    Accuracy Overall,
    Accuracy SplitGroups,
    Accuracy ModalOverall,
    Accuracy ModalSplitGroups,
    IReadOnlyDictionary<string, Accuracy> ByMethod,
    Accuracy AutoCoded,
    Accuracy AutoCodedSplit,
    double Coverage,
    double SplitCoverage,
    IReadOnlyList<CoveragePoint> Curve,
    IReadOnlyList<GroupErrors> WorstGroups,
    IReadOnlyList<double> FoldSeconds)
{
    internal static RecodeEvaluationReport From(IReadOnlyList<RecodeOutcome> outcomes, EvaluationOptions options, IReadOnlyList<double> seconds)
    {
        var split = outcomes.Where(o => o.SplitGroup).ToArray();
        var threshold = options.Recode.Threshold;
        var byMethod = outcomes.GroupBy(o => o.Result.Method).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.Name(), g => Accuracy.Of(g, o => o.Correct));
        var auto = outcomes.Where(o => o.Result.IsCoded).ToArray();
        var curve = EvaluationOptions.Thresholds.Select(t =>
        {
            var kept = outcomes.Where(o => Confident(o, t)).ToArray();
            var keptSplit = split.Where(o => Confident(o, t)).ToArray();
            return new CoveragePoint(t, Share(kept.Length, outcomes.Count), Accuracy.Of(kept, o => o.Correct).Rate, kept.Length, outcomes.Count,
                Share(keptSplit.Length, split.Length), Accuracy.Of(keptSplit, o => o.Correct).Rate);
        }).ToArray();
        var worst = outcomes.GroupBy(o => o.Title.Soc2010)
            .Select(g => new GroupErrors(g.Key.ToString(), g.Count(), g.Count(o => !o.Correct), Accuracy.Of(g, o => o.Correct).Rate, Accuracy.Of(g, o => o.ModalCorrect).Rate,
                [.. g.Where(o => !o.Correct).GroupBy(o => $"{o.Truth}→{o.Result.Best?.ToString() ?? "none"}").OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal)
                    .Take(3).Select(x => $"{x.Key} ×{x.Count()}")]))
            .Where(g => g.Errors > 0)
            .OrderByDescending(g => g.Errors).ThenBy(g => g.Soc2010, StringComparer.Ordinal)
            .Take(15).ToArray();
        return new RecodeEvaluationReport(options.Folds, seconds.Count, options.Seed, threshold,
            Accuracy.Of(outcomes, o => o.Correct), Accuracy.Of(split, o => o.Correct),
            Accuracy.Of(outcomes, o => o.ModalCorrect), Accuracy.Of(split, o => o.ModalCorrect),
            byMethod, Accuracy.Of(auto, o => o.Correct), Accuracy.Of(auto.Where(o => o.SplitGroup), o => o.Correct),
            Share(auto.Length, outcomes.Count), Share(auto.Count(o => o.SplitGroup), split.Length), curve, worst, seconds);
    }

    /// <summary>Coded automatically at threshold t: a rule decided it, or its confidence reaches t.</summary>
    private static bool Confident(RecodeOutcome o, double t) =>
        o.Result.Method is RecodeMethod.ExactTitle or RecodeMethod.OneToOne || (o.Result.Method != RecodeMethod.Invalid && o.Result.Confidence >= t);

    private static double Share(int part, int whole) => whole == 0 ? double.NaN : part / (double)whole;

    /// <summary>The figures as the CLI prints them.</summary>
    /// <returns>Lines of text, each ending with a line break.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        string P(double v) => double.IsNaN(v) ? "n/a" : v.ToString("P2", CultureInfo.InvariantCulture);
        sb.AppendLine($"Recoder: grouped {Folds}-fold cross-validation on the ONS coding index (seed {Seed}; {FoldsRun} fold(s) run); held-out titles recoded from (title, SOC2010) alone");
        sb.AppendLine($"  accuracy (best candidate, 4-digit SOC2020)   all titles {Overall}   split groups {SplitGroups}");
        sb.AppendLine($"  modal baseline (same folds)                  all titles {ModalOverall}   split groups {ModalSplitGroups}");
        sb.AppendLine($"  at the threshold {Threshold.ToString("0.##", CultureInfo.InvariantCulture)}: auto-coded {P(Coverage)} of all titles at precision {P(AutoCoded.Rate)}; split groups {P(SplitCoverage)} at precision {P(AutoCodedSplit.Rate)}");
        sb.AppendLine("  by method:");
        foreach (var (method, acc) in ByMethod) sb.AppendLine($"    {method,-12} {acc}");
        sb.AppendLine("  coverage and precision by threshold (all titles | split groups):");
        foreach (var c in Curve)
            sb.AppendLine($"    ≥ {c.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}  coverage {P(c.Coverage),8}  precision {P(c.Precision),8}  |  coverage {P(c.SplitCoverage),8}  precision {P(c.SplitPrecision),8}");
        sb.AppendLine("  worst SOC2010 groups (errors; accuracy vs modal; commonest confusions true→chosen):");
        foreach (var g in WorstGroups)
            sb.AppendLine($"    {g.Soc2010}  {g.Errors,4} of {g.Titles,4}  {P(g.Accuracy),8} vs {P(g.ModalAccuracy),8}  {string.Join(", ", g.Confusions)}");
        sb.AppendLine($"  time per fold: {string.Join(", ", FoldSeconds.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture) + " s"))}");
        return sb.ToString();
    }
}
