using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Apportion.Weights;

namespace SocBridge.Reporting.Evidence;

/// <summary>A coding index entry that sits on a (SOC2010, SOC2020) pair.</summary>
public sealed record IndexTitle(string Id, string Title);

/// <summary>
/// One sample cell of a pair. <see cref="Proportion"/> is the figure ONS published (SOC2010 → SOC2020:
/// share of the SOC2010 group's base; SOC2020 → SOC2010: share of the records the SOC2020 group receives);
/// <see cref="Weight"/> is the engine's weight from this cell alone (joint count over the listed joint
/// counts of the group in this cell) with its <see cref="Interval"/>.
/// </summary>
public sealed record CellEvidence(SampleCell Cell, double Proportion, double JointCount, double Weight, Interval Interval);

/// <summary>One counterpart of a group: the selected weight with its interval, the four cells and the index titles on the pair.</summary>
public sealed record TargetEvidence(
    SocCode Code,
    string Title,
    double Weight,
    double JointCount,
    Interval Interval,
    IReadOnlyList<CellEvidence> Cells,
    IReadOnlyList<IndexTitle> IndexTitles);

/// <summary>What one weight selection gives for a group: the selection used after any fallback and the records behind it.</summary>
public sealed record SelectionCoverage(WeightSelection Requested, WeightSelection Used, double SampleTotal, string? FallbackReason)
{
    /// <summary>Whether the weights come from a fallback selection rather than the one requested.</summary>
    public bool IsFallback => Used != Requested;
}

/// <summary>
/// Where a small-base group's weights are safer: the nearest coarser group of the same edition whose
/// weights rest on at least the small-base threshold of records.
/// </summary>
public sealed record SmallBaseAdvice(double Records, SocCode Safer, string SaferTitle, double SaferRecords);

/// <summary>
/// The evidence behind the weights of one unit group, in its own direction (SOC2010 groups forward to
/// SOC2020, SOC2020 groups back to SOC2010).
/// </summary>
/// <param name="Code">The unit group.</param>
/// <param name="Title">Its display title.</param>
/// <param name="Ancestors">Its major, sub-major and minor groups.</param>
/// <param name="Relationship">One-to-one, split, merge or complex with the other edition.</param>
/// <param name="Mapping">The library's mapping under the audit's selection: weights, sample total, fallback, residual.</param>
/// <param name="Bases">SOC2010 groups: the ONS bases per cell. SOC2020 groups: the records each cell sends to the group.</param>
/// <param name="CellTotals">Listed joint counts per cell: the records the weights of each cell rest on.</param>
/// <param name="Residuals">SOC2010 groups: the share of each cell's base ONS left unallocated. Null for SOC2020 groups.</param>
/// <param name="Targets">Every listed counterpart, largest selected weight first (those without records in the selection last).</param>
/// <param name="Coverage">What each of the nine weight selections gives.</param>
/// <param name="LfsCensusDistance">Total variation distance between the LFS and Census weights (all persons); null when either has no record.</param>
/// <param name="MenWomenDistance">Total variation distance between men's and women's weights (both sources pooled); null when either has no record.</param>
/// <param name="SmallBase">Where the weights are safer, when they rest on fewer records than the small-base threshold.</param>
/// <param name="Description">The Volume 1 description of a SOC2020 group.</param>
public sealed record GroupEvidence(
    SocCode Code,
    string Title,
    IReadOnlyList<(SocCode Code, string Title)> Ancestors,
    RelationshipType Relationship,
    MappingResult Mapping,
    CellVector Bases,
    CellVector CellTotals,
    CellVector? Residuals,
    IReadOnlyList<TargetEvidence> Targets,
    IReadOnlyList<SelectionCoverage> Coverage,
    double? LfsCensusDistance,
    double? MenWomenDistance,
    SmallBaseAdvice? SmallBase,
    DescriptionRecord? Description)
{
    /// <summary>The edition of the group.</summary>
    public SocVersion Version => Code.Version;

    /// <summary>Records behind the selected weights (after any fallback).</summary>
    public double SampleTotal => Mapping.SampleTotal;

    /// <summary>Whether the selected weights fell back to another selection for this group.</summary>
    public bool IsFallback => Mapping.IsFallback;
}
