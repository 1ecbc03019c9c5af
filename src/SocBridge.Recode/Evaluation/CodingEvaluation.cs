using System.Globalization;
using System.Text;
using SocBridge.Recode.Calibration;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Evaluation;

/// <summary>Which version of a held-out title was coded.</summary>
internal enum TitleVariant
{
    Clean,
    Typo,
    ExtraWords,
}

/// <summary>
/// Where the right codes came in the coder's ranking of one held-out title (0 when absent), and whether
/// the visible titles held its SOC2020 group under any of its words at all.
/// </summary>
internal sealed record CodingOutcome(IndexTitle Title, TitleVariant Variant, string Text, int Soc2020Rank, int Soc2010Rank, TitleReach Reach, double TopScore, double TopProbability = double.NaN);

/// <summary>Of the clean titles whose top SOC2020 candidate scores at least <see cref="MinScore"/>: their share, and how many of those are right.</summary>
/// <param name="MinScore">The score cut-off (0–100).</param>
/// <param name="Titles">Clean titles whose top score reaches it.</param>
/// <param name="Coverage">Their share of the clean titles.</param>
/// <param name="Precision">Share of them whose top candidate is right; NaN when there are none.</param>
public sealed record ScoreBand(double MinScore, int Titles, double Coverage, double Precision);

/// <summary>
/// Top-1 and top-5 rates of one variant, at 4-digit SOC2020 and SOC2010, and the shares of its titles
/// whose head word, or any word, was seen in a visible title of their SOC2020 group.
/// </summary>
/// <param name="Variant"><c>clean</c>, <c>typo</c> or <c>extrawords</c>: the title as listed, with a typo, or with advert words added.</param>
/// <param name="Titles">Titles coded in this variant.</param>
/// <param name="Soc2020Top1">Share whose SOC2020 group is ranked first.</param>
/// <param name="Soc2020Top5">Share whose SOC2020 group is in the top five.</param>
/// <param name="Soc2010Top1">Share whose SOC2010 group is ranked first.</param>
/// <param name="Soc2010Top5">Share whose SOC2010 group is in the top five.</param>
/// <param name="HeadWordReach">Share whose head word occurs in a visible title of their SOC2020 group.</param>
/// <param name="AnyWordReach">Share with any word in a visible title of their SOC2020 group.</param>
public sealed record CodingAccuracy(
    string Variant, int Titles, double Soc2020Top1, double Soc2020Top5, double Soc2010Top1, double Soc2010Top5,
    double HeadWordReach, double AnyWordReach);

/// <summary>
/// The coder's held-out accuracy by variant, how far the top score can be trusted (<see cref="ScoreBands"/>:
/// a user auto-coding titles whose top score passes a cut-off gets that coverage at that precision), and examples missed.
/// </summary>
/// <param name="Variants">Accuracy per variant (clean, typo, extra words).</param>
/// <param name="ScoreBands">Coverage and precision of the clean titles at a range of score cut-offs.</param>
/// <param name="ExamplesMissed">Up to 12 clean titles whose group was not ranked first, with the rank it got.</param>
public sealed record CodingEvaluationReport(IReadOnlyList<CodingAccuracy> Variants, IReadOnlyList<ScoreBand> ScoreBands, IReadOnlyList<string> ExamplesMissed)
{
    /// <summary>Predicted (calibrated probability of the top candidate) against observed top-1 accuracy, per variant.</summary>
    public IReadOnlyList<ReliabilityCurve> Reliability { get; init; } = [];

    internal static IReadOnlyList<double> ScoreCutOffs { get; } = [0, 30, 40, 50, 60, 70, 80, 90];

    internal static CodingEvaluationReport From(IReadOnlyList<CodingOutcome> outcomes)
    {
        var variants = Enum.GetValues<TitleVariant>().Select(v =>
        {
            var o = outcomes.Where(x => x.Variant == v).ToArray();
            double Rate(Func<CodingOutcome, bool> ok) => o.Length == 0 ? double.NaN : o.Count(ok) / (double)o.Length;
            return new CodingAccuracy(v.ToString().ToLowerInvariant(), o.Length,
                Rate(x => x.Soc2020Rank == 1), Rate(x => x.Soc2020Rank is >= 1 and <= 5), Rate(x => x.Soc2010Rank == 1), Rate(x => x.Soc2010Rank is >= 1 and <= 5),
                Rate(x => x.Reach.HeadWord), Rate(x => x.Reach.AnyWord));
        }).ToArray();
        var missed = outcomes.Where(o => o.Variant == TitleVariant.Clean && o.Soc2020Rank != 1).Take(12)
            .Select(o => $"{o.Text} → SOC2020 {o.Title.Soc2020} ranked {(o.Soc2020Rank == 0 ? "absent" : o.Soc2020Rank.ToString(CultureInfo.InvariantCulture))}").ToArray();
        var clean = outcomes.Where(o => o.Variant == TitleVariant.Clean).ToArray();
        var bands = ScoreCutOffs.Select(cut =>
        {
            var kept = clean.Where(o => o.TopScore >= cut).ToArray();
            return new ScoreBand(cut, kept.Length, clean.Length == 0 ? double.NaN : kept.Length / (double)clean.Length,
                kept.Length == 0 ? double.NaN : kept.Count(o => o.Soc2020Rank == 1) / (double)kept.Length);
        }).ToArray();
        var reliability = Enum.GetValues<TitleVariant>()
            .Select(v => ReliabilityCurve.From($"free-text coder, {v.ToString().ToLowerInvariant()} titles (top candidate)",
                outcomes.Where(o => o.Variant == v && !double.IsNaN(o.TopProbability)).Select(o => (o.TopProbability, o.Soc2020Rank == 1))))
            .Where(c => c.Bands.Any(b => b.Titles > 0))
            .ToArray();
        return new CodingEvaluationReport(variants, bands, missed) { Reliability = reliability };
    }

    /// <summary>The figures as the CLI prints them.</summary>
    /// <returns>Lines of text, each ending with a line break.</returns>
    public string ToText()
    {
        string P(double v) => double.IsNaN(v) ? "n/a" : v.ToString("P2", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine("Free-text coder on the held-out titles (same folds; no SOC2010 given):");
        sb.AppendLine("    variant        titles   SOC2020 top-1  top-5    SOC2010 top-1  top-5");
        foreach (var v in Variants)
            sb.AppendLine($"    {v.Variant,-12} {v.Titles,8:N0}   {P(v.Soc2020Top1),12} {P(v.Soc2020Top5),8}   {P(v.Soc2010Top1),12} {P(v.Soc2010Top5),8}");
        if (Variants.FirstOrDefault(v => v.Variant == "clean") is { Titles: > 0 } clean)
        {
            sb.AppendLine($"  title evidence: {P(clean.AnyWordReach)} of the clean titles share a word with a visible title of their own SOC2020 group,");
            sb.AppendLine($"  {P(clean.HeadWordReach)} their head word; the rest can only be coded right from shared letters or by chance.");
        }
        sb.AppendLine("  clean titles by top SOC2020 score (auto-code at or above the cut-off):");
        sb.AppendLine("    score ≥    titles   coverage   top-1 precision");
        foreach (var b in ScoreBands)
            sb.AppendLine($"    {b.MinScore,7:0} {b.Titles,9:N0} {P(b.Coverage),10} {P(b.Precision),17}");
        sb.AppendLine("  reliability of the calibrated probability (predicted vs observed top-1 accuracy by band):");
        foreach (var curve in Reliability) sb.Append(EvaluationReport.Reliability(curve));
        sb.AppendLine("  examples missed at top-1:");
        foreach (var m in ExamplesMissed) sb.AppendLine("    " + m);
        return sb.ToString();
    }
}

/// <summary>
/// Both halves of an evaluation run. <see cref="Recoder"/> is the recoder on titles with their qualifiers;
/// <see cref="Variants"/> holds it with plain titles and plain titles with advert noise, on the same folds;
/// <see cref="Industry"/> compares plain titles with and without their industry.
/// </summary>
/// <param name="Recoder">The recoder's figures on titles with their qualifiers.</param>
/// <param name="Coder">The free-text coder's figures; null when it was not evaluated.</param>
public sealed record EvaluationReport(RecodeEvaluationReport Recoder, CodingEvaluationReport? Coder)
{
    /// <summary>The recoder's figures per input variant (the first is <see cref="Recoder"/>), on the same folds.</summary>
    public IReadOnlyList<RecodeVariantReport> Variants { get; init; } = [];

    /// <summary>Plain titles with an industry qualifier, recoded without and with their industry; null when not evaluated.</summary>
    public IndustryReport? Industry { get; init; }

    /// <summary>Where the errors on plain titles come from; null when not evaluated.</summary>
    public PlainTitleLimits? PlainTitles { get; init; }

    /// <summary>Every held-out title's outcome per variant, behind <see cref="WritePredictions"/>.</summary>
    internal IReadOnlyList<(string Variant, IReadOnlyList<RecodeOutcome> Outcomes)> Outcomes { get; init; } = [];

    /// <summary>
    /// Writes every held-out decision as CSV, one row per title and input variant: the variant, the fold, the index
    /// record number, the SOC2010 group, the title as given and as the index has it, the right SOC2020 group, the
    /// best candidate, whether it is right, the method, the confidence, the runner-up and margin, whether the group is
    /// split, the modal baseline's choice and the recoder's note. The file is written whole or not at all.
    /// </summary>
    /// <param name="path">The CSV file to write; an existing file is replaced.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void WritePredictions(string path) => EvaluationPredictions.Write(path, Outcomes);

    /// <summary>The whole report as <c>socbridge recode evaluate</c> prints it.</summary>
    /// <returns>Lines of text, each ending with a line break.</returns>
    public string ToText()
    {
        static string P(double v) => double.IsNaN(v) ? "n/a" : v.ToString("P2", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        if (Variants.Count > 0)
        {
            var t = Recoder.Threshold.ToString("0.##", CultureInfo.InvariantCulture);
            sb.AppendLine($"Recoder by input variant (same grouped folds; best guess, and auto-coded at the threshold {t}):");
            sb.AppendLine("    variant                        all titles   split groups   modal all   modal split   split auto-coded   split precision   all auto-coded   all precision");
            foreach (var v in Variants)
            {
                var r = v.Report;
                sb.AppendLine($"    {v.Variant,-28} {P(r.Overall.Rate),12} {P(r.SplitGroups.Rate),14} {P(r.ModalOverall.Rate),11} {P(r.ModalSplitGroups.Rate),13} {P(r.SplitCoverage),18} {P(r.AutoCodedSplit.Rate),17} {P(r.Coverage),16} {P(r.AutoCoded.Rate),15}");
            }
            sb.AppendLine();
            sb.AppendLine("Reliability of the recoder's confidence (titles with a choice; predicted vs observed accuracy by band):");
            foreach (var v in Variants) sb.Append(Reliability(v.Reliability));
            sb.AppendLine();
        }
        if (Industry is { } ind)
        {
            sb.AppendLine($"Industry context: held-out titles whose entry has an IND qualifier ({ind.Without.Titles:N0}), recoded as plain titles;");
            sb.AppendLine($"  the industry is the SIC2007 division sharing most words with the qualifier ({P(ind.AsSicDivision)} of titles), else the qualifier as free text");
            sb.AppendLine($"    without industry   all {ind.Without}   split groups {ind.SplitWithout}   auto-coded {P(ind.AutoWithout)} at {P(ind.AutoCodedWithout.Rate)}");
            sb.AppendLine($"    with industry      all {ind.With}   split groups {ind.SplitWith}   auto-coded {P(ind.AutoWith)} at {P(ind.AutoCodedWith.Rate)}");
            sb.AppendLine();
        }
        if (PlainTitles is { } lim)
        {
            static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);
            sb.AppendLine($"Limits of plain titles: {N(lim.Errors)} errors on {N(lim.Titles)} held-out titles recoded without their qualifiers");
            sb.AppendLine($"  right group not among the fold's candidates (no visible index title or crosswalk link on the pair)   {N(lim.NotACandidate),6}");
            sb.AppendLine($"  plain title shared in its SOC2010 group with held-out titles coded elsewhere by qualifier          {N(lim.SharedPlainTitles),6}");
            sb.AppendLine($"    of which one answer per plain title gets at most {N(lim.SharedBestPossible)} right; the recoder gets {N(lim.SharedRight)}");
            sb.AppendLine($"  other titles right with their qualifiers and wrong without them                                    {N(lim.LostWithoutQualifiers),6}");
            sb.AppendLine($"  unavoidable here {N(lim.Unavoidable)}: no recoder of these plain titles can pass {P(lim.Ceiling)}");
            sb.AppendLine();
        }
        sb.Append(Recoder.ToText());
        foreach (var v in Variants.Skip(1))
        {
            sb.AppendLine();
            sb.AppendLine($"[{v.Variant}]");
            sb.Append(v.Report.ToText());
        }
        if (Coder is not null) sb.AppendLine().Append(Coder.ToText());
        return sb.ToString();
    }

    internal static string Reliability(ReliabilityCurve curve)
    {
        static string P(double v) => double.IsNaN(v) ? "n/a" : v.ToString("P1", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine($"  {curve.Name}: worst gap {P(curve.WorstGap())} over bands of 100+ titles");
        sb.AppendLine("    band            titles   predicted   observed      gap");
        foreach (var b in curve.Bands)
            sb.AppendLine($"    {b.From.ToString("0.00", CultureInfo.InvariantCulture)}–{b.To.ToString("0.00", CultureInfo.InvariantCulture)}   {b.Titles,9:N0} {P(b.MeanPredicted),11} {P(b.Observed),10} {(double.IsNaN(b.Gap) ? "" : (b.Gap * 100).ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture) + " pt"),8}");
        return sb.ToString();
    }
}

/// <summary>Codes held-out titles clean, with a typo and with advert words added, and records where the right codes rank.</summary>
internal static class CodingEvaluation
{
    public static IEnumerable<CodingOutcome> Evaluate(FreeTextCoder coder, IReadOnlyList<IndexTitle> held, int fold, int seed)
    {
        var random = new Random(seed * 7919 + fold);
        var jobs = new List<(IndexTitle Title, TitleVariant Variant, string Text)>(held.Count * 3);
        foreach (var h in held)
        {
            var text = h.Entry.QualifiedTitle;
            jobs.Add((h, TitleVariant.Clean, text));
            jobs.Add((h, TitleVariant.Typo, Perturbation.Typo(text, random)));
            jobs.Add((h, TitleVariant.ExtraWords, Perturbation.ExtraWords(text, random)));
        }
        var results = coder.CodeAll(jobs.Select(j => (string?)j.Text).ToArray(), 5);
        var evidence = new TitleEvidence(coder.References);
        for (var i = 0; i < jobs.Count; i++)
        {
            var r = results[i];
            var (title, variant, text) = jobs[i];
            var rank2020 = r.Candidates.FirstOrDefault(c => c.Soc2020 == title.Soc2020)?.Rank ?? 0;
            var rank2010 = r.Soc2010Candidates.FirstOrDefault(c => c.Soc2010 == title.Soc2010)?.Rank ?? 0;
            var reach = evidence.Reach(coder.Read(text), title.Soc2020);
            yield return new CodingOutcome(title, variant, text, rank2020, rank2010, reach, r.Best?.Score ?? 0, r.Best?.Probability ?? 0);
        }
    }
}
