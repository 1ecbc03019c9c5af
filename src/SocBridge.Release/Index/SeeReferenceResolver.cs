using SocBridge.Core.Release;

namespace SocBridge.Release.Index;

/// <summary>
/// Resolves the SEE text of placeholder entries ("see Adviser", "see also Foreman") to the one index entry
/// it names. A target is an entry whose indexed title (INDEXOCC) equals the text after "see " or "see also "
/// (ignoring case), with no ADD or IND qualifier and real codes. Only a single such entry counts as a
/// resolution; none or several (for example "see Machinist", which exists only with qualifiers) and
/// references to notes or to qualified families ("see Foreman ( )") stay unresolved.
/// </summary>
internal static class SeeReferenceResolver
{
    private static readonly string[] Prefixes = ["see also ", "see "];

    public static List<IndexRow> Resolve(IReadOnlyList<IndexRow> entries, out int resolved)
    {
        var targets = entries
            .Where(e => !e.IsSeeReference && e.AdditionalQualifier.Length == 0 && e.IndustryQualifier.Length == 0)
            .GroupBy(e => e.IndexedTitle, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

        var result = new List<IndexRow>(entries.Count);
        resolved = 0;
        foreach (var entry in entries)
        {
            if (entry.IsSeeReference && TargetTitle(entry.See) is { } title
                && targets.TryGetValue(title, out var matches) && matches.Count == 1 && matches[0].Id != entry.Id)
            {
                result.Add(entry with { SeeTargetId = matches[0].Id });
                resolved++;
            }
            else
            {
                result.Add(entry);
            }
        }
        return result;
    }

    /// <summary>The title a SEE text points to, or null when it does not name an entry.</summary>
    internal static string? TargetTitle(string see)
    {
        foreach (var prefix in Prefixes)
        {
            if (!see.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var title = see[prefix.Length..].Trim();
            return title.Length == 0 ? null : title;
        }
        return null;
    }
}
