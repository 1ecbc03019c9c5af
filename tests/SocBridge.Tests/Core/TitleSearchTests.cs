using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocBridge.Core.Index;
using SocBridge.Core.Text;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

/// <summary>
/// The title search against a plain statement of its ranking rule, computed one entry at a time over the whole
/// index (no postings, no heap): same hits, same scores, same order, for queries made of real index words.
/// </summary>
[Collection(ReleaseCollection.Name)]
public class TitleSearchTests(ReleaseFixture fixture)
{
    private static readonly int[] Limits = [1, 5, 30, 200, 900, 3000];

    private readonly Lazy<PlainSearch> _plain = new(() => new PlainSearch(fixture.Release.Index));

    private CodingIndex Index => fixture.Release.Index;

    [Property(MaxTest = 150)]
    public Property Search_ranks_as_the_plain_rule_does(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var entries = Index.Entries;
        var words = Enumerable.Range(0, random.Next(1, 4))
            .SelectMany(_ => entries[random.Next(entries.Count)].Title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .OrderBy(_ => random.Next())
            .Take(random.Next(1, 4))
            .ToList();
        // Often a word cut short, as typed into a search box.
        if (random.Next(3) == 0 && words[^1].Length > 3) words[^1] = words[^1][..random.Next(2, words[^1].Length)];
        var query = string.Join(' ', words);
        var limit = Limits[random.Next(Limits.Length)];

        var expected = _plain.Value.Search(query, limit);
        var actual = Index.Search(query, limit);
        var same = expected.Count == actual.Count && expected.Zip(actual).All(p =>
            p.First.Entry.Id == p.Second.Entry.Id && p.First.Score == p.Second.Score
            && p.First.ReachedThrough?.Id == p.Second.ReachedThrough?.Id);
        return same.Label($"'{query}' limit {limit}: expected {expected.Count} hits, got {actual.Count}; first difference at "
            + expected.Zip(actual).TakeWhile(p => p.First.Entry.Id == p.Second.Entry.Id && p.First.Score == p.Second.Score).Count());
    }

    [Fact]
    public void A_whole_title_comes_first_and_no_entry_is_returned_twice()
    {
        var hits = Index.Search("software developer", 3000);
        Assert.Equal("software developer", string.Join(' ', TitleText.Tokens(hits[0].Entry.Title)));
        Assert.Equal(hits.Count, hits.Select(h => h.Entry.Id).Distinct().Count());
        Assert.All(hits.Zip(hits.Skip(1)), p => Assert.True(p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void References_lead_to_the_entry_they_name()
    {
        var reference = Index.Entries.First(e => e.IsSeeReference && e.SeeTargetId.Length > 0 && Index.Find(e.SeeTargetId) is not null);
        var hits = Index.Search(reference.Title, 3000);
        var through = hits.FirstOrDefault(h => h.ReachedThrough?.Id == reference.Id);
        Assert.NotNull(through);
        Assert.Equal(reference.SeeTargetId, through.Entry.Id);
        Assert.DoesNotContain(hits, h => h.Entry.IsSeeReference && h.ReachedThrough is null && h.Entry.Id == reference.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!? - /")]
    public void A_query_without_words_finds_nothing(string query) => Assert.Empty(Index.Search(query, 30));

    /// <summary>
    /// The ranking rule as documented on <see cref="CodingIndex.Search"/>, entry by entry: BM25 (k1 1.2, b 0.75)
    /// over title words, qualifier words weighing half, the last query word also matching longer words as a
    /// prefix at 0.6, ×1.5 when every query word matched, ×2 when the query is the whole title; ties in record order.
    /// </summary>
    private sealed class PlainSearch
    {
        private readonly CodingIndex _index;
        private readonly IReadOnlyList<CodingIndexEntry> _entries;
        private readonly Dictionary<string, double>[] _weights;
        private readonly double[] _length;
        private readonly string[] _titles;
        private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
        private readonly double _averageLength;

        public PlainSearch(CodingIndex index)
        {
            _index = index;
            _entries = index.Entries;
            _weights = new Dictionary<string, double>[_entries.Count];
            _length = new double[_entries.Count];
            _titles = new string[_entries.Count];
            for (var d = 0; d < _entries.Count; d++)
            {
                var title = TitleText.Tokens(_entries[d].Title);
                _titles[d] = string.Join(' ', title);
                var w = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var t in title) w[t] = w.GetValueOrDefault(t) + 1.0;
                foreach (var t in TitleText.Tokens(_entries[d].AdditionalQualifier + " " + _entries[d].IndustryQualifier))
                    w[t] = w.GetValueOrDefault(t) + 0.5;
                _weights[d] = w;
                _length[d] = w.Values.Sum();
                foreach (var t in w.Keys) _documentFrequency[t] = _documentFrequency.GetValueOrDefault(t) + 1;
            }
            _averageLength = _length.Average();
        }

        public List<SearchHit> Search(string query, int limit)
        {
            var tokens = TitleText.Tokens(query);
            var scored = new List<(double Score, int Doc)>();
            for (var d = 0; d < _entries.Count; d++)
            {
                double score = 0;
                var matched = 0;
                for (var i = 0; i < tokens.Count; i++)
                {
                    var token = tokens[i];
                    var last = i == tokens.Count - 1 && token.Length >= 2;
                    // The word itself first, then longer words it begins, in ordinal order.
                    var terms = _weights[d]
                        .Where(kv => kv.Key == token || (last && kv.Key.StartsWith(token, StringComparison.Ordinal)))
                        .OrderBy(kv => kv.Key == token ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                        .ToList();
                    foreach (var (term, tf) in terms)
                    {
                        var n = _documentFrequency[term];
                        var idf = Math.Log(1 + (_entries.Count - n + 0.5) / (n + 0.5));
                        var factor = term == token ? 1.0 : 0.6;
                        score += idf * tf * (1.2 + 1) / (tf + 1.2 * (1 - 0.75 + 0.75 * _length[d] / _averageLength)) * factor;
                    }
                    if (terms.Count > 0) matched++;
                }
                if (matched == 0) continue;
                if (matched == tokens.Count) score *= 1.5;
                if (_titles[d] == string.Join(' ', tokens)) score *= 2.0;
                scored.Add((score, d));
            }
            var hits = new List<SearchHit>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (score, d) in scored.OrderByDescending(s => s.Score).ThenBy(s => s.Doc))
            {
                var entry = _entries[d];
                CodingIndexEntry? through = null;
                if (entry.IsSeeReference)
                {
                    var target = entry.SeeTargetId.Length > 0 ? _index.Find(entry.SeeTargetId) : null;
                    if (target is null) continue;
                    (through, entry) = (entry, target);
                }
                if (!seen.Add(entry.Id)) continue;
                hits.Add(new SearchHit(entry, Math.Round(score, 6), through));
                if (hits.Count == limit) break;
            }
            return hits;
        }
    }
}
