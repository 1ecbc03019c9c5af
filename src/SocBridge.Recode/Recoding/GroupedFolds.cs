namespace SocBridge.Recode.Recoding;

/// <summary>
/// Assigns items to cross-validation folds so that items sharing any grouping key (the same normalised
/// title, with or without its qualifiers) always fall in the same fold: keys are joined into connected
/// groups, which are shuffled with a seeded generator and dealt to the folds in turn.
/// </summary>
internal static class GroupedFolds
{
    public static int[] Assign<T>(IReadOnlyList<T> items, Func<T, IEnumerable<string>> keys, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var parent = new List<int>();
        var keyId = new Dictionary<string, int>(StringComparer.Ordinal);
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        var itemKey = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var first = -1;
            foreach (var key in keys(items[i]))
            {
                if (!keyId.TryGetValue(key, out var id))
                {
                    keyId[key] = id = parent.Count;
                    parent.Add(id);
                }
                if (first < 0) first = id;
                else
                {
                    var (a, b) = (Find(first), Find(id));
                    if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
            if (first < 0) throw new ArgumentException($"item {i} has no grouping key", nameof(keys));
            itemKey[i] = first;
        }
        // Name each group by its smallest key so the shuffle does not depend on the order of the items.
        var groupName = new Dictionary<int, string>();
        foreach (var (key, id) in keyId)
        {
            var root = Find(id);
            if (!groupName.TryGetValue(root, out var name) || string.CompareOrdinal(key, name) < 0) groupName[root] = key;
        }
        var names = groupName.Values.Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(names);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) foldOf[names[i]] = i % folds;
        return [.. itemKey.Select(k => foldOf[groupName[Find(k)]])];
    }

    /// <summary>The keys that make two index titles duplicates: the normalised title, and the title with its qualifiers.</summary>
    public static IEnumerable<string> TitleKeys(IndexTitle title) =>
        [title.Terms.TitleKey.Length > 0 ? "t:" + title.Terms.TitleKey : "f:" + title.Terms.FullKey, "f:" + title.Terms.FullKey];
}
