using SocBridge.Core.Classification;

namespace SocBridge.Core.Index;

/// <summary>The ONS coding index: every entry, lookups by id and by code, and title search.</summary>
public sealed class CodingIndex
{
    private readonly Dictionary<string, CodingIndexEntry> _byId;
    private readonly Dictionary<SocCode, CodingIndexEntry[]> _byCode;
    private readonly Lazy<TitleSearch> _search;

    public CodingIndex(IEnumerable<CodingIndexEntry> entries)
    {
        Entries = entries.OrderBy(e => e.RecordNumber).ToArray();
        _byId = Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _byCode = Entries
            .SelectMany(e => new[] { e.Soc2010, e.Soc2020 }.Where(c => c is not null).Select(c => (Code: c!.Value, Entry: e)))
            .GroupBy(x => x.Code)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Entry).ToArray());
        _search = new Lazy<TitleSearch>(() => new TitleSearch(Entries), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<CodingIndexEntry> Entries { get; }

    public int Count => Entries.Count;

    public CodingIndexEntry? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Entries coded to a unit group (or, for a coarser code, to any unit group within it).</summary>
    public IReadOnlyList<CodingIndexEntry> CodedTo(SocCode code)
    {
        if (code.Level == SocLevel.Unit) return _byCode.GetValueOrDefault(code, []);
        return _byCode.Where(kv => kv.Key.Version == code.Version && kv.Key.IsWithin(code))
            .SelectMany(kv => kv.Value).Distinct().OrderBy(e => e.RecordNumber).ToArray();
    }

    /// <summary>The entry a "see another entry" reference resolves to, or the entry itself.</summary>
    public CodingIndexEntry? Resolve(CodingIndexEntry entry) =>
        entry.IsSeeReference ? (entry.SeeTargetId.Length > 0 ? Find(entry.SeeTargetId) : null) : entry;

    public IReadOnlyList<SearchHit> Search(string query, int limit = 30) => _search.Value.Search(query, limit);
}
