using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

public class GroupedFoldProperties
{
    [Property(MaxTest = 200)]
    public Property Items_sharing_any_key_share_a_fold(int[][] keySets, PositiveInt foldCount)
    {
        var items = keySets.Where(k => k is { Length: > 0 }).Select(k => k.Select(x => (x % 20).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var folds = Math.Max(2, foldCount.Get % 7);
        var assigned = GroupedFolds.Assign(items, x => x, folds, 1);
        var foldOfKey = new Dictionary<string, int>();
        var ok = true;
        for (var i = 0; i < items.Length; i++)
            foreach (var k in items[i])
            {
                if (foldOfKey.TryGetValue(k, out var f) && f != assigned[i]) ok = false;
                foldOfKey[k] = assigned[i];
            }
        return (ok && assigned.All(f => f >= 0 && f < folds)).Label($"folds={folds} items={items.Length}");
    }
}
