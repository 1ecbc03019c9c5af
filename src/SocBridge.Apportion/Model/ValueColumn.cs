namespace SocBridge.Apportion.Model;

/// <summary>How a value column combines when codes are split and merged.</summary>
public enum ValueKind
{
    /// <summary>Employment, jobs, stocks: non-negative, shared out by weight and summed; conserved and reconciled.</summary>
    Count,

    /// <summary>A mean or rate: the employment-weighted average of the contributing source groups.</summary>
    Mean,

    /// <summary>A median, approximated like a mean (flagged as an approximation in the metadata).</summary>
    Median,

    /// <summary>
    /// A signed quantity (expansion demand, net mobility, net change): any sign, shared out by weight and
    /// summed like a count; conserved and reconciled, with its positive and negative parts reported.
    /// </summary>
    Flow,

    /// <summary>
    /// A characteristic of the code that comes without a count (a skills score, an hourly rate from a lookup,
    /// an index): averaged over the crosswalk with the joint sample counts of the chosen weight set as weights.
    /// </summary>
    Attribute,
}

/// <summary>
/// A value column of a series. Means and medians name the count column that weights them. A name written
/// <c>/REGEX/</c> is a pattern that a file's header resolves to every column it matches.
/// </summary>
public sealed record ValueColumn(string Name, ValueKind Kind, string? WeightColumn = null)
{
    /// <summary>A non-negative count column.</summary>
    public static ValueColumn Count(string name) => new(name, ValueKind.Count);

    /// <summary>A signed flow column.</summary>
    public static ValueColumn Flow(string name) => new(name, ValueKind.Flow);

    /// <summary>A per-code attribute column, averaged with the release's joint sample counts as weights.</summary>
    public static ValueColumn Attribute(string name) => new(name, ValueKind.Attribute);

    /// <summary>A mean column weighted by the count column <paramref name="weightColumn"/>.</summary>
    public static ValueColumn Mean(string name, string weightColumn) => new(name, ValueKind.Mean, weightColumn);

    /// <summary>A median column weighted by the count column <paramref name="weightColumn"/>.</summary>
    public static ValueColumn Median(string name, string weightColumn) => new(name, ValueKind.Median, weightColumn);

    /// <summary>A non-negative count (the only kind that gets intervals and that calibration fits).</summary>
    public bool IsCount => Kind == ValueKind.Count;

    /// <summary>Shared out by weight and summed, so conserved and reconciled: counts and flows.</summary>
    public bool IsShared => Kind is ValueKind.Count or ValueKind.Flow;

    /// <summary>Negative values are rejected (counts only).</summary>
    public bool IsNonNegative => Kind == ValueKind.Count;

    /// <summary>The name is a <c>/REGEX/</c> pattern still to be resolved against a header.</summary>
    public bool IsPattern => ColumnPattern.IsPattern(Name);

    /// <summary>The kind as written in options and metadata: count, flow, attribute, mean or median.</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}
