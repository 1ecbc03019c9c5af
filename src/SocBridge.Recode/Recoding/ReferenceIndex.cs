using FuzzySharp;
using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>
/// A reference title compared with a query: FuzzySharp's token-set ratio (0–100, forgiving extra words
/// on either side), the IDF weight of the shared words, and their IDF-weighted F1 (0–1), which, unlike the
/// token-set ratio, drops when either title has words the other lacks.
/// </summary>
public sealed record ScoredReference(ReferenceTitle Reference, int Similarity, double Overlap, double IdfF1)
{
    /// <summary>One similarity in 0–1 for ranking titles: the mean of the token-set ratio and the IDF F1.</summary>
    public double Blended => (Similarity / 100.0 + IdfF1) / 2;
}

/// <summary>
/// Finds the reference titles nearest a query: a shortlist by shared words weighted by rarity (IDF),
/// then FuzzySharp's token-set ratio on the shortlist, which forgives word order and extra words.
/// </summary>
public sealed class ReferenceIndex
{
    private readonly ReferenceTitle[] _titles;
    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<string, double> _idf;
    private readonly double[] _idfTotal;

    public ReferenceIndex(IReadOnlyList<ReferenceTitle> titles)
    {
        _titles = [.. titles];
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _titles.Length; i++)
            foreach (var token in _titles[i].Terms.All.Distinct())
            {
                if (!postings.TryGetValue(token, out var list)) postings[token] = list = [];
                list.Add(i);
            }
        _postings = postings.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _idf = _postings.ToDictionary(kv => kv.Key, kv => Math.Log(1 + _titles.Length / (double)kv.Value.Length), StringComparer.Ordinal);
        _idfTotal = [.. _titles.Select(t => t.Terms.All.Distinct().Sum(x => _idf[x]))];
        Vocabulary = new Vocabulary(_postings.ToDictionary(kv => kv.Key, kv => kv.Value.Length, StringComparer.Ordinal));
    }

    public IReadOnlyList<ReferenceTitle> Titles => _titles;

    public Vocabulary Vocabulary { get; }

    public double Idf(string token) => _idf.GetValueOrDefault(token, Math.Log(1 + _titles.Length));

    /// <summary>
    /// The nearest titles by similarity: the best <paramref name="limit"/> by shared words overall and,
    /// when <paramref name="soc2010"/> is given, also the best <paramref name="limit"/> coded to it.
    /// </summary>
    public IReadOnlyList<ScoredReference> Nearest(TitleTerms query, int limit, SocCode? soc2010 = null)
    {
        if (query.IsEmpty) return [];
        var overlap = new Dictionary<int, double>();
        foreach (var token in query.All.Distinct())
        {
            if (!_postings.TryGetValue(token, out var docs)) continue;
            var w = _idf[token];
            foreach (var d in docs) overlap[d] = overlap.GetValueOrDefault(d) + w;
        }
        if (overlap.Count == 0) return [];
        var chosen = new HashSet<int>(TopByOverlap(overlap, limit, _ => true));
        if (soc2010 is { } group)
            chosen.UnionWith(TopByOverlap(overlap, limit, d => _titles[d].Soc2010 == group));
        var text = query.Text;
        var queryTotal = query.All.Distinct().Sum(Idf);
        return chosen
            .Select(d => new ScoredReference(_titles[d], Fuzz.TokenSetRatio(text, _titles[d].Terms.Text), overlap[d], 2 * overlap[d] / (queryTotal + _idfTotal[d])))
            .OrderByDescending(s => s.Blended).ThenByDescending(s => s.Overlap).ThenBy(s => s.Reference.Display, StringComparer.Ordinal)
            .ToArray();
    }

    private IEnumerable<int> TopByOverlap(Dictionary<int, double> overlap, int limit, Func<int, bool> keep) =>
        overlap.Where(kv => keep(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => _titles[kv.Key].Terms.All.Length).ThenBy(kv => kv.Key)
            .Take(limit).Select(kv => kv.Key);
}
