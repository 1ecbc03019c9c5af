using SocBridge.Core.Classification;

namespace SocBridge.Core.Crosswalk;

/// <summary>A code of the other edition with its share of the source code and the joint sample count behind it.</summary>
public sealed record MappedTarget(SocCode Code, string Title, double Weight, double JointCount);

/// <summary>
/// The weighted counterparts of one code. <see cref="Used"/> differs from <see cref="Requested"/> when
/// the requested sample had no record for the code and the documented fallback applied; then
/// <see cref="FallbackReason"/> says why. Weights are renormalised over the listed counterparts and
/// sum to 1; the share ONS left unallocated is reported as <see cref="ResidualShare"/> (SOC2010 → SOC2020 only).
/// </summary>
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
    public SocVersion TargetVersion => Source.Version.Other();

    public bool IsFallback => Used != Requested;

    public bool HasData => Targets.Count > 0;
}
