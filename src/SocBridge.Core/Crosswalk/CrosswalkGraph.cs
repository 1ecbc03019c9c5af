using SocBridge.Core.Classification;

namespace SocBridge.Core.Crosswalk;

/// <summary>
/// The weighted many-to-many graph between SOC2010 and SOC2020 built from the relationship table.
/// Forward weight w(i→j) = joint(i,j) / Σj joint(i,j); reverse weight w(j→i) = joint(i,j) / Σi joint(i,j),
/// with joint counts of the selected sample cells added. At coarser levels the unit-group joint counts
/// are summed to the parent groups first.
/// </summary>
public sealed class CrosswalkGraph
{
    private readonly SocHierarchy _soc2010;
    private readonly SocHierarchy _soc2020;
    private readonly Dictionary<SocCode, RelationshipLink[]> _bySoc2010Unit;
    private readonly Dictionary<SocCode, RelationshipLink[]> _bySoc2020Unit;

    internal CrosswalkGraph(RelationshipTable table, SocHierarchy soc2010, SocHierarchy soc2020)
    {
        Table = table;
        _soc2010 = soc2010;
        _soc2020 = soc2020;
        _bySoc2010Unit = table.Links.GroupBy(l => l.Soc2010).ToDictionary(g => g.Key, g => g.ToArray());
        _bySoc2020Unit = table.Links.GroupBy(l => l.Soc2020).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The relationship table the graph is built from.</summary>
    public RelationshipTable Table { get; }

    /// <summary>The hierarchy of <paramref name="version"/>.</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public SocHierarchy Hierarchy(SocVersion version) => version.Select(_soc2010, _soc2020);

    /// <summary>
    /// The counterparts of <paramref name="source"/> at <paramref name="targetLevel"/> (default: the source's level),
    /// each with its weight and joint count. When the selected sample has no record for the code, the
    /// documented fallback of <see cref="WeightSelection.WithFallbacks"/> applies and the result says so.
    /// </summary>
    /// <param name="source">A code of either edition that names a group of the release.</param>
    /// <param name="selection">Which sample cells the weights come from.</param>
    /// <param name="targetLevel">The level of the counterparts; the source's level when null.</param>
    /// <exception cref="UnknownSocCodeException"><paramref name="source"/> names no group of its edition.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> is <see cref="SocCode.None"/>.</exception>
    public MappingResult Map(SocCode source, WeightSelection selection, SocLevel? targetLevel = null)
    {
        SocCode.ThrowIfNone(source);
        var group = Hierarchy(source.Version).Get(source);
        var level = targetLevel ?? source.Level;
        var links = LinksWithin(source);
        var forward = source.Version.Select(true, false);

        WeightSelection used = selection;
        double total = 0;
        string? reason = null;
        foreach (var candidate in selection.WithFallbacks())
        {
            used = candidate;
            total = 0;
            foreach (var link in links) total += link.JointCounts.Sum(candidate);
            if (total > 0) break;
            reason ??= $"no {candidate} sample record for {source.ToQualifiedString()}";
        }
        if (total <= 0) used = selection;

        var targets = new List<MappedTarget>();
        if (total > 0)
        {
            var byTarget = new Dictionary<SocCode, double>();
            foreach (var link in links)
            {
                var joint = link.JointCounts.Sum(used);
                if (joint <= 0) continue;
                var target = (forward ? link.Soc2020 : link.Soc2010).AtLevel(level);
                byTarget[target] = byTarget.GetValueOrDefault(target) + joint;
            }
            var hierarchy = Hierarchy(source.Version.Other());
            foreach (var (code, joint) in byTarget.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key))
                targets.Add(new MappedTarget(code, hierarchy.Get(code).DisplayTitle, joint / total, joint));
        }
        else
        {
            reason = $"no sample record in any weight set links {source.ToQualifiedString()} to SOC{source.Version.Other().Year()}";
        }

        double? sourceBase = null, residual = null;
        if (forward && total > 0)
        {
            double bases = 0, residualCount = 0;
            foreach (var unit in _soc2010.UnitGroupsWithin(source))
            {
                if (!Table.BySoc2010.TryGetValue(unit.Code, out var rg)) continue;
                bases += rg.Bases.Sum(used);
                residualCount += rg.ResidualCount(used);
            }
            sourceBase = bases;
            residual = bases > 0 ? residualCount / bases : 0;
        }

        // reason is null exactly when the requested selection had records.
        return new MappingResult(source, group.DisplayTitle, level, selection, used, reason,
            total, sourceBase, residual, RelationshipOf(source, level), targets);
    }

    /// <summary>Every code of <paramref name="from"/> at <paramref name="level"/>, mapped to the same level.</summary>
    /// <param name="from">The source edition.</param>
    /// <param name="level">The level of the sources and counterparts.</param>
    /// <param name="selection">Which sample cells the weights come from.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not an edition.</exception>
    public IEnumerable<MappingResult> MapAll(SocVersion from, SocLevel level, WeightSelection selection) =>
        Hierarchy(from).AtLevel(level).Select(g => Map(g.Code, selection, level));

    /// <summary>The relationship type of a code with the other edition at <paramref name="targetLevel"/>, from the pooled weights.</summary>
    /// <param name="source">A code of either edition.</param>
    /// <param name="targetLevel">The level of the counterparts.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is <see cref="SocCode.None"/>.</exception>
    public RelationshipType RelationshipOf(SocCode source, SocLevel targetLevel)
    {
        SocCode.ThrowIfNone(source);
        var pooled = new WeightSelection(WeightSet.Pooled, SexSet.All);
        var forward = source.Version.Select(true, false);
        var targets = LinksWithin(source)
            .Where(l => l.JointCounts.Sum(pooled) > 0)
            .Select(l => (forward ? l.Soc2020 : l.Soc2010).AtLevel(targetLevel))
            .ToHashSet();
        if (targets.Count == 0) return RelationshipType.None;
        // A counterpart is shared when any of its own positive links leads back to a code other than the source.
        var shared = targets.Any(t => LinksWithin(t)
            .Where(l => l.JointCounts.Sum(pooled) > 0)
            .Any(l => (forward ? l.Soc2010 : l.Soc2020).AtLevel(source.Level) != source));
        return (targets.Count, shared) switch
        {
            (1, false) => RelationshipType.OneToOne,
            (1, true) => RelationshipType.Merge,
            (_, false) => RelationshipType.Split,
            _ => RelationshipType.Complex,
        };
    }

    /// <summary>Joint count of one pair at any levels (codes of different editions), for the selected cells.</summary>
    /// <param name="soc2010">A SOC2010 code.</param>
    /// <param name="soc2020">A SOC2020 code.</param>
    /// <param name="selection">Which sample cells to add.</param>
    /// <exception cref="ArgumentException"><paramref name="soc2010"/> is <see cref="SocCode.None"/>.</exception>
    public double JointCount(SocCode soc2010, SocCode soc2020, WeightSelection selection) =>
        LinksWithin(soc2010).Where(l => l.Soc2020.IsWithin(soc2020)).Sum(l => l.JointCounts.Sum(selection));

    /// <summary>The unit-level links of every unit group within <paramref name="code"/>.</summary>
    /// <param name="code">A code of either edition.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is <see cref="SocCode.None"/>.</exception>
    public IReadOnlyList<RelationshipLink> LinksWithin(SocCode code)
    {
        SocCode.ThrowIfNone(code);
        var index = code.Version.Select(_bySoc2010Unit, _bySoc2020Unit);
        if (code.Level == SocLevel.Unit) return index.GetValueOrDefault(code, []);
        var result = new List<RelationshipLink>();
        foreach (var unit in Hierarchy(code.Version).UnitGroupsWithin(code))
            if (index.TryGetValue(unit.Code, out var links)) result.AddRange(links);
        return result;
    }
}
