using SocBridge.Core.Classification;
using SocBridge.Core.Index;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>An exact match of a normalised title in the index, within one SOC2010 group.</summary>
public sealed record ExactMatch(SocCode Soc2020, string Soc2020Ext, IReadOnlyList<CodingIndexEntry> Entries, bool ByDefaultEntry);

/// <summary>
/// Index entries by SOC2010 group and order-free title key, with and without their qualifiers. A title
/// given with qualifiers (or an industry) matches the entry with the same qualifiers, or else the entry
/// without qualifiers, which the index applies when no qualifier fits; one given without matches only
/// when every entry of that title in the group has the same SOC2020 code.
/// </summary>
public sealed class ExactTitleLookup
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

    private ExactTitleLookup()
    {
    }

    public ExactMatch? Find(SocCode soc2010, TitleTerms terms)
    {
        if (terms.IsEmpty) return null;
        _byTitleKey.TryGetValue((soc2010, terms.TitleKey), out var sameTitle);
        // A plain title shared by entries that disagree (the code depends on a qualifier the title does
        // not carry) is not an exact match, not even of the entry without qualifiers: the choice among
        // their codes is scored.
        if (terms.Qualifiers.Length == 0)
        {
            if (sameTitle is null || sameTitle.Select(x => x.Entry.Soc2020).Distinct().Count() != 1) return null;
            // All agree on the group; the entry without qualifiers, when there is one, gives the extension.
            return (_byFullKey.TryGetValue((soc2010, terms.FullKey), out var plain) ? Agreed(plain, false) : null) ?? Agreed(sameTitle, false);
        }
        if (_byFullKey.TryGetValue((soc2010, terms.FullKey), out var full) && Agreed(full, false) is { } m) return m;
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
        !terms.IsEmpty && _byTitleKey.TryGetValue((soc2010, terms.TitleKey), out var same)
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

    /// <summary>
    /// Writes the lookup for <see cref="Read"/>: a table of the distinct strings, each entry once (all its fields,
    /// with its normalised words), then both maps with their keys and lists of entry numbers in order.
    /// </summary>
    internal void Write(BinaryWriter writer)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbers = new Dictionary<(CodingIndexEntry, TitleTerms), int>();
        var entries = new List<(CodingIndexEntry Entry, TitleTerms Terms)>();
        int S(string text) => strings.TryGetValue(text, out var id) ? id : strings[text] = strings.Count;
        foreach (var map in (Dictionary<(SocCode, string), List<(CodingIndexEntry Entry, TitleTerms Terms)>>[])[_byFullKey, _byTitleKey])
            foreach (var ((code, key), list) in map)
            {
                S(code.ToString());
                S(key);
                foreach (var x in list)
                {
                    if (!numbers.TryAdd(x, entries.Count)) continue;
                    entries.Add(x);
                    var e = x.Entry;
                    foreach (var text in (string[])[e.Id, e.DefaultFlag, e.Soc2010?.ToString() ?? "", e.Soc2020?.ToString() ?? "", e.Soc2020Ext, e.Isco08, e.Title,
                                 e.IndexedTitle, e.AdditionalQualifier, e.IndustryQualifier, e.See, e.SeeTargetId, e.VersionNumber, e.Change])
                        S(text);
                    foreach (var w in x.Terms.Title) S(w);
                    foreach (var w in x.Terms.Qualifiers) S(w);
                }
            }
        writer.Write(strings.Count);
        foreach (var text in strings.Keys) writer.Write(text);
        writer.Write(entries.Count);
        foreach (var (e, terms) in entries)
        {
            writer.Write(S(e.Id));
            writer.Write(e.RecordNumber);
            writer.Write(S(e.DefaultFlag));
            writer.Write(S(e.Soc2010?.ToString() ?? ""));
            writer.Write(S(e.Soc2020?.ToString() ?? ""));
            foreach (var text in (string[])[e.Soc2020Ext, e.Isco08, e.Title, e.IndexedTitle, e.AdditionalQualifier, e.IndustryQualifier, e.See])
                writer.Write(S(text));
            writer.Write(e.IsSeeReference);
            foreach (var text in (string[])[e.SeeTargetId, e.VersionNumber, e.Change])
                writer.Write(S(text));
            writer.Write(terms.Title.Length);
            foreach (var w in terms.Title) writer.Write(S(w));
            writer.Write(terms.Qualifiers.Length);
            foreach (var w in terms.Qualifiers) writer.Write(S(w));
        }
        foreach (var map in (Dictionary<(SocCode, string), List<(CodingIndexEntry Entry, TitleTerms Terms)>>[])[_byFullKey, _byTitleKey])
        {
            writer.Write(map.Count);
            foreach (var ((code, key), list) in map)
            {
                writer.Write(S(code.ToString()));
                writer.Write(S(key));
                writer.Write(list.Count);
                foreach (var x in list) writer.Write(numbers[x]);
            }
        }
    }

    /// <summary>Reads a lookup written by <see cref="Write"/>; no title is normalised and the coding index is not read.</summary>
    internal static ExactTitleLookup Read(BinaryReader reader)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        int Count() => reader.ReadInt32() is var n && n >= 0 && n <= remaining ? n : throw new InvalidDataException($"an exact-lookup count of {n} does not fit the file");
        var strings = new string[Count()];
        for (var i = 0; i < strings.Length; i++) strings[i] = reader.ReadString();
        string S() => reader.ReadInt32() is var id && (uint)id < (uint)strings.Length ? strings[id] : throw new InvalidDataException($"the exact lookup names string {id} of {strings.Length}");
        // Each code is parsed once, in the edition of the field it fills.
        var soc2010 = new Dictionary<string, SocCode>(StringComparer.Ordinal);
        var soc2020 = new Dictionary<string, SocCode>(StringComparer.Ordinal);
        SocCode? Code(Dictionary<string, SocCode> parsed, SocVersion version, string text) =>
            text.Length == 0 ? null : parsed.TryGetValue(text, out var c) ? c : parsed[text] = SocCode.Parse(text, version);
        string[] Words()
        {
            var words = new string[Count()];
            for (var i = 0; i < words.Length; i++) words[i] = S();
            return words;
        }
        var entries = new (CodingIndexEntry Entry, TitleTerms Terms)[Count()];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = new CodingIndexEntry(
                Id: S(), RecordNumber: reader.ReadInt32(), DefaultFlag: S(),
                Soc2010: Code(soc2010, SocVersion.Soc2010, S()), Soc2020: Code(soc2020, SocVersion.Soc2020, S()),
                Soc2020Ext: S(), Isco08: S(), Title: S(), IndexedTitle: S(), AdditionalQualifier: S(), IndustryQualifier: S(), See: S(),
                IsSeeReference: reader.ReadBoolean(), SeeTargetId: S(), VersionNumber: S(), Change: S());
            entries[i] = (entry, TitleTerms.FromTokens(Words(), Words()));
        }
        var lookup = new ExactTitleLookup();
        foreach (var map in (Dictionary<(SocCode, string), List<(CodingIndexEntry Entry, TitleTerms Terms)>>[])[lookup._byFullKey, lookup._byTitleKey])
        {
            var keys = Count();
            map.EnsureCapacity(keys);
            for (var k = 0; k < keys; k++)
            {
                var code = Code(soc2010, SocVersion.Soc2010, S()) ?? throw new InvalidDataException("the exact lookup has a key without a SOC2010 code");
                var key = S();
                var n = Count();
                var list = new List<(CodingIndexEntry, TitleTerms)>(n);
                for (var j = 0; j < n; j++)
                    list.Add(reader.ReadInt32() is var id && (uint)id < (uint)entries.Length ? entries[id] : throw new InvalidDataException($"the exact lookup names entry {id} of {entries.Length}"));
                map.Add((code, key), list);
            }
        }
        return lookup;
    }

    private static void Add(Dictionary<(SocCode, string), List<(CodingIndexEntry, TitleTerms)>> map, (SocCode, string) key, CodingIndexEntry entry, TitleTerms terms)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add((entry, terms));
    }
}
