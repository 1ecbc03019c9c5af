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
        TupleIds = new int[rows];
        SlotIds = new int[rows];
        ValueArray = new double[rows * valueCount];
        LowerArray = intervalCount > 0 ? new double[rows * intervalCount] : [];
        UpperArray = intervalCount > 0 ? new double[rows * intervalCount] : [];
        FallbackArray = new bool[rows];
    }

    // The engine fills these; readers get read-only views.
    internal readonly int[] TupleIds;
    internal readonly int[] SlotIds;
    internal readonly double[] ValueArray;
    internal readonly double[] LowerArray;
    internal readonly double[] UpperArray;
    internal readonly bool[] FallbackArray;

    /// <summary>The number of rows.</summary>
    public int Count => TupleIds.Length;

    /// <summary>Value columns per row, in the order of the run's value columns.</summary>
    public int ValueCount { get; }

    /// <summary>Bounds per row (one per count column) when the run asked for intervals, else 0.</summary>
    public int IntervalCount { get; }

    /// <summary>The dimension tuple of each row (see <see cref="ApportionResult.Dimensions"/>).</summary>
    public ReadOnlySpan<int> Tuples => TupleIds;

    /// <summary>The target code of each row, as an index into <see cref="ApportionResult.TargetCodes"/>.</summary>
    public ReadOnlySpan<int> TargetSlots => SlotIds;

    /// <summary>The values, <see cref="ValueCount"/> per row (NaN where a mean has no weight).</summary>
    public ReadOnlySpan<double> Values => ValueArray;

    /// <summary>Lower bounds, <see cref="IntervalCount"/> per row; empty without an interval.</summary>
    public ReadOnlySpan<double> Lower => LowerArray;

    /// <summary>Upper bounds, <see cref="IntervalCount"/> per row; empty without an interval.</summary>
    public ReadOnlySpan<double> Upper => UpperArray;

    /// <summary>Whether a contributing source group used fallback weights.</summary>
    public ReadOnlySpan<bool> Fallback => FallbackArray;

    /// <summary>The value of column <paramref name="column"/> in row <paramref name="row"/>.</summary>
    public double Value(int row, int column) => ValueArray[row * ValueCount + column];

    /// <summary>Row <paramref name="row"/> as one object (its arrays are copies).</summary>
    public OutputCell this[int row] => new(
        TupleIds[row], SlotIds[row], ValueArray.AsSpan(row * ValueCount, ValueCount).ToArray(),
        IntervalCount > 0 ? LowerArray.AsSpan(row * IntervalCount, IntervalCount).ToArray() : null,
        IntervalCount > 0 ? UpperArray.AsSpan(row * IntervalCount, IntervalCount).ToArray() : null, FallbackArray[row]);

    /// <summary>The rows as objects, made one at a time.</summary>
    public IEnumerator<OutputCell> GetEnumerator()
    {
        for (var r = 0; r < Count; r++) yield return this[r];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
