using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Apportion.Weights;

namespace SocBridge.Reporting.Evidence;

/// <summary>An index pair the relationship table gives no weight, with the index titles that carry it.</summary>
public sealed record IndexGapEvidence(IndexCrosswalkGap Gap, string Soc2010Title, string Soc2020Title, IReadOnlyList<IndexTitle> Titles);

/// <summary>A sample cell of a SOC2010 group whose listed proportions do not sum to one.</summary>
public sealed record ProportionSumEvidence(SocCode Soc2010, string Title, SampleCell Cell, double Base, double ProportionSum)
{
    /// <summary>1 − the sum: the share ONS left unallocated (negative when the proportions exceed one).</summary>
    public double Residual => 1 - ProportionSum;

    /// <summary>Records of the base no listed SOC2020 group accounts for.</summary>
    public double ResidualRecords => Base * Residual;
}

/// <summary>A SOC2020 group that no SOC2010 group sends more than the small-share threshold of itself to.</summary>
public sealed record SmallShareEvidence(SocCode Soc2020, string Title, double Records, IReadOnlyList<(SocCode Soc2010, string Title, double Weight, double JointCount)> Feeders);

/// <summary>Records linking a group of SOC2010 to a group of SOC2020 at one level, in the audit's selection.</summary>
public sealed record FlowLink(SocCode Soc2010, SocCode Soc2020, double Records);

/// <summary>
/// The audit of a release's SOC2010 ⇄ SOC2020 weights under one selection: the evidence of every unit
/// group in both directions and the inconsistencies between the relationship table and the coding index.
/// Built by <see cref="Build"/>; every figure comes from <see cref="CrosswalkGraph"/> and the release.
/// </summary>
public sealed class AuditEvidence
{
    private readonly Dictionary<SocCode, GroupEvidence> _byCode;

    private AuditEvidence(SocRelease release, AuditOptions options, IReadOnlyList<GroupEvidence> soc2010, IReadOnlyList<GroupEvidence> soc2020,
        IReadOnlyList<IndexGapEvidence> gaps, IReadOnlyList<ProportionSumEvidence> sums, IReadOnlyList<SmallShareEvidence> smallShares)
    {
        Release = release;
        Options = options;
        Soc2010 = soc2010;
        Soc2020 = soc2020;
        IndexGaps = gaps;
        ProportionSums = sums;
        SmallShares = smallShares;
        _byCode = soc2010.Concat(soc2020).ToDictionary(g => g.Code);
    }

    /// <summary>The release the evidence is drawn from.</summary>
    public SocRelease Release { get; }
    /// <summary>The thresholds the evidence was gathered with.</summary>
    public AuditOptions Options { get; }

    /// <summary>The 369 SOC2010 unit groups, forward to SOC2020.</summary>
    public IReadOnlyList<GroupEvidence> Soc2010 { get; }

    /// <summary>The 412 SOC2020 unit groups, back to SOC2010.</summary>
    public IReadOnlyList<GroupEvidence> Soc2020 { get; }

    /// <summary>Coding index pairs without weight in the relationship table, with their titles.</summary>
    public IReadOnlyList<IndexGapEvidence> IndexGaps { get; }

    /// <summary>Cells of SOC2010 groups whose listed proportions do not sum to one, largest residual records first.</summary>
    public IReadOnlyList<ProportionSumEvidence> ProportionSums { get; }

    /// <summary>SOC2020 groups fed only by small shares of their sources.</summary>
    public IReadOnlyList<SmallShareEvidence> SmallShares { get; }

    /// <summary>The unit groups of <paramref name="version"/>: <see cref="Soc2010"/> or <see cref="Soc2020"/>.</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public IReadOnlyList<GroupEvidence> Groups(SocVersion version) => version switch
    {
        SocVersion.Soc2010 => Soc2010,
        SocVersion.Soc2020 => Soc2020,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "not a SOC edition"),
    };

    /// <summary>The evidence for one unit group.</summary>
    /// <param name="code">A unit group of either edition.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a unit group of the release.</exception>
    public GroupEvidence Group(SocCode code) =>
        _byCode.TryGetValue(code, out var g) ? g : throw new ArgumentException($"{code.ToQualifiedString()} is not a unit group of the release", nameof(code));

    /// <summary>Small-base groups of one edition, fewest records first.</summary>
    public IReadOnlyList<GroupEvidence> SmallBaseGroups(SocVersion version) =>
        Groups(version).Where(g => g.SmallBase is not null).OrderBy(g => g.SampleTotal).ThenBy(g => g.Code).ToArray();

    /// <summary>Records linking the groups of <paramref name="level"/> in the audit's selection (no fallback: these are the sample's own records).</summary>
    public IReadOnlyList<FlowLink> Flows(SocLevel level) =>
        Release.Crosswalk.Table.Links
            .GroupBy(l => (l.Soc2010.AtLevel(level), l.Soc2020.AtLevel(level)))
            .Select(g => new FlowLink(g.Key.Item1, g.Key.Item2, g.Sum(l => l.JointCounts.Sum(Options.Selection))))
            .Where(f => f.Records > 0)
            .OrderBy(f => f.Soc2010).ThenBy(f => f.Soc2020)
            .ToArray();

    /// <summary>Builds the evidence of every unit group of both editions.</summary>
    public static AuditEvidence Build(SocRelease release, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        var o = (options ?? new AuditOptions()).Checked();
        var builder = new GroupEvidenceBuilder(release, o);
        var soc2010 = release.Soc2010.UnitGroups.Select(g => builder.Build(g.Code)).ToArray();
        var soc2020 = release.Soc2020.UnitGroups.Select(g => builder.Build(g.Code)).ToArray();

        var gaps = release.IndexPairsWithoutWeight().Select(g => new IndexGapEvidence(g,
            release.Soc2010.Get(g.Soc2010).DisplayTitle, release.Soc2020.Get(g.Soc2020).DisplayTitle,
            g.EntryIds.Select(id => release.Index.Find(id)).OfType<Core.Index.CodingIndexEntry>()
                .Select(e => new IndexTitle(e.Id, e.QualifiedTitle)).ToArray())).ToArray();

        var sums = new List<ProportionSumEvidence>();
        foreach (var group in release.Crosswalk.Table.Groups)
            foreach (var cell in Enum.GetValues<SampleCell>())
            {
                var b = group.Bases[cell];
                if (b <= 0) continue;
                var sum = group.Links.Sum(l => l.Proportions[cell]);
                if (Math.Abs(1 - sum) > ProportionTolerance)
                    sums.Add(new ProportionSumEvidence(group.Soc2010, release.Soc2010.Get(group.Soc2010).DisplayTitle, cell, b, sum));
            }

        var smallShares = new List<SmallShareEvidence>();
        foreach (var target in soc2020)
        {
            var feeders = soc2010
                .SelectMany(s => s.Mapping.Targets.Where(t => t.Code == target.Code).Select(t => (s.Code, s.Title, t.Weight, t.JointCount)))
                .OrderByDescending(f => f.Weight).ToArray();
            if (feeders.Length > 0 && feeders.All(f => f.Weight < o.SmallShare))
                smallShares.Add(new SmallShareEvidence(target.Code, target.Title, feeders.Sum(f => f.JointCount), feeders));
        }

        return new AuditEvidence(release, o, soc2010, soc2020, gaps,
            sums.OrderByDescending(s => Math.Abs(s.ResidualRecords)).ThenBy(s => s.Soc2010).ThenBy(s => s.Cell).ToArray(), smallShares);
    }

    /// <summary>The evidence of one unit group only (what <c>audit group</c> prints).</summary>
    public static GroupEvidence BuildGroup(SocRelease release, SocCode unitGroup, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (unitGroup.Level != SocLevel.Unit || !release.Hierarchy(unitGroup.Version).Contains(unitGroup))
            throw new ArgumentException($"{unitGroup.ToQualifiedString()} is not a unit group of the release", nameof(unitGroup));
        return new GroupEvidenceBuilder(release, (options ?? new AuditOptions()).Checked()).Build(unitGroup);
    }

    /// <summary>Proportion sums further than this from one count as not summing to one (the table's own rounding is far smaller).</summary>
    internal const double ProportionTolerance = 1e-9;
}

/// <summary>Builds <see cref="GroupEvidence"/> for unit groups of either edition.</summary>
internal sealed class GroupEvidenceBuilder
{
    private static readonly SampleCell[] Cells = Enum.GetValues<SampleCell>();
    private readonly SocRelease _release;
    private readonly AuditOptions _options;
    private readonly Lazy<Dictionary<(SocCode, SocCode), IndexTitle[]>> _titles;

    public GroupEvidenceBuilder(SocRelease release, AuditOptions options)
    {
        _release = release;
        _options = options;
        _titles = new(() => release.Index.Entries
            .Where(e => e.Soc2010 is not null && e.Soc2020 is not null)
            .GroupBy(e => (e.Soc2010!.Value, e.Soc2020!.Value))
            .ToDictionary(g => g.Key, g => g.Select(e => new IndexTitle(e.Id, e.QualifiedTitle)).ToArray()));
    }

    public GroupEvidence Build(SocCode code)
    {
        var crosswalk = _release.Crosswalk;
        var hierarchy = _release.Hierarchy(code.Version);
        var other = _release.Hierarchy(code.Version.Other());
        var forward = code.Version == SocVersion.Soc2010;
        var group = hierarchy.Get(code);
        var mapping = crosswalk.Map(code, _options.Selection);
        var links = crosswalk.LinksWithin(code);

        var cellTotals = CellVector.Zero;
        foreach (var l in links) cellTotals += l.JointCounts;
        CellVector bases;
        CellVector? residuals = null;
        if (forward && crosswalk.Table.BySoc2010.TryGetValue(code, out var rg))
        {
            bases = rg.Bases;
            residuals = rg.Residuals;
        }
        else bases = cellTotals;

        var weightOf = mapping.Targets.ToDictionary(t => t.Code);
        var p = _options.IntervalProbability;
        var targets = links
            .Select(l =>
            {
                var target = forward ? l.Soc2020 : l.Soc2010;
                var pair = forward ? (code, target) : (target, code);
                weightOf.TryGetValue(target, out var mapped);
                var weight = mapped?.Weight ?? 0;
                var cells = Cells.Select(c =>
                {
                    var joint = l.JointCounts[c];
                    var n = cellTotals[c];
                    var w = n > 0 ? joint / n : 0;
                    var proportion = forward ? l.Proportions[c] : w;
                    return new CellEvidence(c, proportion, joint, w, DirichletInterval.Share(w, n, p));
                }).ToArray();
                return new TargetEvidence(target, other.Get(target).DisplayTitle, weight, mapped?.JointCount ?? 0,
                    DirichletInterval.Share(weight, mapped is null ? 0 : mapping.SampleTotal, p), cells,
                    _titles.Value.GetValueOrDefault(pair, []));
            })
            .OrderByDescending(t => t.Weight)
            .ThenByDescending(t => t.Cells.Sum(c => c.JointCount))
            .ThenBy(t => t.Code)
            .ToArray();

        var coverage = WeightSelection.All.Select(s =>
        {
            var m = s == _options.Selection ? mapping : crosswalk.Map(code, s);
            return (Selection: s, Mapping: m);
        }).ToArray();
        var lfs = coverage.First(c => c.Selection == new WeightSelection(WeightSet.Lfs, SexSet.All)).Mapping;
        var census = coverage.First(c => c.Selection == new WeightSelection(WeightSet.Census, SexSet.All)).Mapping;
        var men = coverage.First(c => c.Selection == new WeightSelection(WeightSet.Pooled, SexSet.Men)).Mapping;
        var women = coverage.First(c => c.Selection == new WeightSelection(WeightSet.Pooled, SexSet.Women)).Mapping;

        var ancestors = new List<(SocCode, string)>();
        for (var a = group.Parent; a is not null; a = hierarchy.Get(a.Value).Parent)
            ancestors.Insert(0, (a.Value, hierarchy.Get(a.Value).DisplayTitle));

        return new GroupEvidence(code, group.DisplayTitle, ancestors, mapping.Relationship, mapping, bases, cellTotals, residuals, targets,
            coverage.Select(c => new SelectionCoverage(c.Selection, c.Mapping.Used, c.Mapping.SampleTotal, c.Mapping.FallbackReason)).ToArray(),
            Distance(lfs, census), Distance(men, women), Advice(code, mapping),
            forward ? null : _release.Descriptions.GetValueOrDefault(code));
    }

    /// <summary>Total variation distance between two mappings' weights; null when either had to fall back or has no record.</summary>
    internal static double? Distance(MappingResult a, MappingResult b)
    {
        if (a.IsFallback || b.IsFallback || !a.HasData || !b.HasData) return null;
        var codes = a.Targets.Select(t => t.Code).Union(b.Targets.Select(t => t.Code));
        var wa = a.Targets.ToDictionary(t => t.Code, t => t.Weight);
        var wb = b.Targets.ToDictionary(t => t.Code, t => t.Weight);
        return 0.5 * codes.Sum(c => Math.Abs(wa.GetValueOrDefault(c) - wb.GetValueOrDefault(c)));
    }

    private SmallBaseAdvice? Advice(SocCode code, MappingResult mapping)
    {
        if (mapping.SampleTotal >= _options.SmallBase) return null;
        var hierarchy = _release.Hierarchy(code.Version);
        MappingResult? safer = null;
        for (var a = code.Parent; a is not null; a = a.Value.Parent)
        {
            safer = _release.Crosswalk.Map(a.Value, _options.Selection);
            if (safer.SampleTotal >= _options.SmallBase) break;
        }
        return safer is null ? null : new SmallBaseAdvice(mapping.SampleTotal, safer.Source, hierarchy.Get(safer.Source).DisplayTitle, safer.SampleTotal);
    }
}
