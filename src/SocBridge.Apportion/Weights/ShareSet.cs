using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Weights;

/// <summary>One target of a source group: its slot in the run's target list, its weight and the joint sample count behind it.</summary>
public readonly record struct TargetShare(int Slot, double Weight, double Joint);

/// <summary>
/// How one source code is shared out under one weight selection: the targets with weights summing
/// to 1, the selection actually used (after any fallback) and the sample counts that make the
/// Dirichlet posterior of the shares: Dirichlet(joint counts), whose mean is the weights.
/// </summary>
public sealed record ShareSet(
    SocCode Source,
    WeightSelection Requested,
    WeightSelection Used,
    string? FallbackReason,
    double SampleTotal,
    double? SourceBase,
    TargetShare[] Targets)
{
    /// <summary>Whether the weights used are not those requested (too few dual-coded records for the requested ones).</summary>
    public bool IsFallback => Used != Requested;

    /// <summary>Posterior variance of one share: w(1−w)/(n+1) for Dirichlet(n·w).</summary>
    public double Variance(TargetShare share) => SampleTotal <= 0 ? 0 : share.Weight * (1 - share.Weight) / (SampleTotal + 1);
}
