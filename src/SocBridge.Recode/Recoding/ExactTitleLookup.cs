using SocBridge.Core.Classification;
using SocBridge.Core.Index;
using SocBridge.Recode.Io;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>An exact match of a normalised title in the index, within one SOC2010 group.</summary>
internal sealed record ExactMatch(SocCode Soc2020, string Soc2020Ext, IReadOnlyList<CodingIndexEntry> Entries, bool ByDefaultEntry);

/// <summary>
/// Index entries by SOC2010 group and order-free title key, with and without their qualifiers. A title
/// given with qualifiers (or an industry) matches the entry with the same qualifiers, or else the entry
/// without qualifiers, which the index applies when no qualifier fits; one given without matches only
/// when every entry of that title in the group has the same SOC2020 code.
/// </summary>
internal sealed class ExactTitleLookup
{
    private readonly Dictionary<(SocCode, string), List<(CodingIndexEntry Entry, TitleTerms Terms)>> _byFullKey = [];
    private readonly Dictionary<(SocCode, string), List<(CodingIndexEntry Entry, TitleTerms Terms)>> _byTitleKey = [];

    public ExactTitleLookup(IEnumerable<(CodingIndexEntry Entry, TitleTerms Terms)> entries)
    {
        foreach (var (entry, terms) in entries)
        {
            if (entry.Soc2010 is not { } g || entry.Soc2020 is null || terms.IsEmpty) continue;
            Add(_byFullKey, (g, terms.FullKey), entry, terms);
            Add(_byTitleKey, (g, terms.TitleKey), entry, terms);
        }
    }

    /// <summary>
    /// A lookup read from a model cache: each SOC2010 group's entries are decoded when a title of that group is
    /// first looked up (null for a lookup built from entries).
    /// </summary>
    private readonly Dictionary<SocCode, Lazy<Group>>? _cached;

    private ExactTitleLookup(Dictionary<SocCode, Lazy<Group>> cached) => _cached = cached;

    /// <summary>One SOC2010 group's entries by order-free title key, with and without their qualifiers.</summary>
    private sealed record Group(
        Dictionary<string, List<(CodingIndexEntry Entry, TitleTerms Terms)>> ByFullKey,
        Dictionary<string, List<(CodingIndexEntry Entry, TitleTerms Terms)>> ByTitleKey);

    private bool TryFull(SocCode soc2010, string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<(CodingIndexEntry Entry, TitleTerms Terms)>? list)
    {
        if (_cached is null) return _byFullKey.TryGetValue((soc2010, key), out list);
        list = null;
        return _cached.TryGetValue(soc2010, out var group) && group.Value.ByFullKey.TryGetValue(key, out list);
    }

    private bool TryTitle(SocCode soc2010, string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<(CodingIndexEntry Entry, TitleTerms Terms)>? list)
    {
        if (_cached is null) return _byTitleKey.TryGetValue((soc2010, key), out list);
        list = null;
        return _cached.TryGetValue(soc2010, out var group) && group.Value.ByTitleKey.TryGetValue(key, out list);
    }

    public ExactMatch? Find(SocCode soc2010, TitleTerms terms)
    {
        if (terms.IsEmpty) return null;
        TryTitle(soc2010, terms.TitleKey, out var sameTitle);
        // A plain title shared by entries that disagree (the code depends on a qualifier the title does
        // not carry) is not an exact match, not even of the entry without qualifiers: the choice among
        // their codes is scored.
        if (terms.Qualifiers.Length == 0)
        {
            if (sameTitle is null || sameTitle.Select(x => x.Entry.Soc2020).Distinct().Count() != 1) return null;
            // All agree on the group; the entry without qualifiers, when there is one, gives the extension.
            return (TryFull(soc2010, terms.FullKey, out var plain) ? Agreed(plain, false) : null) ?? Agreed(sameTitle, false);
        }
        if (TryFull(soc2010, terms.FullKey, out var full) && Agreed(full, false) is { } m) return m;
        if (sameTitle is null) return null;
        var given = terms.Qualifiers.ToHashSet(StringComparer.Ordinal);
        var overlapping = sameTitle.Where(x => x.Terms.Qualifiers.Length > 0 && x.Terms.Qualifiers.All(given.Contains)).ToList();
        // The entries whose qualifiers say the most about the title win: "[textile mfr]" over "[manufacturing]".
        if (overlapping.Count > 0)
        {
            var most = overlapping.Max(x => x.Terms.Qualifiers.Length);
            return Agreed(overlapping.Where(x => x.Terms.Qualifiers.Length == most).ToList(), false);
        }
        return Agreed(sameTitle.Where(x => x.Terms.Qualifiers.Length == 0).ToList(), true);
    }

    /// <summary>
    /// The SOC2020 groups of the index entries of <paramref name="soc2010"/> sharing the title (without
    /// qualifiers) of <paramref name="terms"/>; empty when no entry has it.
    /// </summary>
    public IReadOnlyList<SocCode> SharedTitleCodes(SocCode soc2010, TitleTerms terms) =>
        !terms.IsEmpty && TryTitle(soc2010, terms.TitleKey, out var same)
            ? [.. same.Select(x => x.Entry.Soc2020!.Value).Distinct().Order()]
            : [];

    private static ExactMatch? Agreed(IReadOnlyList<(CodingIndexEntry Entry, TitleTerms Terms)> matches, bool byDefault)
    {
        if (matches.Count == 0) return null;
        var codes = matches.GroupBy(m => m.Entry.Soc2020!.Value).Select(g => (Code: g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ThenBy(x => x.Code).ToArray();
        if (codes.Length > 1 && codes[0].Count == codes[1].Count) return null;
        var chosen = matches.Where(m => m.Entry.Soc2020 == codes[0].Code).Select(m => m.Entry).OrderBy(e => e.RecordNumber).ToArray();
        var ext = chosen.GroupBy(e => e.Soc2020Ext).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        return new ExactMatch(codes[0].Code, ext, chosen, byDefault);
    }

    /// <summary>The entries of each SOC2010 group, as built or as read (every group is decoded).</summary>
    private IEnumerable<(SocCode Soc2010, Group Group)> Groups()
    {
        if (_cached is not null)
        {
            foreach (var (code, group) in _cached) yield return (code, group.Value);
            yield break;
        }
        var groups = new Dictionary<SocCode, Group>();
        Group For(SocCode code) => groups.TryGetValue(code, out var g) ? g : groups[code] = new Group(new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var ((code, key), list) in _byFullKey) For(code).ByFullKey.Add(key, list);
        foreach (var ((code, key), list) in _byTitleKey) For(code).ByTitleKey.Add(key, list);
        foreach (var (code, group) in groups) yield return (code, group);
    }

    /// <summary>
    /// Writes the lookup for <see cref="Read"/>, one section per SOC2010 group: each entry of the group once (all its
    /// fields, with its normalised words), then the group's two maps with their keys and lists of entry numbers in order.
    /// </summary>
    internal void Write(BinaryWriter writer)
    {
        var groups = Groups().ToArray();
        writer.Write(groups.Length);
        foreach (var (code, group) in groups)
        {
            using var section = new MemoryStream();
            using (var w = new BinaryWriter(section, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                var numbers = new Dictionary<(CodingIndexEntry, TitleTerms), int>();
                var entries = new List<(CodingIndexEntry Entry, TitleTerms Terms)>();
                foreach (var list in group.ByFullKey.Values.Concat(group.ByTitleKey.Values))
                    foreach (var x in list)
                        if (numbers.TryAdd(x, entries.Count)) entries.Add(x);
                w.Write7BitEncodedInt(entries.Count);
                foreach (var (e, terms) in entries)
                {
                    w.Write(e.Id);
                    w.Write7BitEncodedInt(e.RecordNumber);
                    w.Write(e.DefaultFlag);
                    w.Write(e.Soc2010?.ToString() ?? "");
                    w.Write(e.Soc2020?.ToString() ?? "");
                    foreach (var text in (string[])[e.Soc2020Ext, e.Isco08, e.Title, e.IndexedTitle, e.AdditionalQualifier, e.IndustryQualifier, e.See])
                        w.Write(text);
                    w.Write(e.IsSeeReference);
                    foreach (var text in (string[])[e.SeeTargetId, e.VersionNumber, e.Change])
                        w.Write(text);
                    WriteWords(w, terms.Title);
                    WriteWords(w, terms.Qualifiers);
                }
                foreach (var map in (Dictionary<string, List<(CodingIndexEntry Entry, TitleTerms Terms)>>[])[group.ByFullKey, group.ByTitleKey])
                {
                    w.Write7BitEncodedInt(map.Count);
                    foreach (var (key, list) in map)
                    {
                        w.Write(key);
                        w.Write7BitEncodedInt(list.Count);
                        foreach (var x in list) w.Write7BitEncodedInt(numbers[x]);
                    }
                }
            }
            writer.Write(code.ToString());
            writer.Write((int)section.Length);
            writer.Write(section.GetBuffer(), 0, (int)section.Length);
        }
    }

    private static void WriteWords(BinaryWriter writer, string[] words)
    {
        writer.Write7BitEncodedInt(words.Length);
        foreach (var w in words) writer.Write(w);
    }

    /// <summary>
    /// Reads a lookup written by <see cref="Write"/>. Each SOC2010 group's section is kept as it was read and decoded
    /// when a title of that group is first looked up; no title is normalised and the coding index is not read.
    /// </summary>
    internal static ExactTitleLookup Read(BinaryReader reader)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        int Count() => CachedCount.Checked(reader.ReadInt32(), remaining, "an exact-lookup count");
        var groups = new Dictionary<SocCode, Lazy<Group>>();
        for (int i = 0, count = Count(); i < count; i++)
        {
            var code = SocCode.Parse(reader.ReadString(), SocVersion.Soc2010);
            var length = Count();
            var bytes = reader.ReadBytes(length);
            if (bytes.Length != length) throw new EndOfStreamException($"the exact lookup's section for {code} is cut short");
            groups.Add(code, new Lazy<Group>(() => Decode(bytes), LazyThreadSafetyMode.ExecutionAndPublication));
        }
        return new ExactTitleLookup(groups);
    }

    private static Group Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        int Count() => CachedCount.Checked(reader.Read7BitEncodedInt(), bytes.Length, "an exact-lookup count", "its section");
        // Each code is parsed once, in the edition of the field it fills.
        var parsed = new Dictionary<(string, SocVersion), SocCode>();
        SocCode? Code(string text, SocVersion version) =>
            text.Length == 0 ? null : parsed.TryGetValue((text, version), out var c) ? c : parsed[(text, version)] = SocCode.Parse(text, version);
        string[] Words()
        {
            var words = new string[Count()];
            for (var i = 0; i < words.Length; i++) words[i] = reader.ReadString();
            return words;
        }
        var entries = new (CodingIndexEntry Entry, TitleTerms Terms)[Count()];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = new CodingIndexEntry(
                Id: reader.ReadString(), RecordNumber: reader.Read7BitEncodedInt(), DefaultFlag: reader.ReadString(),
                Soc2010: Code(reader.ReadString(), SocVersion.Soc2010), Soc2020: Code(reader.ReadString(), SocVersion.Soc2020),
                Soc2020Ext: reader.ReadString(), Isco08: reader.ReadString(), Title: reader.ReadString(), IndexedTitle: reader.ReadString(),
                AdditionalQualifier: reader.ReadString(), IndustryQualifier: reader.ReadString(), See: reader.ReadString(),
                IsSeeReference: reader.ReadBoolean(), SeeTargetId: reader.ReadString(), VersionNumber: reader.ReadString(), Change: reader.ReadString());
            entries[i] = (entry, TitleTerms.FromTokens(Words(), Words()));
        }
        var group = new Group(new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var map in (Dictionary<string, List<(CodingIndexEntry Entry, TitleTerms Terms)>>[])[group.ByFullKey, group.ByTitleKey])
        {
            var keys = Count();
            map.EnsureCapacity(keys);
            for (var k = 0; k < keys; k++)
            {
                var key = reader.ReadString();
                var n = Count();
                var list = new List<(CodingIndexEntry, TitleTerms)>(n);
                for (var j = 0; j < n; j++)
                    list.Add(reader.Read7BitEncodedInt() is var id && (uint)id < (uint)entries.Length ? entries[id] : throw new InvalidDataException($"the exact lookup names entry {id} of {entries.Length}"));
                map.Add(key, list);
            }
        }
        return group;
    }

    private static void Add(Dictionary<(SocCode, string), List<(CodingIndexEntry, TitleTerms)>> map, (SocCode, string) key, CodingIndexEntry entry, TitleTerms terms)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add((entry, terms));
    }
}
