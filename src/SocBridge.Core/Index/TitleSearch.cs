using System.Collections.Concurrent;
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
/// <remarks>
/// Built once per index: each term's postings are two flat arrays (documents in record order and their
/// term weights) with the BM25 length normalisation of each posting precomputed, and the term's inverse
/// document frequency. A query adds into a dense score array (one slot per entry, reused between queries
/// on a thread), then selects the best few documents with a bounded heap instead of ordering every
/// matching document. Scores are computed with the same operations in the same order as the plain
/// formula, so they are the same doubles and the ranking is the same.
/// </remarks>
internal sealed class TitleSearch
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Candidates kept by the heap beyond the limit, for hits dropped as duplicates or dead references.</summary>
    private const int SpareCandidates = 16;

    /// <summary>The heap selects the best candidates only when there are at least this many times more candidates.</summary>
    private const int HeapFraction = 8;

    /// <summary>Marks a "see another entry" reference that resolves to no entry of the index.</summary>
    private const int NoEntry = -1;

    private readonly CodingIndexEntry[] _entries;
    private readonly Dictionary<string, int[]> _docsByNormalisedTitle;
    private readonly Dictionary<string, Postings> _postings;
    private readonly string[] _sortedTerms;
    private readonly int[] _resolvedDoc;
    private readonly ConcurrentBag<Scratch> _scratch = [];

    public TitleSearch(IReadOnlyList<CodingIndexEntry> entries)
    {
        _entries = [.. entries];
        var docById = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (var d = 0; d < _entries.Length; d++) docById[_entries[d].Id] = d;
        _resolvedDoc = new int[_entries.Length];
        for (var d = 0; d < _entries.Length; d++)
            _resolvedDoc[d] = !_entries[d].IsSeeReference ? d
                : _entries[d].SeeTargetId.Length > 0 && docById.TryGetValue(_entries[d].SeeTargetId, out var target) ? target
                : NoEntry;
        var normalisedTitles = new string[_entries.Length];
        var docLength = new double[_entries.Length];
        var termWeights = new Dictionary<string, (List<int> Docs, List<double> Weights)>(StringComparer.Ordinal);
        for (var d = 0; d < _entries.Length; d++)
        {
            var e = _entries[d];
            var title = TitleText.Tokens(e.Title);
            normalisedTitles[d] = string.Join(' ', title);
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var t in title) weights[t] = weights.GetValueOrDefault(t) + 1.0;
            foreach (var t in TitleText.Tokens(e.AdditionalQualifier + " " + e.IndustryQualifier))
                weights[t] = weights.GetValueOrDefault(t) + 0.5;
            docLength[d] = weights.Values.Sum();
            foreach (var (t, w) in weights)
            {
                if (!termWeights.TryGetValue(t, out var list)) termWeights[t] = list = ([], []);
                list.Docs.Add(d);
                list.Weights.Add(w);
            }
        }
        _docsByNormalisedTitle = Enumerable.Range(0, _entries.Length)
            .GroupBy(d => normalisedTitles[d], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var avgLength = docLength.Length == 0 ? 1 : docLength.Average();
        _postings = new Dictionary<string, Postings>(termWeights.Count, StringComparer.Ordinal);
        foreach (var (term, (docs, weights)) in termWeights)
        {
            var norm = new double[docs.Count];
            for (var i = 0; i < norm.Length; i++)
                norm[i] = weights[i] + K1 * (1 - B + B * docLength[docs[i]] / avgLength);
            var idf = Math.Log(1 + (_entries.Length - docs.Count + 0.5) / (docs.Count + 0.5));
            _postings[term] = new Postings([.. docs], [.. weights], norm, idf);
        }
        _sortedTerms = [.. _postings.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var tokens = TitleText.Tokens(query);
        if (tokens.Count == 0) return [];
        var scratch = _scratch.TryTake(out var reused) ? reused : new Scratch(_entries.Length);
        try
        {
            Score(tokens, scratch);
            return Collect(tokens, scratch, limit);
        }
        finally
        {
            scratch.Clear();
            _scratch.Add(scratch);
        }
    }

    /// <summary>Adds every query word's BM25 contribution to the documents it matches.</summary>
    private void Score(List<string> tokens, Scratch scratch)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (_postings.TryGetValue(token, out var exact)) Add(exact, 1.0, i, scratch);
            if (i == tokens.Count - 1)
                foreach (var term in PrefixTerms(token))
                    if (term != token) Add(_postings[term], 0.6, i, scratch);
        }
    }

    private static void Add(Postings postings, double factor, int tokenIndex, Scratch scratch)
    {
        var docs = postings.Docs;
        var weights = postings.Weights;
        var norm = postings.Norm;
        var idf = postings.Idf;
        var scores = scratch.Scores;
        var lastToken = scratch.LastToken;
        var matched = scratch.Matched;
        for (var p = 0; p < docs.Length; p++)
        {
            var doc = docs[p];
            var s = idf * weights[p] * (K1 + 1) / norm[p] * factor;
            if (lastToken[doc] == 0) scratch.Touched.Add(doc);
            scores[doc] += s;
            // A word counts once per document however many of its terms (exact or prefix) matched.
            if (lastToken[doc] != tokenIndex + 1)
            {
                lastToken[doc] = tokenIndex + 1;
                matched[doc]++;
            }
        }
    }

    /// <summary>The best <paramref name="limit"/> hits in rank order: score descending, then record order.</summary>
    private List<SearchHit> Collect(List<string> tokens, Scratch scratch, int limit)
    {
        var scores = scratch.Scores;
        // The bonuses multiply the summed score, in the same order as the plain formula.
        var touched = scratch.Touched;
        var matched = scratch.Matched;
        foreach (var doc in touched)
            if (matched[doc] == tokens.Count) scores[doc] *= 1.5;
        if (_docsByNormalisedTitle.TryGetValue(string.Join(' ', tokens), out var sameTitle))
            foreach (var doc in sameTitle)
                if (matched[doc] > 0) scores[doc] *= 2.0;

        var ranked = scratch.Candidates(touched.Count);
        for (var i = 0; i < ranked.Length; i++) ranked[i] = new Ranked(scores[touched[i]], touched[i]);

        var wanted = limit + SpareCandidates;
        var hits = TakeHits(Best(ranked, wanted), limit, scratch);
        // Too many of the best candidates were duplicates or dead references: rank them all.
        if (hits.Count < limit && ranked.Length > wanted)
            hits = TakeHits(Best(ranked, ranked.Length), limit, scratch);
        return hits;
    }

    private List<SearchHit> TakeHits(ReadOnlySpan<Ranked> ordered, int limit, Scratch scratch)
    {
        var hits = new List<SearchHit>(Math.Min(limit, ordered.Length));
        var stamp = scratch.NextStamp();
        foreach (var (score, doc) in ordered)
        {
            var resolved = _resolvedDoc[doc];
            if (resolved == NoEntry || scratch.Seen[resolved] == stamp) continue;
            scratch.Seen[resolved] = stamp;
            hits.Add(new SearchHit(_entries[resolved], Math.Round(score, 6), resolved == doc ? null : _entries[doc]));
            if (hits.Count == limit) break;
        }
        return hits;
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="ranked"/> in rank order, chosen with a bounded heap.</summary>
    private static ReadOnlySpan<Ranked> Best(Span<Ranked> ranked, int count)
    {
        // A heap pays when it keeps a small part of the candidates; otherwise ordering them all is quicker.
        if (ranked.Length <= count * HeapFraction)
        {
            ranked.Sort();
            return ranked.Length <= count ? ranked : ranked[..count];
        }
        // The heap's root is the worst of the best found so far.
        var heap = new PriorityQueue<Ranked, Ranked>(count, WorstFirst.Instance);
        foreach (var r in ranked)
        {
            if (heap.Count < count) heap.Enqueue(r, r);
            else if (r.CompareTo(heap.Peek()) < 0) heap.EnqueueDequeue(r, r);
        }
        var best = new Ranked[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--) best[i] = heap.Dequeue();
        return best;
    }

    private IEnumerable<string> PrefixTerms(string prefix)
    {
        if (prefix.Length < 2) yield break;
        var i = Array.BinarySearch(_sortedTerms, prefix, StringComparer.Ordinal);
        if (i < 0) i = ~i;
        for (; i < _sortedTerms.Length && _sortedTerms[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return _sortedTerms[i];
    }

    /// <summary>One term's postings: documents in record order, their term weights and BM25 denominators.</summary>
    private sealed record Postings(int[] Docs, double[] Weights, double[] Norm, double Idf);

    /// <summary>A scored document; sorts best first (score descending, then record order).</summary>
    private readonly record struct Ranked(double Score, int Doc) : IComparable<Ranked>
    {
        public int CompareTo(Ranked other)
        {
            var byScore = other.Score.CompareTo(Score);
            return byScore != 0 ? byScore : Doc.CompareTo(other.Doc);
        }
    }

    /// <summary>Orders a heap so that its root is the worst-ranked candidate it holds.</summary>
    private sealed class WorstFirst : IComparer<Ranked>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Ranked x, Ranked y) => y.CompareTo(x);
    }

    /// <summary>Per-query working memory, one slot per entry, reused by later queries and cleared after each.</summary>
    private sealed class Scratch(int documents)
    {
        private Ranked[] _ranked = new Ranked[256];
        private int _stamp;

        public double[] Scores { get; } = new double[documents];
        public int[] Matched { get; } = new int[documents];
        public int[] LastToken { get; } = new int[documents];

        /// <summary>Entries already returned by the current pass over candidates: equal to its stamp.</summary>
        public int[] Seen { get; } = new int[documents];

        public List<int> Touched { get; } = new(1024);

        /// <summary>A buffer of <paramref name="count"/> candidates, reused.</summary>
        public Span<Ranked> Candidates(int count)
        {
            if (_ranked.Length < count) _ranked = new Ranked[Math.Max(count, _ranked.Length * 2)];
            return _ranked.AsSpan(0, count);
        }

        /// <summary>A new stamp for <see cref="Seen"/>, so that it need not be cleared.</summary>
        public int NextStamp()
        {
            if (_stamp == int.MaxValue)
            {
                Array.Clear(Seen);
                _stamp = 0;
            }
            return ++_stamp;
        }

        public void Clear()
        {
            foreach (var doc in Touched)
            {
                Scores[doc] = 0;
                Matched[doc] = 0;
                LastToken[doc] = 0;
            }
            Touched.Clear();
        }
    }
}
