using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Where each value column is summed inside a cell: one accumulator per count, two per mean or median
/// (the sum of value × weighting count, and the sum of the weighting count).
/// </summary>
internal sealed class ValueLayout
{
    public ValueLayout(IReadOnlyList<ValueColumn> values)
    {
        Values = [.. values];
        WeightOf = Values.Select(v => v.WeightColumn is null ? -1 : Array.FindIndex(Values, c => c.Name == v.WeightColumn)).ToArray();
        SlotOf = new int[Values.Length];
        for (var i = 0; i < Values.Length; i++)
        {
            SlotOf[i] = Width;
            Width += Values[i].IsCount ? 1 : 2;
        }
        Counts = Enumerable.Range(0, Values.Length).Where(i => Values[i].IsCount).ToArray();
    }

    public ValueColumn[] Values { get; }

    /// <summary>For each value column, the index of its weighting count column, or −1 for a count.</summary>
    public int[] WeightOf { get; }

    /// <summary>First accumulator of each value column.</summary>
    public int[] SlotOf { get; }

    /// <summary>Accumulators per cell.</summary>
    public int Width { get; }

    /// <summary>Indexes of the count columns.</summary>
    public int[] Counts { get; }
}
