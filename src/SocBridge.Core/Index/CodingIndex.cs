using SocBridge.Core.Classification;

namespace SocBridge.Core.Index;

/// <summary>The ONS coding index: every entry, lookups by id and by code, and title search.</summary>
public sealed class CodingIndex
{
    private readonly Dictionary<string, CodingIndexEntry> _byId;
    private readonly Dictionary<SocCode, CodingIndexEntry[]> _byCode;
    private readonly Lazy<TitleSearch> _search;

    internal CodingIndex(IEnumerable<CodingIndexEntry> entries)
    {
        Entries = entries.OrderBy(e => e.RecordNumber).ToArray();
        _byId = Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _byCode = Entries
            .SelectMany(e => new[] { e.Soc2010, e.Soc2020 }.Where(c => c is not null).Select(c => (Code: c!.Value, Entry: e)))
            .GroupBy(x => x.Code)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Entry).ToArray());
        _search = new Lazy<TitleSearch>(() => new TitleSearch(Entries), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every entry, in ONS record order.</summary>
    public IReadOnlyList<CodingIndexEntry> Entries { get; }

    /// <summary>The number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>The entry with the ONS id <paramref name="id"/>, or null.</summary>
    /// <param name="id">An entry id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public CodingIndexEntry? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Entries coded to a unit group (or, for a coarser code, to any unit group within it).</summary>
    /// <param name="code">A code of either edition.</param>
    public IReadOnlyList<CodingIndexEntry> CodedTo(SocCode code)
    {
        if (code.Level == SocLevel.Unit) return _byCode.GetValueOrDefault(code, []);
        return _byCode.Where(kv => kv.Key.Version == code.Version && kv.Key.IsWithin(code))
            .SelectMany(kv => kv.Value).Distinct().OrderBy(e => e.RecordNumber).ToArray();
    }

    /// <summary>The entry a "see another entry" reference resolves to, or the entry itself.</summary>
    /// <param name="entry">An entry of this index.</param>
    /// <returns>The entry itself, the entry it refers to, or null for a reference that resolves to no single entry.</returns>
    public CodingIndexEntry? Resolve(CodingIndexEntry entry) =>
        entry.IsSeeReference ? (entry.SeeTargetId.Length > 0 ? Find(entry.SeeTargetId) : null) : entry;

    /// <summary>
    /// Relevance-ranked title search: BM25 over title words, qualifier words counting half, the last query word
    /// also matching as a prefix, and a bonus when the whole query is the title. "See another entry" references
    /// lead to the entry they resolve to.
    /// </summary>
    /// <param name="query">Words of a job title; case, punctuation and plurals do not matter.</param>
    /// <param name="limit">The most hits to return.</param>
    /// <returns>Up to <paramref name="limit"/> hits, best first; none when the query has no word.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public IReadOnlyList<SearchHit> Search(string query, int limit = 30) => _search.Value.Search(query, limit);
}
