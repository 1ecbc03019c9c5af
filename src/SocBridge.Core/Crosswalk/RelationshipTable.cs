using SocBridge.Core.Classification;

namespace SocBridge.Core.Crosswalk;

/// <summary>
/// One listed (SOC2010, SOC2020) pair of the ONS relationship table: the proportion of the SOC2010
/// group's dual-coded records coded to the SOC2020 group, and the joint count (base × proportion),
/// per sample cell. A zero means the cell's sample had no such record.
/// </summary>
public sealed record RelationshipLink(SocCode Soc2010, SocCode Soc2020, CellVector Proportions, CellVector JointCounts);

/// <summary>
/// A SOC2010 unit group in the relationship table: its sample bases, its listed SOC2020 children and,
/// per cell, the residual share ONS did not allocate to any listed child (1 − sum of proportions).
/// </summary>
public sealed record RelationshipGroup(SocCode Soc2010, CellVector Bases, IReadOnlyList<RelationshipLink> Links, CellVector Residuals)
{
    /// <summary>Records in the cells of <paramref name="selection"/> that no listed child accounts for.</summary>
    public double ResidualCount(WeightSelection selection) => (Bases * Residuals).Sum(selection);
}

/// <summary>The ONS SOC2010 → SOC2020 unit-group relationship table, as released.</summary>
public sealed class RelationshipTable
{
    public RelationshipTable(IEnumerable<RelationshipGroup> groups)
    {
        Groups = groups.OrderBy(g => g.Soc2010).ToArray();
        Links = Groups.SelectMany(g => g.Links).ToArray();
        BySoc2010 = Groups.ToDictionary(g => g.Soc2010);
    }

    public IReadOnlyList<RelationshipGroup> Groups { get; }

    public IReadOnlyList<RelationshipLink> Links { get; }

    public IReadOnlyDictionary<SocCode, RelationshipGroup> BySoc2010 { get; }
}
