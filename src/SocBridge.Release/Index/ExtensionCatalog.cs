using SocBridge.Core.Release;
using SocBridge.Release.Sources;

namespace SocBridge.Release.Index;

/// <summary>
/// Collects the SOC2020 sub-unit groups (extension codes such as '1111/01') from the coding index, where
/// each entry repeats its sub-unit code and title.
/// </summary>
/// <remarks>
/// ONS gives one code two titles: 8214/99 is 'Delivery drivers and couriers n.e.c.' on 59 entries and
/// 'Rail transport operatives n.e.c.' on one (f4nd 'Driver'). When titles disagree, the title carried by
/// strictly more entries than any other is used and a warning names the entries with the other titles;
/// a tie cannot be decided from the data and fails the build.
/// </remarks>
internal static class ExtensionCatalog
{
    public static List<ExtensionRow> Build(
        IReadOnlyList<SourceIndexEntry> entries,
        IReadOnlyDictionary<string, GroupRow> soc2020,
        ICollection<string> warnings)
    {
        var byCode = new SortedDictionary<string, List<SourceIndexEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var code = entry.Row.Soc2020Ext;
            if (code.Length == 0) continue;
            var unit = code[..4];
            if (!soc2020.TryGetValue(unit, out var group) || group.Level != 4)
                throw entry.ExtensionLocation.Error(entry.Row.Soc2020Ext, $"a sub-unit code of a SOC2020 unit group ({unit} is not one)");
            if (!byCode.TryGetValue(code, out var list)) byCode[code] = list = [];
            list.Add(entry);
        }

        var rows = new List<ExtensionRow>(byCode.Count);
        foreach (var (code, list) in byCode)
        {
            var titles = list.GroupBy(e => e.ExtensionTitle, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            if (titles.Count > 1)
            {
                if (titles[0].Count() == titles[1].Count())
                    throw titles[1].First().TitleLocation.Error(titles[1].Key,
                        $"one title for sub-unit group {code}, but '{titles[0].Key}' and '{titles[1].Key}' are each given by {titles[0].Count()} entries");
                foreach (var other in titles.Skip(1))
                    warnings.Add($"sub-unit group {code} is titled '{titles[0].Key}' by {titles[0].Count()} entries but '{other.Key}' by " +
                                 string.Join(", ", other.Select(e => $"entry {e.Row.Id} ({e.TitleLocation})")) +
                                 $"; the release uses '{titles[0].Key}'");
            }
            rows.Add(new ExtensionRow(code, code[..4], titles[0].Key));
        }
        return rows;
    }
}
