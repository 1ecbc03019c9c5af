namespace SocBridge.Recode.Recoding;

/// <summary>
/// The evidence built from the visible titles plus the confidence model fitted on out-of-fold
/// evidence: the visible titles are split into <see cref="RecodeOptions.CalibrationFolds"/> grouped
/// folds, evidence is built without each fold and scored on it, and the conditional logit is fitted
/// to those scores. The final evidence is then built from every visible title.
/// </summary>
public sealed class RecodeModel
{
    private RecodeModel(RecodeEvidence evidence, ConfidenceModel confidence, int calibrationSets)
    {
        Evidence = evidence;
        Confidence = confidence;
        CalibrationSets = calibrationSets;
    }

    public RecodeEvidence Evidence { get; }

    public ConfidenceModel Confidence { get; }

    /// <summary>Held-out titles the confidence model was fitted on.</summary>
    public int CalibrationSets { get; }

    public static RecodeModel Build(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, RecodeOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var folds = GroupedFolds.Assign(visible, GroupedFolds.TitleKeys, options.CalibrationFolds, options.Seed + 7919);
        var perFold = new List<(IReadOnlyList<double[]>, int)>[options.CalibrationFolds + 1];
        RecodeEvidence? final = null;
        Parallel.For(0, options.CalibrationFolds + 1, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(2, Environment.ProcessorCount) }, f =>
        {
            if (f == options.CalibrationFolds)
            {
                final = RecodeEvidence.Build(corpus, visible, options);
                perFold[f] = [];
                return;
            }
            var train = visible.Where((_, i) => folds[i] != f).ToArray();
            var evidence = RecodeEvidence.Build(corpus, train, options);
            // Only titles with a choice to make inform the confidence model; the rest need no scoring.
            var held = visible.Where((v, i) => folds[i] == f && evidence.Candidates.For(v.Soc2010) is { IsSingle: false }).ToArray();
            var scored = evidence.Score(held.Select(h => (h.Soc2010, h.Terms)).ToArray());
            var sets = new List<(IReadOnlyList<double[]>, int)>();
            for (var i = 0; i < held.Length; i++)
            {
                if (scored[i].Length < 2) continue;
                var correct = Array.FindIndex(scored[i], e => e.Candidate.Soc2020 == held[i].Soc2020);
                if (correct >= 0) sets.Add((scored[i].Select(e => e.Features).ToArray(), correct));
            }
            perFold[f] = sets;
        });
        var all = perFold.SelectMany(s => s).ToArray();
        var confidence = ConfidenceModel.Fit(all, RecodeEvidence.FeatureNames.Count);
        return new RecodeModel(final!, confidence, all.Length);
    }
}
