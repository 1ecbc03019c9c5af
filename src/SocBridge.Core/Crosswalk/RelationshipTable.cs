using SocBridge.Core.Classification;

namespace SocBridge.Core.Crosswalk;

/// <summary>
/// One listed (SOC2010, SOC2020) pair of the ONS relationship table: the proportion of the SOC2010
/// group's dual-coded records coded to the SOC2020 group, and the joint count (base × proportion),
/// per sample cell. A zero means the cell's sample had no such record.
/// </summary>
/// <param name="Soc2010">The SOC2010 unit group.</param>
/// <param name="Soc2020">The SOC2020 unit group.</param>
/// <param name="Proportions">The proportion of the SOC2010 group's records coded to the SOC2020 group, per cell.</param>
/// <param name="JointCounts">The number of records coded to both, per cell.</param>
public sealed record RelationshipLink(SocCode Soc2010, SocCode Soc2020, CellVector Proportions, CellVector JointCounts);

/// <summary>
/// A SOC2010 unit group in the relationship table: its sample bases, its listed SOC2020 children and,
/// per cell, the residual share ONS did not allocate to any listed child (1 − sum of proportions).
/// </summary>
/// <param name="Soc2010">The SOC2010 unit group.</param>
/// <param name="Bases">The group's dual-coded records, per cell.</param>
/// <param name="Links">Its listed SOC2020 unit groups.</param>
/// <param name="Residuals">The share not allocated to a listed child, per cell.</param>
public sealed record RelationshipGroup(SocCode Soc2010, CellVector Bases, IReadOnlyList<RelationshipLink> Links, CellVector Residuals)
{
    /// <summary>Records in the cells of <paramref name="selection"/> that no listed child accounts for.</summary>
    /// <param name="selection">Which cells to add.</param>
    public double ResidualCount(WeightSelection selection) => (Bases * Residuals).Sum(selection);
}

/// <summary>The ONS SOC2010 → SOC2020 unit-group relationship table, as released.</summary>
public sealed class RelationshipTable
{
    internal RelationshipTable(IEnumerable<RelationshipGroup> groups)
    {
        Groups = groups.OrderBy(g => g.Soc2010).ToArray();
        Links = Groups.SelectMany(g => g.Links).ToArray();
        BySoc2010 = Groups.ToDictionary(g => g.Soc2010);
    }

    /// <summary>Every SOC2010 unit group of the table, in code order.</summary>
    public IReadOnlyList<RelationshipGroup> Groups { get; }

    /// <summary>Every listed pair, grouped by SOC2010 unit group.</summary>
    public IReadOnlyList<RelationshipLink> Links { get; }

    /// <summary>The groups by SOC2010 unit group code.</summary>
    public IReadOnlyDictionary<SocCode, RelationshipGroup> BySoc2010 { get; }
}
