using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Model;

/// <summary>What to do with the share of a SOC2010 group that ONS did not allocate to any listed SOC2020 group.</summary>
public enum ResidualPolicy
{
    /// <summary>Share everything among the listed groups (weights renormalised to sum to 1). The default.</summary>
    Renormalise,

    /// <summary>Keep the residual share as an explicit <c>unallocated</c> target row.</summary>
    Unallocated,
}

/// <summary>How a series is translated. <see cref="Validate"/> lists every problem at once.</summary>
public sealed record ApportionOptions
{
    /// <summary>The target code under which a kept residual is written (see <see cref="ResidualPolicy"/>).</summary>
    public const string UnallocatedCode = "unallocated";

    /// <summary>The edition of the input's codes; the output is in the other one.</summary>
    public required SocVersion From { get; init; }
    /// <summary>The column holding the codes (plain or labelled).</summary>
    public required string CodeColumn { get; init; }
    /// <summary>The value columns and how each is translated (counts and flows shared out, means and attributes averaged).</summary>
    public required IReadOnlyList<ValueColumn> Values { get; init; }
    /// <summary>The ONS weights used: LFS, Census or pooled, for all, men or women.</summary>
    public WeightSelection Selection { get; init; } = WeightSelection.Default;

    /// <summary>Column whose values (male/female/men/women/M/F/all) choose sex-specific weights per row.</summary>
    public string? SexColumn { get; init; }

    /// <summary>
    /// The dimension columns, in output order. When null every column that is not the code or a value is a
    /// dimension; when given, the other columns are ignored (and listed in the run's metadata).
    /// </summary>
    public IReadOnlyList<string>? Dimensions { get; init; }

    /// <summary>
    /// Columns to leave out of the translation (listed in the run's metadata as ignored). Like
    /// <see cref="Dimensions"/> and value names, an item written <c>/REGEX/</c> names every matching column.
    /// </summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Target level; by default each row keeps the level of its code.</summary>
    public SocLevel? ToLevel { get; init; }

    /// <summary>What happens to the share of a source group that the weights do not place.</summary>
    public ResidualPolicy Residual { get; init; } = ResidualPolicy.Renormalise;

    /// <summary>
    /// Fitted weights of the calibrated estimator (<see cref="Estimation.CalibratedEstimator"/>, or a folder
    /// loaded with <see cref="Estimation.FittedWeightsFolder.Load"/>) to use instead of the ONS weights of
    /// <see cref="Selection"/>; SOC2010 → SOC2020 only, with the residual renormalised. Null for the ONS weights.
    /// </summary>
    public Estimation.FittedWeights? Weights { get; init; }

    /// <summary>Central probability of the interval for each apportioned count (e.g. 0.95), or null for none.</summary>
    public double? Interval { get; init; }

    /// <summary>Sum rows that repeat the same dimensions and code instead of rejecting the repeats.</summary>
    public bool SumDuplicates { get; init; }

    /// <summary>Collect the per-cell audit trail (every contributing source code, weight and contribution).</summary>
    public bool Audit { get; init; }

    /// <summary>
    /// Threads for reading and sharing out; null for one per processor. Results are the same for any
    /// number of threads, except that a CSV file read in more slices can sum counts in another order
    /// (a difference in the last bits).
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>The edition of the output.</summary>
    public SocVersion To => From.Other();

    /// <summary>The count columns among <see cref="Values"/>.</summary>
    public IEnumerable<ValueColumn> Counts => Values.Where(v => v.IsCount);

    /// <summary>Every problem with the options at once (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(CodeColumn)) errors.Add("the code column is not named");
        if (Values.Count == 0) errors.Add("no value column is declared: name at least one --count or --mean column");
        foreach (var dup in Values.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"value column '{dup.Key}' is declared twice");
        foreach (var v in Values.Where(v => v.Kind is ValueKind.Mean or ValueKind.Median))
        {
            if (v.WeightColumn is null) errors.Add($"{v.KindName} column '{v.Name}' needs a weighting count column (NAME=COUNTCOLUMN)");
            else if (!Values.Any(c => c.IsCount && (c.Name == v.WeightColumn || c.IsPattern)))
                errors.Add(Values.Any(c => c.Name == v.WeightColumn)
                    ? $"{v.KindName} column '{v.Name}' is weighted by '{v.WeightColumn}', which is declared as a {Values.First(c => c.Name == v.WeightColumn).KindName}; a weight must be a count column"
                    : $"{v.KindName} column '{v.Name}' is weighted by '{v.WeightColumn}', which is not declared as a count column");
        }
        foreach (var v in Values.Where(v => v.Kind is ValueKind.Count or ValueKind.Flow or ValueKind.Attribute && v.WeightColumn is not null))
            errors.Add($"{v.KindName} column '{v.Name}' takes no weighting column");
        errors.AddRange(ColumnPattern.Problems(Values.Select(v => v.Name).Concat(Dimensions ?? []).Concat(Ignore)));
        foreach (var i in Ignore.Where(i => i == CodeColumn || Values.Any(v => v.Name == i) || i == SexColumn))
            errors.Add($"'{i}' cannot be both ignored and the code, sex or a value column");
        if (Values.Any(v => v.Name == CodeColumn)) errors.Add($"'{CodeColumn}' is the code column and cannot also be a value column");
        if (SexColumn is not null && (SexColumn == CodeColumn || Values.Any(v => v.Name == SexColumn)))
            errors.Add($"the sex column '{SexColumn}' cannot be the code column or a value column");
        if (Dimensions is not null)
        {
            foreach (var d in Dimensions.Where(d => d == CodeColumn || Values.Any(v => v.Name == d) || Ignore.Contains(d)))
                errors.Add($"'{d}' cannot be both a dimension and the code, a value or an ignored column");
            if (SexColumn is not null && !Dimensions.Contains(SexColumn))
                errors.Add($"the sex column '{SexColumn}' must be one of the dimensions");
        }
        if (Threads is < 1) errors.Add($"the number of threads must be at least 1 (got {Threads})");
        if (Interval is { } p && (p <= 0 || p >= 1)) errors.Add($"the interval probability must be between 0 and 1 (got {p})");
        return errors;
    }
}
