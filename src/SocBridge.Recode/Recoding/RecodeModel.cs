using SocBridge.Recode.Calibration;
using SocBridge.Recode.Model;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>
/// The evidence built from the visible titles plus the confidence model fitted on out-of-fold
/// evidence: the visible titles are split into <see cref="RecodeOptions.CalibrationFolds"/> grouped
/// folds, evidence is built without each fold and scored on it, and the conditional logit is fitted
/// to those scores. The final evidence is then built from every visible title.
/// </summary>
internal sealed class RecodeModel
{
    private RecodeModel(RecodeEvidence evidence, ConfidenceModel confidence, ScoreCalibration topCalibration, int calibrationSets)
    {
        Evidence = evidence;
        Confidence = confidence;
        TopCalibration = topCalibration;
        CalibrationSets = calibrationSets;
    }

    /// <summary>
    /// Maps the conditional logit's probability of the best candidate to the observed rate at which the best
    /// candidate is right (isotonic, on the same out-of-fold sets): the logit ranks well but is too sure of
    /// itself in the middle of the range, and this makes a confidence of 0.7 mean about 70% right.
    /// </summary>
    public ScoreCalibration TopCalibration { get; }

    public RecodeEvidence Evidence { get; }

    public ConfidenceModel Confidence { get; }

    /// <summary>Held-out titles the confidence model was fitted on.</summary>
    public int CalibrationSets { get; }

    /// <summary>
    /// Version of the files <see cref="Write"/> produces and of what goes into a model; part of the model
    /// cache key, so a change to either makes cached models stale. Bump it when the title normalisation
    /// changes too: the lookup and reference files hold its output.
    /// </summary>
    internal const int FormatVersion = 8;

    private const string ClassifierFile = "recoder-classifier.zip";
    private const string ConfidenceFile = "recoder-confidence.bin";
    private const string LookupFile = "recoder-lookup.bin";
    private const string ReferencesFile = "recoder-references.bin";
    private const string SeeFile = "recoder-see.bin";

    /// <summary>The files <see cref="Write"/> produces.</summary>
    internal static IReadOnlyList<string> Files { get; } = [ClassifierFile, ConfidenceFile, LookupFile, ReferencesFile, SeeFile];

    /// <summary>
    /// Writes what was trained (the classifier and the confidence model) into <paramref name="directory"/>, and what
    /// the recoder would otherwise derive from the index at each start: the candidate table and exact-title lookup
    /// (<c>recoder-lookup.bin</c>), the reference titles with their normalised words (<c>recoder-references.bin</c>)
    /// and the index's SEE references (<c>recoder-see.bin</c>).
    /// </summary>
    internal void Write(string directory, RecodeCorpus corpus)
    {
        using (var stream = File.Create(Path.Combine(directory, ClassifierFile))) Evidence.Classifier.Write(stream);
        using (var writer = new BinaryWriter(File.Create(Path.Combine(directory, ConfidenceFile))))
        {
            writer.Write(CalibrationSets);
            writer.Write(Confidence.Coefficients.Count);
            foreach (var c in Confidence.Coefficients) writer.Write(c);
            TopCalibration.Write(writer);
        }
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(Path.Combine(directory, LookupFile)), 1 << 20)))
        {
            Evidence.Candidates.Write(writer);
            Evidence.Exact.Write(writer);
        }
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(Path.Combine(directory, ReferencesFile)), 1 << 20)))
            Evidence.References.Write(writer);
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(Path.Combine(directory, SeeFile)), 1 << 16)))
            (Evidence.See ?? new SeeReferences(corpus.Release.Index.Entries)).Write(writer);
    }

    /// <summary>
    /// A model from files <see cref="Write"/> produced for the same corpus and options; nothing is trained, and
    /// nothing is derived from the index. The candidate table and exact lookup, which every title needs, are read
    /// here (each SOC2010 group of the lookup decoded when a title of the group is first looked up), while ML.NET
    /// reads the classifier and the reference titles are read on other cores, waited for only when a title is
    /// first scored. The SEE references, which only titles read as free text need, are read into
    /// memory here (beside the hash check) and decoded on first use.
    /// </summary>
    internal static RecodeModel Read(string directory, RecodeCorpus corpus, RecodeOptions options)
    {
        var classifier = Task.Run(() =>
        {
            using var stream = File.OpenRead(Path.Combine(directory, ClassifierFile));
            return PairClassifier.Read(stream, options.Classifier);
        });
        var references = Task.Run(() =>
        {
            using var reader = new BinaryReader(new BufferedStream(File.OpenRead(Path.Combine(directory, ReferencesFile)), 1 << 16));
            return ReferenceIndex.Read(reader);
        });
        var seeBytes = File.ReadAllBytes(Path.Combine(directory, SeeFile));
        var see = new Lazy<SeeReferences>(() =>
        {
            using var reader = new BinaryReader(new MemoryStream(seeBytes, writable: false));
            return SeeReferences.Read(reader);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        int sets;
        double[] coefficients;
        ScoreCalibration top;
        using (var reader = new BinaryReader(File.OpenRead(Path.Combine(directory, ConfidenceFile))))
        {
            sets = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (count != RecodeEvidence.FeatureNames.Count) throw new InvalidDataException($"the confidence model has {count} coefficients; {RecodeEvidence.FeatureNames.Count} expected");
            coefficients = new double[count];
            for (var i = 0; i < count; i++) coefficients[i] = reader.ReadDouble();
            top = ScoreCalibration.Read(reader);
        }
        CandidateTable candidates;
        ExactTitleLookup exact;
        using (var reader = new BinaryReader(new BufferedStream(File.OpenRead(Path.Combine(directory, LookupFile)), 1 << 16)))
        {
            candidates = CandidateTable.Read(reader);
            exact = ExactTitleLookup.Read(reader);
        }
        var evidence = new RecodeEvidence(candidates, references, exact, classifier, options, see);
        return new RecodeModel(evidence, new ConfidenceModel(coefficients), top, sets);
    }

    /// <summary>Trains the model; <paramref name="step"/> hears of each finished part (calibration folds, then the final evidence).</summary>
    public static RecodeModel Build(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, RecodeOptions options, Action<string>? step = null)
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
                step?.Invoke("recoder classifier trained");
                return;
            }
            var train = visible.Where((_, i) => folds[i] != f).ToArray();
            var evidence = RecodeEvidence.Build(corpus, train, options);
            // Only titles with a choice to make inform the confidence model; the rest need no scoring.
            // Each held title is scored as the index gives it and as a plain title (no qualifiers), so the
            // confidence is calibrated for title lists that carry only a title and a SOC2010 code.
            var heldTitles = visible.Where((v, i) => folds[i] == f && evidence.Candidates.For(v.Soc2010) is { IsSingle: false }).ToArray();
            var held = heldTitles.Select(h => (h.Soc2010, h.Terms, h.Soc2020))
                .Concat(heldTitles.Where(h => h.Terms.Qualifiers.Length > 0).Select(h => (h.Soc2010, Terms: h.PlainTerms, h.Soc2020)))
                .ToArray();
            var scored = evidence.Score(held.Select(h => (h.Soc2010, h.Terms)).ToArray());
            // A set whose right answer is not among the candidates (-1) cannot inform the logit's likelihood,
            // but it is kept for the calibration of the best candidate, which is then wrong.
            var sets = new List<(IReadOnlyList<double[]>, int)>();
            for (var i = 0; i < held.Length; i++)
            {
                if (scored[i].Length < 2) continue;
                var correct = Array.FindIndex(scored[i], e => e.Candidate.Soc2020 == held[i].Soc2020);
                sets.Add((scored[i].Select(e => e.Features).ToArray(), correct));
            }
            perFold[f] = sets;
            step?.Invoke($"recoder calibration fold {f + 1}/{options.CalibrationFolds} scored");
        });
        var all = perFold.SelectMany(s => s).ToArray();
        var confidence = ConfidenceModel.Fit([.. all.Where(s => s.Item2 >= 0)], RecodeEvidence.FeatureNames.Count);
        var top = ScoreCalibration.Fit([.. all.Select(set =>
        {
            var p = confidence.Probabilities(set.Item1);
            var best = 0;
            for (var k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
            return (p[best], best == set.Item2);
        })]);
        return new RecodeModel(final!, confidence, top, all.Count(s => s.Item2 >= 0));
    }
}
