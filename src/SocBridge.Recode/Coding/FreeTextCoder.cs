using FuzzySharp;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Recode.Calibration;
using SocBridge.Recode.Industry;
using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Coding;

/// <summary>
/// How many nearest titles vote, how steeply a vote grows with similarity, the weight of the word
/// classifier against the vote, and the weight of the logistic model against both. All of them are part
/// of the model cache key.
/// </summary>
/// <param name="Neighbours">How many of the nearest reference titles vote for their groups.</param>
/// <param name="Power">A vote's weight is the title's similarity (0–1) to this power, so near titles count far more.</param>
/// <param name="Blend">The weight (0–1) of the word classifier's posterior against the neighbours' vote.</param>
/// <param name="Bayes">Settings of the word classifier; null for the defaults.</param>
/// <param name="SoftmaxWeight">The weight (0–1) of the logistic model's probabilities against the blend of vote and word classifier; 0 trains no logistic model.</param>
/// <param name="Softmax">Settings of the logistic model's training; null for the defaults.</param>
public sealed record CoderOptions(
    int Neighbours = 40,
    double Power = 8,
    double Blend = 0.5,
    BayesOptions? Bayes = null,
    double SoftmaxWeight = 0.3,
    SoftmaxOptions? Softmax = null);

/// <summary>An index or Volume 1 title that supports a coding candidate.</summary>
/// <param name="Title">The reference title as displayed (an index title with its qualifiers).</param>
/// <param name="Source"><c>index</c> for an ONS coding-index entry, <c>volume1</c> for a SOC2020 Volume 1 related job title.</param>
/// <param name="EntryId">The coding-index entry's id; null for a Volume 1 title.</param>
/// <param name="Soc2010">The title's SOC2010 unit group; empty for a Volume 1 title.</param>
/// <param name="Soc2020">The title's SOC2020 unit group.</param>
/// <param name="Soc2020Ext">The title's SOC2020 extension code; empty when it has none.</param>
/// <param name="Similarity">How close the title is to the query (0–1): the mean of FuzzySharp's token-set ratio and the IDF-weighted word overlap.</param>
public sealed record MatchedTitle(string Title, string Source, string? EntryId, string Soc2010, string Soc2020, string Soc2020Ext, double Similarity);

/// <summary>
/// A ranked SOC2020 group for a free-text title, with its SOC2010 counterpart and supporting titles.
/// <see cref="Score"/> is the group's share of the evidence (0–100); <see cref="Probability"/> is that
/// score calibrated on held-out titles (0–1): of the titles whose top candidate has probability 0.9,
/// about 90% are right.
/// </summary>
/// <param name="Rank">The candidate's rank, from 1.</param>
/// <param name="Soc2020">The SOC2020 unit group.</param>
/// <param name="Soc2020Title">Its title.</param>
/// <param name="Score">Its share of the evidence (0–100, one decimal); the scores of all groups sum to 100.</param>
/// <param name="Probability">The score calibrated to a probability of being right (0–1).</param>
/// <param name="Soc2010">The likeliest SOC2010 unit group for it; null when neither the index nor the crosswalk gives one.</param>
/// <param name="Soc2010Title">That group's title; empty when there is none.</param>
/// <param name="Soc2010Source"><c>index</c> when a matched index title gives the SOC2010 group, <c>crosswalk</c> when the crosswalk's likeliest source does, empty when neither.</param>
/// <param name="Matches">Up to three reference titles behind the candidate, closest first.</param>
public sealed record CodingCandidate(
    int Rank,
    SocCode Soc2020,
    string Soc2020Title,
    double Score,
    double Probability,
    SocCode? Soc2010,
    string Soc2010Title,
    string Soc2010Source,
    IReadOnlyList<MatchedTitle> Matches);

/// <summary>A ranked SOC2010 group for a free-text title.</summary>
/// <param name="Rank">The group's rank, from 1.</param>
/// <param name="Soc2010">The SOC2010 unit group.</param>
/// <param name="Title">Its title.</param>
/// <param name="Score">Its share of the evidence (0–100, one decimal).</param>
public sealed record Soc2010Candidate(int Rank, SocCode Soc2010, string Title, double Score);

/// <summary>The coder's answer: the text as understood, and candidates in both editions with scores 0–100.</summary>
/// <param name="Query">The title as given.</param>
/// <param name="Understood">The words the coder read from it (advert words dropped, short forms expanded, spelling corrected); empty when none are left.</param>
/// <param name="Candidates">SOC2020 candidates, best first; empty when nothing resembles the title.</param>
/// <param name="Soc2010Candidates">SOC2010 candidates, best first.</param>
public sealed record CodingResult(string Query, string Understood, IReadOnlyList<CodingCandidate> Candidates, IReadOnlyList<Soc2010Candidate> Soc2010Candidates)
{
    /// <summary>The top SOC2020 candidate; null when there is none.</summary>
    public CodingCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>
/// Codes free-text job titles to SOC2020 and SOC2010. The text is cleaned of advert words, short forms
/// are expanded and unknown words spelling-corrected; the nearest reference titles (coding index and
/// Volume 1 related titles) are found by shared rare words and scored by FuzzySharp and IDF overlap; the
/// nearest <see cref="CoderOptions.Neighbours"/> vote for their groups with weight similarity^<see cref="CoderOptions.Power"/>,
/// and a group's score (out of 100) blends its share of the votes with a naive Bayes word classifier's posterior
/// and a logistic model's probability. SOC2010 comes from the dual-coded index entries that matched, or, for a group
/// matched only through Volume 1, from the crosswalk's likeliest SOC2010 source.
/// </summary>
public sealed class FreeTextCoder
{
    private const int Shortlist = 60;
    private readonly SocRelease _release;
    private readonly ReferenceIndex _references;
    private readonly WordBayes _bayes2020;
    private readonly WordBayes _bayes2010;
    private readonly TitleSoftmax? _softmax2020;
    private readonly TitleSoftmax? _softmax2010;
    private readonly SeeReferences _see;
    private readonly Lazy<Dictionary<SocCode, int[]>> _byGroup;
    private readonly Dictionary<SocCode, SocCode?> _likeliestSource = [];
    private readonly Lock _sourceLock = new();

    internal FreeTextCoder(SocRelease release, ReferenceIndex references, CoderOptions? options = null)
        : this(release, references, options ?? new CoderOptions(), null, ScoreCalibration.Identity, soc2010Model: true)
    {
    }

    /// <summary>
    /// A coder over <paramref name="references"/>; the logistic models are trained unless <paramref name="trained"/>
    /// gives them (read from a model cache). Inner calibration folds skip the SOC2010 model they do not use.
    /// </summary>
    internal FreeTextCoder(SocRelease release, ReferenceIndex references, CoderOptions options,
        (TitleSoftmax? Soc2020, TitleSoftmax? Soc2010)? trained, ScoreCalibration calibration, bool soc2010Model)
        : this(release, references, options, CountBayes(references, options), new SeeReferences(release.Index.Entries), calibration)
    {
        if (trained is { } models)
        {
            (_softmax2020, _softmax2010) = models;
        }
        else if (Options.SoftmaxWeight > 0)
        {
            var (examples2020, examples2010) = Examples(references);
            // Each model trains on one thread with its own seed, so running the two side by side changes nothing.
            var soc2010 = Task.Run(() => soc2010Model && examples2010.Length > 0 ? TitleSoftmax.Train(examples2010, Options.Softmax) : null);
            _softmax2020 = TitleSoftmax.Train(examples2020, Options.Softmax);
            _softmax2010 = soc2010.GetAwaiter().GetResult();
        }
    }

    /// <summary>A coder from parts read back from a model cache: nothing is counted or trained.</summary>
    internal FreeTextCoder(SocRelease release, ReferenceIndex references, CoderOptions options,
        (TitleSoftmax? Soc2020, TitleSoftmax? Soc2010) softmax, (WordBayes Soc2020, WordBayes Soc2010) bayes, SeeReferences see, ScoreCalibration calibration)
        : this(release, references, options, bayes, see, calibration)
    {
        (_softmax2020, _softmax2010) = softmax;
    }

    private FreeTextCoder(SocRelease release, ReferenceIndex references, CoderOptions options, (WordBayes Soc2020, WordBayes Soc2010) bayes,
        SeeReferences see, ScoreCalibration calibration)
    {
        _release = release;
        _references = references;
        Options = options;
        Calibration = calibration;
        _see = see;
        (_bayes2020, _bayes2010) = bayes;
        // Only a group that none of the nearest titles belongs to needs its members: most runs never ask.
        _byGroup = new(() =>
        {
            var titles = references.Titles;
            return Enumerable.Range(0, titles.Count).GroupBy(i => titles[i].Soc2020).ToDictionary(g => g.Key, g => g.ToArray());
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static ((TitleTerms, SocCode)[] Soc2020, (TitleTerms, SocCode)[] Soc2010) Examples(ReferenceIndex references)
    {
        var titles = references.Titles;
        return ([.. titles.Select(t => (t.Terms, t.Soc2020))], [.. titles.Where(t => t.Soc2010 is not null).Select(t => (t.Terms, t.Soc2010!.Value))]);
    }

    /// <summary>The two word classifiers, counted over the reference titles in each edition (side by side).</summary>
    private static (WordBayes, WordBayes) CountBayes(ReferenceIndex references, CoderOptions options)
    {
        var (examples2020, examples2010) = Examples(references);
        var bayes2010 = Task.Run(() => new WordBayes(examples2010, options.Bayes));
        var bayes2020 = new WordBayes(examples2020, options.Bayes);
        return (bayes2020, bayes2010.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Maps a candidate's score to the probability that it is right, fitted on held-out titles when the
    /// coder was made by <see cref="Build"/>; the identity (score / 100) otherwise.
    /// </summary>
    internal ScoreCalibration Calibration { get; }

    internal (TitleSoftmax? Soc2020, TitleSoftmax? Soc2010) SoftmaxModels => (_softmax2020, _softmax2010);

    /// <summary>The index's SEE references the coder reads free text with (written to the model cache).</summary>
    internal SeeReferences See => _see;

    /// <summary>The word classifiers of both editions (written to the model cache beside the logistic models).</summary>
    internal (WordBayes Soc2020, WordBayes Soc2010) BayesModels => (_bayes2020, _bayes2010);

    /// <summary>
    /// A coder over the visible index titles and Volume 1, with its scores calibrated: the visible titles
    /// are split into 3 grouped folds, a coder built without each fold codes a seeded sample of that fold's
    /// titles (each clean, with a typo or with advert words, at random), and the top scores and whether they
    /// were right are fitted by isotonic regression (<see cref="ScoreCalibration"/>).
    /// </summary>
    internal static FreeTextCoder Build(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, CoderOptions? options = null, int seed = 1, Action<string>? log = null)
    {
        options ??= new CoderOptions();
        const int folds = 3;
        const int perFold = 2500;
        var fold = GroupedFolds.Assign(visible, GroupedFolds.TitleKeys, folds, seed + 104_729);
        var observations = new List<(double, bool)>[folds];
        FreeTextCoder? final = null;
        Parallel.For(0, folds + 1, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(2, Environment.ProcessorCount) }, f =>
        {
            if (f == folds)
            {
                final = new FreeTextCoder(corpus.Release, ReferenceTitles.Index(corpus, visible, withExtensions: true), options, null, ScoreCalibration.Identity, soc2010Model: true);
                log?.Invoke("free-text coder trained");
                return;
            }
            var train = visible.Where((_, i) => fold[i] != f).ToArray();
            var held = visible.Where((_, i) => fold[i] == f).ToArray();
            var random = new Random(seed * 7919 + 31 * f);
            random.Shuffle(held);
            var coder = new FreeTextCoder(corpus.Release, ReferenceTitles.Index(corpus, train, withExtensions: true), options, null, ScoreCalibration.Identity, soc2010Model: false);
            var list = new List<(double, bool)>(perFold);
            foreach (var h in held.Take(perFold))
            {
                var text = random.Next(3) switch
                {
                    0 => h.Entry.QualifiedTitle,
                    1 => Evaluation.Perturbation.Typo(h.Entry.QualifiedTitle, random),
                    _ => Evaluation.Perturbation.ExtraWords(h.Entry.QualifiedTitle, random),
                };
                var best = coder.Code(text, 1).Best;
                list.Add((best is null ? 0 : best.Score / 100, best?.Soc2020 == h.Soc2020));
            }
            observations[f] = list;
            log?.Invoke($"free-text calibration fold {f + 1}/{folds} coded");
        });
        var calibration = ScoreCalibration.Fit([.. observations.SelectMany(o => o)]);
        return new FreeTextCoder(corpus.Release, final!._references, options, final.SoftmaxModels, final.BayesModels, final.See, calibration);
    }

    /// <summary>The settings the coder was built with.</summary>
    public CoderOptions Options { get; }

    /// <summary>The release the coder was built from.</summary>
    public SocRelease Release => _release;

    /// <summary>The reference titles the coder compares against and learned from.</summary>
    internal ReferenceIndex References => _references;

    /// <summary>A calibrated coder over every coded index title and Volume 1 related title of the corpus (trains; see <see cref="ModelStore"/> to load a cached one).</summary>
    /// <param name="corpus">The release to code with.</param>
    /// <returns>A coder with the default <see cref="CoderOptions"/>.</returns>
    public static FreeTextCoder Create(RecodeCorpus corpus) => Build(corpus, corpus.IndexTitles);

    /// <summary>Codes a free-text title; <paramref name="industry"/> (a SIC2007 section or division, or free text) is read against the index's industry qualifiers.</summary>
    /// <param name="text">The job title as written; null or blank gives no candidates.</param>
    /// <param name="top">How many candidates to return in each edition, at least 1.</param>
    /// <param name="industry">The employer's industry; null when not known.</param>
    /// <returns>The words understood and the ranked candidates; no candidates when nothing resembles the title.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    public CodingResult Code(string? text, int top = 5, string? industry = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        return CodeTerms(text ?? "", IndustryContext.AddTo(Read(text), industry), top);
    }

    /// <summary>Codes a title already read into words.</summary>
    internal CodingResult CodeTerms(string query, TitleTerms terms, int top)
    {
        if (terms.IsEmpty) return new CodingResult(query, "", [], []);
        var nearest = _references.Nearest(terms, Shortlist);
        if (nearest.Count == 0) return new CodingResult(query, terms.Text, [], []);

        var neighbours = nearest.Take(Options.Neighbours).ToArray();
        var votes = neighbours.GroupBy(n => n.Reference.Soc2020)
            .ToDictionary(g => g.Key, g => (Score: g.Sum(n => Vote(n)), Titles: g.OrderByDescending(n => n.Blended).ToArray()));
        var byCode = Combine(votes.ToDictionary(kv => kv.Key, kv => kv.Value.Score), _bayes2020.Posterior(terms), _softmax2020?.Posterior(terms));
        var shares = byCode.Select(x => x.Score).ToArray();
        var candidates = new List<CodingCandidate>(top);
        for (var k = 0; k < byCode.Length && k < top; k++)
        {
            var code = byCode[k].Code;
            var titles = votes.TryGetValue(code, out var v) ? v.Titles : BestOfGroup(terms, code);
            var indexMatch = titles.FirstOrDefault(t => t.Reference.Soc2010 is not null);
            var soc2010 = indexMatch?.Reference.Soc2010 ?? LikeliestSource(code);
            var score = Math.Round(100 * shares[k], 1);
            candidates.Add(new CodingCandidate(k + 1, code, Title(SocVersion.Soc2020, code), score, Math.Round(Calibration.Apply(score / 100), 4),
                soc2010, soc2010 is { } s ? Title(SocVersion.Soc2010, s) : "",
                indexMatch is not null ? "index" : soc2010 is not null ? "crosswalk" : "",
                [.. titles.Take(3).Select(Match)]));
        }

        // SOC2010: index neighbours vote directly; Volume 1 neighbours vote through the crosswalk's likeliest source.
        var bySoc2010 = new Dictionary<SocCode, double>();
        foreach (var n in neighbours)
            if ((n.Reference.Soc2010 ?? LikeliestSource(n.Reference.Soc2020)) is { } s)
                bySoc2010[s] = bySoc2010.GetValueOrDefault(s) + Vote(n);
        var ordered = Combine(bySoc2010, _bayes2010.Posterior(terms), _softmax2010?.Posterior(terms));
        var shares2010 = ordered.Select(x => x.Score).ToArray();
        var soc2010Candidates = ordered.Take(top)
            .Select((x, k) => new Soc2010Candidate(k + 1, x.Code, Title(SocVersion.Soc2010, x.Code), Math.Round(100 * shares2010[k], 1)))
            .ToArray();
        return new CodingResult(query, terms.Text, candidates, soc2010Candidates);
    }

    /// <summary>The words the coder takes from a free-text title: advert words dropped, SEE references applied, spelling corrected.</summary>
    internal TitleTerms Read(string? text) => TitleTerms.ParseFreeText(text, _references.Vocabulary, _see);

    /// <summary>Codes many titles in parallel, without industry; results are in input order.</summary>
    /// <param name="texts">The job titles as written.</param>
    /// <param name="top">How many candidates to return per title in each edition, at least 1.</param>
    /// <param name="progress">Hears the number of titles done, every 1,000 titles and at the end; null for none.</param>
    /// <returns>One result per title, in input order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    public IReadOnlyList<CodingResult> CodeAll(IReadOnlyList<string?> texts, int top = 5, Action<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var results = new CodingResult[texts.Count];
        var done = 0;
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = Code(texts[i], top);
            var n = Interlocked.Increment(ref done);
            if (progress is not null && n % 1000 == 0) progress(n);
        });
        progress?.Invoke(texts.Count);
        return results;
    }

    /// <summary>
    /// Blends the neighbours' vote shares with the word classifier's posterior (weight <see cref="CoderOptions.Blend"/>),
    /// then that with the logistic model's probabilities (weight <see cref="CoderOptions.SoftmaxWeight"/>); a part
    /// with nothing to say gives its weight to the others. Scores sum to one, best first.
    /// </summary>
    private (SocCode Code, double Score)[] Combine(
        Dictionary<SocCode, double> votes, IReadOnlyDictionary<SocCode, double> posterior, IReadOnlyDictionary<SocCode, double>? softmax)
    {
        var total = votes.Values.Sum();
        var blend = posterior.Count == 0 ? 0 : total <= 0 ? 1 : Options.Blend;
        var known = total > 0 || posterior.Count > 0;
        var softWeight = softmax is not { Count: > 0 } ? 0 : known ? Options.SoftmaxWeight : 1;
        var scores = new Dictionary<SocCode, double>();
        if (total > 0)
            foreach (var (code, v) in votes) scores[code] = (1 - softWeight) * (1 - blend) * v / total;
        foreach (var (code, p) in posterior) scores[code] = scores.GetValueOrDefault(code) + (1 - softWeight) * blend * p;
        if (softmax is not null && softWeight > 0)
            foreach (var (code, p) in softmax) scores[code] = scores.GetValueOrDefault(code) + softWeight * p;
        return [.. scores.Select(kv => (Code: kv.Key, Score: kv.Value)).OrderByDescending(x => x.Score).ThenBy(x => x.Code)];
    }

    /// <summary>For a group none of the nearest titles belongs to: its reference title sharing the most rare words with the query.</summary>
    private ScoredReference[] BestOfGroup(TitleTerms query, SocCode code)
    {
        if (!_byGroup.Value.TryGetValue(code, out var members)) return [];
        var words = query.All.ToHashSet(StringComparer.Ordinal);
        var best = members
            .Select(i => _references.Titles[i])
            .Select(t => (Title: t, Overlap: t.Terms.All.Distinct().Where(words.Contains).Sum(_references.Idf)))
            .OrderByDescending(x => x.Overlap).ThenBy(x => x.Title.Terms.All.Length).ThenBy(x => x.Title.Display, StringComparer.Ordinal)
            .First();
        return [new ScoredReference(best.Title, Fuzz.TokenSetRatio(query.Text, best.Title.Terms.Text), best.Overlap, 0)];
    }

    private SocCode? LikeliestSource(SocCode soc2020)
    {
        lock (_sourceLock)
        {
            if (_likeliestSource.TryGetValue(soc2020, out var known)) return known;
            var mapping = _release.Crosswalk.Map(soc2020, WeightSelection.Default);
            SocCode? source = mapping.Targets.Count > 0 ? mapping.Targets[0].Code : null;
            _likeliestSource[soc2020] = source;
            return source;
        }
    }

    private static MatchedTitle Match(ScoredReference n) => new(
        n.Reference.Display, n.Reference.Source == ReferenceSource.CodingIndex ? "index" : "volume1", n.Reference.EntryId,
        n.Reference.Soc2010?.ToString() ?? "", n.Reference.Soc2020.ToString(), n.Reference.Soc2020Ext, Math.Round(n.Blended, 4));

    private string Title(SocVersion version, SocCode code) => _release.Hierarchy(version).TryGet(code, out var g) ? g.DisplayTitle : "";

    private double Vote(ScoredReference n) => Math.Pow(n.Blended, Options.Power);
}
