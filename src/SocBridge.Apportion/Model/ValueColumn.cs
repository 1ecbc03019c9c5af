namespace SocBridge.Apportion.Model;

/// <summary>How a value column combines when codes are split and merged.</summary>
public enum ValueKind
{
    /// <summary>Employment, jobs, replacement demand: shared out by weight and summed.</summary>
    Count,

    /// <summary>A mean or rate: the employment-weighted average of the contributing source groups.</summary>
    Mean,

    /// <summary>A median, approximated like a mean (flagged as an approximation in the metadata).</summary>
    Median,
}

/// <summary>A value column of a series. Means and medians name the count column that weights them.</summary>
public sealed record ValueColumn(string Name, ValueKind Kind, string? WeightColumn = null)
{
    public static ValueColumn Count(string name) => new(name, ValueKind.Count);

    public static ValueColumn Mean(string name, string weightColumn) => new(name, ValueKind.Mean, weightColumn);

    public static ValueColumn Median(string name, string weightColumn) => new(name, ValueKind.Median, weightColumn);

    public bool IsCount => Kind == ValueKind.Count;
}
