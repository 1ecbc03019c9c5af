using System.Globalization;
using System.Text;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Evaluation;

/// <summary>Accuracy of a set of titles: how many, how many right.</summary>
public sealed record Accuracy(int Titles, int Correct)
{
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

    public override string ToString() => Titles == 0 ? "n/a" : $"{Rate.ToString("P2", CultureInfo.InvariantCulture)} ({Correct:N0}/{Titles:N0})";
}

/// <summary>At one threshold: the share of titles coded automatically and the accuracy of those.</summary>
public sealed record CoveragePoint(double Threshold, double Coverage, double Precision, int Coded, int Titles, double SplitCoverage, double SplitPrecision);

/// <summary>A SOC2010 group with many errors: its accuracy, the modal baseline's, and its commonest confusions.</summary>
public sealed record GroupErrors(string Soc2010, int Titles, int Errors, double Accuracy, double ModalAccuracy, IReadOnlyList<string> Confusions);

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
