namespace SocBridge.Apportion.Engine;

/// <summary>
/// Totals of one count column: what came in, what went out, what was rejected. Nothing is lost when
/// Out + Rejected = In (within 1e-9 relative); values that were markers rather than numbers are counted apart.
/// </summary>
public sealed record ColumnReconciliation(string Column, double In, double Out, double Rejected, long CellsWithoutValue)
{
    public const double Tolerance = 1e-9;

    public double Difference => In - Out - Rejected;

    public bool Balances => Math.Abs(Difference) <= Tolerance * Math.Max(1, Math.Abs(In));
}

/// <summary>Row counts and per-column totals of a run.</summary>
public sealed record RunReconciliation(long RowsRead, long RowsApportioned, long RowsRejected, long ValueProblems, IReadOnlyList<ColumnReconciliation> Columns)
{
    public bool Balances => RowsRead == RowsApportioned + RowsRejected && Columns.All(c => c.Balances);
}
