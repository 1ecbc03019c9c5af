using SocBridge.Core.Classification;
using SocBridge.Core.Index;
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

    private static void Add(Dictionary<(SocCode, string), List<(CodingIndexEntry, TitleTerms)>> map, (SocCode, string) key, CodingIndexEntry entry, TitleTerms terms)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add((entry, terms));
    }
}
