using SocBridge.Core.Classification;
using SocBridge.Recode.Model;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>The evidence for one candidate of one title: its feature vector and what the vector was made from.</summary>
internal sealed record CandidateEvidence(Candidate Candidate, double[] Features, double FuzzyGroup, double FuzzyCode, double ClassifierScore, IReadOnlyList<ScoredReference> Nearest);

/// <summary>
/// What the recoder knows from the titles it is allowed to see: candidate sets, exact-title lookup,
/// reference titles for FuzzySharp and the trained classifier; and the feature vectors it derives for
/// a title's candidates. Cross-validation builds one per fold from the other folds' titles only.
/// </summary>
internal sealed class RecodeEvidence
{
    /// <summary>Names of the feature vector's entries, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["log_crosswalk_prior", "log_index_share", "fuzzy_same_soc2010", "fuzzy_any", "classifier", "nearest_vote", "idf_overlap_same_soc2010", "idf_overlap_any"];

    private readonly Task<ReferenceIndex> _references;
    private readonly Task<PairClassifier> _classifier;
    private readonly Lazy<SeeReferences>? _see;

    private RecodeEvidence(CandidateTable candidates, ReferenceIndex references, ExactTitleLookup exact, PairClassifier classifier, RecodeOptions options)
        : this(candidates, Task.FromResult(references), exact, Task.FromResult(classifier), options, null)
    {
    }

    /// <summary>
    /// Evidence read from a model cache: the reference titles and the classifier may still be being read on other
    /// cores (the first use waits for them), and the index's SEE references are read when first needed.
    /// </summary>
    internal RecodeEvidence(CandidateTable candidates, Task<ReferenceIndex> references, ExactTitleLookup exact, Task<PairClassifier> classifier,
        RecodeOptions options, Lazy<SeeReferences>? see)
    {
        Candidates = candidates;
        _references = references;
        Exact = exact;
        _classifier = classifier;
        Options = options;
        _see = see;
    }

    public CandidateTable Candidates { get; }
    public ReferenceIndex References => _references.GetAwaiter().GetResult();
    public ExactTitleLookup Exact { get; }
    public PairClassifier Classifier => _classifier.GetAwaiter().GetResult();
    public RecodeOptions Options { get; }

    /// <summary>The index's SEE references when they came with the evidence (from a model cache); null when the recoder derives them from the index.</summary>
    internal SeeReferences? See => _see?.Value;

    public static RecodeEvidence Build(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, RecodeOptions options) =>
        Build(corpus, visible, options, (PairClassifier?)null);

    /// <summary>The evidence from the visible titles; the classifier is trained unless one is given (read from a model cache).</summary>
    internal static RecodeEvidence Build(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, RecodeOptions options, PairClassifier? classifier)
    {
        var candidates = CandidateTable.Build(corpus.Release, visible.Select(v => v.Entry), options.Weights);
        var exact = new ExactTitleLookup(visible.Select(v => (v.Entry, v.Terms)));
        classifier ??= PairClassifier.Train(Examples(corpus, visible, candidates), options.Classifier);
        return new RecodeEvidence(candidates, ReferenceTitles.Index(corpus, visible), exact, classifier, options);
    }

    private static List<ClassifierExample> Examples(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, CandidateTable table)
    {
        var rivals = new Dictionary<SocCode, HashSet<SocCode>>();
        foreach (var set in table.Sets)
            foreach (var c in set.Candidates)
            {
                if (!rivals.TryGetValue(c.Soc2020, out var r)) rivals[c.Soc2020] = r = [];
                r.UnionWith(set.Candidates.Select(x => x.Soc2020));
            }
        IReadOnlyList<SocCode> RivalsOf(SocCode code) => rivals.TryGetValue(code, out var r) ? [.. r.Order()] : [];
        var examples = new List<ClassifierExample>(visible.Count + corpus.Volume1.Count);
        foreach (var v in visible)
        {
            var set = table.For(v.Soc2010);
            var own = set is { IsSingle: false } ? set.Candidates.Select(c => c.Soc2020).ToArray() : RivalsOf(v.Soc2020);
            examples.Add(new ClassifierExample(v.Terms, v.Soc2020, own, 1f, v.Soc2010));
        }
        foreach (var t in corpus.Volume1)
            examples.Add(new ClassifierExample(t.Terms, t.Soc2020, RivalsOf(t.Soc2020), t.IsTitle ? 1f : 0.5f));
        return examples;
    }

    /// <summary>The evidence for every candidate of each (SOC2010 group, title); an empty array where the group has no candidate set.</summary>
    public CandidateEvidence[][] Score(IReadOnlyList<(SocCode Soc2010, TitleTerms Terms)> items)
    {
        var sets = new CandidateSet?[items.Count];
        var nearest = new IReadOnlyList<ScoredReference>[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            sets[i] = Candidates.For(items[i].Soc2010);
            nearest[i] = sets[i] is null ? [] : References.Nearest(items[i].Terms, Options.Shortlist, items[i].Soc2010);
        });
        var pairs = new List<(TitleTerms, SocCode?, SocCode)>();
        for (var i = 0; i < items.Count; i++)
            if (sets[i] is { } set)
                foreach (var c in set.Candidates) pairs.Add((items[i].Terms, items[i].Soc2010, c.Soc2020));
        var scores = Classifier.Score(pairs);
        var result = new CandidateEvidence[items.Count][];
        var p = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (sets[i] is not { } set)
            {
                result[i] = [];
                continue;
            }
            var g = items[i].Soc2010;
            var near = nearest[i];
            var vote = NearestVote(near, g);
            var evidence = new CandidateEvidence[set.Candidates.Count];
            for (var k = 0; k < set.Candidates.Count; k++)
            {
                var c = set.Candidates[k];
                var own = near.Where(n => n.Reference.Soc2020 == c.Soc2020).ToArray();
                var fuzzyGroup = own.Where(n => n.Reference.Soc2010 == g).Select(n => n.Similarity / 100.0).DefaultIfEmpty(0).Max();
                var fuzzyCode = own.Select(n => n.Similarity / 100.0).DefaultIfEmpty(0).Max();
                var overlapGroup = own.Where(n => n.Reference.Soc2010 == g).Select(n => n.IdfF1).DefaultIfEmpty(0).Max();
                var overlapCode = own.Select(n => n.IdfF1).DefaultIfEmpty(0).Max();
                var classifier = Math.Clamp((double)scores[p++], -20, 20);
                double[] features =
                [
                    Math.Log(c.Prior(set)), Math.Log(c.IndexShare(set)), fuzzyGroup, fuzzyCode, classifier / 4, vote.GetValueOrDefault(c.Soc2020),
                    overlapGroup, overlapCode,
                ];
                evidence[k] = new CandidateEvidence(c, features, fuzzyGroup, fuzzyCode, classifier, own);
            }
            result[i] = evidence;
        }
        return result;
    }

    /// <summary>Similarity-weighted vote of the five nearest reference titles of the same SOC2010 group.</summary>
    private static Dictionary<SocCode, double> NearestVote(IReadOnlyList<ScoredReference> nearest, SocCode soc2010)
    {
        var top = nearest.Where(n => n.Reference.Soc2010 == soc2010).Take(5).ToArray();
        var weights = top.Select(n => Math.Pow(n.Similarity / 100.0, 4)).ToArray();
        var total = weights.Sum();
        var vote = new Dictionary<SocCode, double>();
        if (total <= 0) return vote;
        for (var i = 0; i < top.Length; i++)
            vote[top[i].Reference.Soc2020] = vote.GetValueOrDefault(top[i].Reference.Soc2020) + weights[i] / total;
        return vote;
    }
}
