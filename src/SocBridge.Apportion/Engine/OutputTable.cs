using System.Collections;

namespace SocBridge.Apportion.Engine;

/// <summary>One output cell: a dimension tuple and a target code, with a value per declared column.</summary>
public sealed record OutputCell(int Tuple, int TargetSlot, double[] Values, double[]? Lower, double[]? Upper, bool UsedFallback);

/// <summary>
/// The translated series, column by column: row r has dimension tuple <see cref="Tuples"/>[r], target slot
/// <see cref="TargetSlots"/>[r], and its values at <c>r × ValueCount</c> in <see cref="Values"/>. Rows are
/// ordered by dimension values, then target code. Enumerating it yields <see cref="OutputCell"/>s made on
/// demand, for callers that prefer one object per row.
/// </summary>
public sealed class OutputTable : IReadOnlyList<OutputCell>
{
    /// <summary>A table of <paramref name="rows"/> rows, to be filled in.</summary>
    internal OutputTable(int valueCount, int intervalCount, int rows)
    {
        ValueCount = valueCount;
        IntervalCount = intervalCount;
        Tuples = new int[rows];
        TargetSlots = new int[rows];
        Values = new double[rows * valueCount];
        Lower = intervalCount > 0 ? new double[rows * intervalCount] : null;
        Upper = intervalCount > 0 ? new double[rows * intervalCount] : null;
        Fallback = new bool[rows];
    }

    public int Count => Tuples.Length;

    /// <summary>Value columns per row, in the order of the run's value columns.</summary>
    public int ValueCount { get; }

    /// <summary>Bounds per row (one per count column) when the run asked for intervals, else 0.</summary>
    public int IntervalCount { get; }

    public int[] Tuples { get; }
    public int[] TargetSlots { get; }
    public double[] Values { get; }
    public double[]? Lower { get; }
    public double[]? Upper { get; }

    /// <summary>Whether a contributing source group used fallback weights.</summary>
    public bool[] Fallback { get; }

    public double Value(int row, int column) => Values[row * ValueCount + column];

    public OutputCell this[int row] => new(
        Tuples[row], TargetSlots[row], Values.AsSpan(row * ValueCount, ValueCount).ToArray(),
        Lower?.AsSpan(row * IntervalCount, IntervalCount).ToArray(), Upper?.AsSpan(row * IntervalCount, IntervalCount).ToArray(), Fallback[row]);

    public IEnumerator<OutputCell> GetEnumerator()
    {
        for (var r = 0; r < Count; r++) yield return this[r];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
