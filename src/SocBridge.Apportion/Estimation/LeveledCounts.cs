namespace SocBridge.Apportion.Estimation;

/// <summary>
/// Counts of one population by SOC group, at one or more levels of one edition (a table that prints its
/// unit groups with their minor, sub-major and major totals, like ASHE Table 14). A null value is a figure
/// the source did not publish (suppressed or not available); a group the table does not list is treated
/// the same way. Sum only one level: the levels overlap.
/// </summary>
/// <param name="Version">The edition of every code.</param>
/// <param name="Values">Published value, or null when not published, by code (any level).</param>
/// <param name="Source">Where the counts came from (a file name), for messages and the audit.</param>
public sealed record LeveledCounts(SocVersion Version, IReadOnlyDictionary<SocCode, double?> Values, string Source)
{
    /// <summary>Published unit-group values only; nothing is filled.</summary>
    public IReadOnlyDictionary<SocCode, double> PublishedUnits() =>
        Values.Where(kv => kv.Key.Level == SocLevel.Unit && kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);

    /// <summary>Unit-group values published or, when the parent totals allow, filled top-down.</summary>
    public IReadOnlyDictionary<SocCode, double> Units(SocHierarchy hierarchy, bool fillFromTotals) =>
        TopDownFill.Fill(this, hierarchy, fillFromTotals).Values;
}

/// <summary>Unit-group values after filling: which were published, which filled from a parent total, which stay unknown.</summary>
internal sealed record FilledUnits(IReadOnlyDictionary<SocCode, double> Values, IReadOnlySet<SocCode> Published, int Filled, int Unknown);

/// <summary>
/// Fills values a table does not publish from the totals above them, level by level from the top: the
/// unpublished children of a known group share equally what the group's total leaves after its published
/// children (parent minus published children, floored at 0). A group whose own value is unknown fills
/// nothing below it. The filled values serve fitting only, never as data.
/// </summary>
internal static class TopDownFill
{
    public static FilledUnits Fill(LeveledCounts counts, SocHierarchy hierarchy, bool fromTotals)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual((int)counts.Version, (int)hierarchy.Version);
        var known = new Dictionary<SocCode, double>();
        foreach (var (code, value) in counts.Values)
            if (value is { } v) known[code] = v;
        var published = known.Keys.Where(c => c.Level == SocLevel.Unit).ToHashSet();
        var filled = 0;
        if (fromTotals)
        {
            foreach (var level in new[] { SocLevel.Major, SocLevel.SubMajor, SocLevel.Minor })
                foreach (var group in hierarchy.AtLevel(level))
                {
                    if (!known.TryGetValue(group.Code, out var total)) continue;
                    var open = group.Children.Where(c => !known.ContainsKey(c)).ToArray();
                    if (open.Length == 0) continue;
                    var rest = Math.Max(0, total - group.Children.Where(known.ContainsKey).Sum(c => known[c]));
                    foreach (var child in open)
                    {
                        known[child] = rest / open.Length;
                        if (child.Level == SocLevel.Unit) filled++;
                    }
                }
        }
        var units = known.Where(kv => kv.Key.Level == SocLevel.Unit).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new FilledUnits(units, published, filled, hierarchy.UnitGroups.Count - units.Count);
    }
}
