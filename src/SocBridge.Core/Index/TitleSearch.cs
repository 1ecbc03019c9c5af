using SocBridge.Core.Text;

namespace SocBridge.Core.Index;

/// <summary>An index entry found by a title search, with its relevance score (higher is better).</summary>
/// <param name="Entry">The entry found (for a "see another entry" reference, the entry it resolves to).</param>
/// <param name="Score">The relevance score, rounded to 6 decimals.</param>
/// <param name="ReachedThrough">The reference that led to <paramref name="Entry"/>, if any.</param>
public sealed record SearchHit(CodingIndexEntry Entry, double Score, CodingIndexEntry? ReachedThrough);

/// <summary>
/// Relevance-ranked plain-text search over the coding index: BM25 over title words, with qualifier
/// words counting half, the last query word also matching as a prefix, and a bonus when the whole
/// query is the title. "See another entry" references lead to the entry they resolve to.
/// </summary>
internal sealed class TitleSearch
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private readonly CodingIndexEntry[] _entries;
    private readonly string[][] _titleTokens;
    private readonly string[] _normalisedTitles;
    private readonly Dictionary<string, List<(int Doc, double Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly string[] _sortedTerms;
    private readonly double[] _docLength;
    private readonly double _avgLength;
    private readonly Dictionary<string, CodingIndexEntry> _byId;

    public TitleSearch(IReadOnlyList<CodingIndexEntry> entries)
    {
        _entries = [.. entries];
        _byId = _entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _titleTokens = new string[_entries.Length][];
        _normalisedTitles = new string[_entries.Length];
        _docLength = new double[_entries.Length];
        for (var d = 0; d < _entries.Length; d++)
        {
            var e = _entries[d];
            var title = TitleText.Tokens(e.Title);
            _titleTokens[d] = [.. title];
            _normalisedTitles[d] = string.Join(' ', title);
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var t in title) weights[t] = weights.GetValueOrDefault(t) + 1.0;
            foreach (var t in TitleText.Tokens(e.AdditionalQualifier + " " + e.IndustryQualifier))
                weights[t] = weights.GetValueOrDefault(t) + 0.5;
            _docLength[d] = weights.Values.Sum();
            foreach (var (t, w) in weights)
            {
                if (!_postings.TryGetValue(t, out var list)) _postings[t] = list = [];
                list.Add((d, w));
            }
        }
        _avgLength = _docLength.Length == 0 ? 1 : _docLength.Average();
        _sortedTerms = [.. _postings.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var tokens = TitleText.Tokens(query);
        if (tokens.Count == 0) return [];
        var scores = new Dictionary<int, double>();
        var matched = new Dictionary<int, int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var terms = new List<(string Term, double Factor)>();
            if (_postings.ContainsKey(token)) terms.Add((token, 1.0));
            if (i == tokens.Count - 1)
                foreach (var term in PrefixTerms(token))
                    if (term != token) terms.Add((term, 0.6));
            var seen = new HashSet<int>();
            foreach (var (term, factor) in terms)
            {
                var postings = _postings[term];
                var idf = Math.Log(1 + (_entries.Length - postings.Count + 0.5) / (postings.Count + 0.5));
                foreach (var (doc, tf) in postings)
                {
                    var s = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _docLength[doc] / _avgLength)) * factor;
                    scores[doc] = scores.GetValueOrDefault(doc) + s;
                    if (seen.Add(doc)) matched[doc] = matched.GetValueOrDefault(doc) + 1;
                }
            }
        }
        var normalisedQuery = string.Join(' ', tokens);
        var ranked = scores
            .Select(kv =>
            {
                var doc = kv.Key;
                var s = kv.Value;
                if (matched[doc] == tokens.Count) s *= 1.5;
                if (_normalisedTitles[doc] == normalisedQuery) s *= 2.0;
                return (Doc: doc, Score: s);
            })
            .OrderByDescending(x => x.Score)
            .ThenBy(x => _entries[x.Doc].RecordNumber);

        var hits = new List<SearchHit>(limit);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (doc, score) in ranked)
        {
            var entry = _entries[doc];
            CodingIndexEntry? through = null;
            if (entry.IsSeeReference)
            {
                if (entry.SeeTargetId.Length == 0 || !_byId.TryGetValue(entry.SeeTargetId, out var target)) continue;
                through = entry;
                entry = target;
            }
            if (!seenKeys.Add(entry.Id)) continue;
            hits.Add(new SearchHit(entry, Math.Round(score, 6), through));
            if (hits.Count == limit) break;
        }
        return hits;
    }

    private IEnumerable<string> PrefixTerms(string prefix)
    {
        if (prefix.Length < 2) yield break;
        var i = Array.BinarySearch(_sortedTerms, prefix, StringComparer.Ordinal);
        if (i < 0) i = ~i;
        for (; i < _sortedTerms.Length && _sortedTerms[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return _sortedTerms[i];
    }
}
