using SocBridge.Core.Crosswalk;

namespace SocBridge.Reporting.Evidence;

/// <summary>
/// What an audit looks at: the weight selection whose weights are shown, the probability of the
/// intervals, and the two thresholds that mark evidence as thin. The thresholds are choices of the
/// reader, not properties of the data, so they are options and every page states them.
/// </summary>
public sealed record AuditOptions
{
    /// <summary>The weights shown as "the" weights (default: LFS, all persons, as the engine's default).</summary>
    public WeightSelection Selection { get; init; } = WeightSelection.Default;

    /// <summary>Probability of the central intervals (default 0.95).</summary>
    public double IntervalProbability { get; init; } = 0.95;

    /// <summary>A group whose selected weights rest on fewer sample records than this is a small-base group (default 30).</summary>
    public double SmallBase { get; init; } = 30;

    /// <summary>A SOC2020 group no SOC2010 group sends more than this share of itself to is "fed only by small shares" (default 0.1).</summary>
    public double SmallShare { get; init; } = 0.10;

    /// <summary>Problems with the options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(IntervalProbability > 0 && IntervalProbability < 1)) errors.Add($"the interval probability must lie strictly between 0 and 1 (got {IntervalProbability})");
        if (!(SmallBase >= 0) || double.IsInfinity(SmallBase)) errors.Add($"the small-base threshold must be a number of records >= 0 (got {SmallBase})");
        if (!(SmallShare >= 0 && SmallShare <= 1)) errors.Add($"the small-share threshold must lie between 0 and 1 (got {SmallShare})");
        return errors;
    }

    internal AuditOptions Checked()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new ArgumentException(string.Join("; ", errors));
    }
}
