namespace SocBridge.Apportion.Engine;

/// <summary>
/// Totals of one shared column (a count or a flow): what came in, what went out, what was rejected.
/// Nothing is lost when Out + Rejected = In within 1e-9 of the gross input (the sum of the magnitudes, so
/// a flow whose gains and losses nearly cancel is still held to the size of its parts); values that were
/// markers rather than numbers are counted apart.
/// </summary>
public sealed record ColumnReconciliation(string Column, double In, double Out, double Rejected, long CellsWithoutValue)
{
    /// <summary>The relative tolerance of the balance.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The column's kind: count or flow.</summary>
    public string Kind { get; init; } = "count";

    /// <summary>The sum of the negative values that came in (0 for counts, which reject them).</summary>
    public double InNegative { get; init; }

    /// <summary>The sum of the positive values that came in.</summary>
    public double InPositive => In - InNegative;

    /// <summary>The sum of the output cells that came out negative (gains and losses sharing a cell net out).</summary>
    public double OutNegative { get; init; }

    /// <summary>The sum of the output cells that came out positive.</summary>
    public double OutPositive => Out - OutNegative;

    /// <summary>The sum of the magnitudes of the rejected values.</summary>
    public double RejectedMagnitude { get; init; }

    /// <summary>The share of the input's magnitude that was rejected (0 to 1).</summary>
    public double RejectedShare => InPositive - InNegative > 0 ? RejectedMagnitude / (InPositive - InNegative) : 0;

    /// <summary>In − Out − Rejected: zero when nothing is lost.</summary>
    public double Difference => In - Out - Rejected;

    /// <summary>Whether the column reconciles.</summary>
    public bool Balances => Math.Abs(Difference) <= Tolerance * Math.Max(1, InPositive - InNegative);
}

/// <summary>Row counts and per-column totals of a run.</summary>
public sealed record RunReconciliation(long RowsRead, long RowsApportioned, long RowsRejected, long ValueProblems, IReadOnlyList<ColumnReconciliation> Columns)
{
    /// <summary>Rows whose code was a total label: not data, not counted in <see cref="RowsRead"/>, used as checks.</summary>
    public long TotalRows { get; init; }

    /// <summary>Every row is apportioned or rejected and every shared column balances.</summary>
    public bool Balances => RowsRead == RowsApportioned + RowsRejected && Columns.All(c => c.Balances);
}
