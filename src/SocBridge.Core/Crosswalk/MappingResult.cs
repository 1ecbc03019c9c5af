using SocBridge.Core.Classification;

namespace SocBridge.Core.Crosswalk;

/// <summary>A code of the other edition with its share of the source code and the joint sample count behind it.</summary>
/// <param name="Code">The counterpart.</param>
/// <param name="Title">The counterpart's display title.</param>
/// <param name="Weight">The share of the source's records that go to the counterpart; the weights of one mapping sum to 1.</param>
/// <param name="JointCount">The dual-coded sample records behind the weight.</param>
public sealed record MappedTarget(SocCode Code, string Title, double Weight, double JointCount);

/// <summary>
/// The weighted counterparts of one code. <see cref="Used"/> differs from <see cref="Requested"/> when
/// the requested sample had no record for the code and the documented fallback applied; then
/// <see cref="FallbackReason"/> says why. Weights are renormalised over the listed counterparts and
/// sum to 1; the share ONS left unallocated is reported as <see cref="ResidualShare"/> (SOC2010 → SOC2020 only).
/// </summary>
/// <param name="Source">The code mapped.</param>
/// <param name="SourceTitle">Its display title.</param>
/// <param name="TargetLevel">The level of the counterparts.</param>
/// <param name="Requested">The sample cells asked for.</param>
/// <param name="Used">The sample cells the weights come from.</param>
/// <param name="FallbackReason">Why <see cref="Used"/> differs from <see cref="Requested"/>, or why there is no counterpart; null otherwise.</param>
/// <param name="SampleTotal">The joint sample records of the source over all counterparts.</param>
/// <param name="SourceBase">The sample base of the source (SOC2010 → SOC2020 only).</param>
/// <param name="ResidualShare">The share of the base ONS did not allocate to any listed counterpart (SOC2010 → SOC2020 only).</param>
/// <param name="Relationship">How the source relates to the other edition.</param>
/// <param name="Targets">The counterparts, largest weight first.</param>
public sealed record MappingResult(
    SocCode Source,
    string SourceTitle,
    SocLevel TargetLevel,
    WeightSelection Requested,
    WeightSelection Used,
    string? FallbackReason,
    double SampleTotal,
    double? SourceBase,
    double? ResidualShare,
    RelationshipType Relationship,
    IReadOnlyList<MappedTarget> Targets)
{
    /// <summary>The edition of the counterparts.</summary>
    public SocVersion TargetVersion => Source.Version.Other();

    /// <summary>Whether the weights come from a fallback sample rather than the one requested.</summary>
    public bool IsFallback => Used != Requested;

    /// <summary>Whether there is at least one counterpart.</summary>
    public bool HasData => Targets.Count > 0;
}
