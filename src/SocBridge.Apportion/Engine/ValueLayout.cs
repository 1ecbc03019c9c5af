using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Where each value column is summed inside a cell: one accumulator per count or flow; two per mean or
/// median (the sum of value × weighting count, and the sum of the weighting count); two per attribute
/// (the sum of the values and the number of rows that gave one).
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
            Width += Values[i].IsShared ? 1 : 2;
        }
        Counts = Enumerable.Range(0, Values.Length).Where(i => Values[i].IsCount).ToArray();
        Shared = Enumerable.Range(0, Values.Length).Where(i => Values[i].IsShared).ToArray();
        Attributes = Enumerable.Range(0, Values.Length).Where(i => Values[i].Kind == ValueKind.Attribute).ToArray();
    }

    public ValueColumn[] Values { get; }

    /// <summary>For each value column, the index of its weighting count column, or −1.</summary>
    public int[] WeightOf { get; }

    /// <summary>First accumulator of each value column.</summary>
    public int[] SlotOf { get; }

    /// <summary>Accumulators per cell.</summary>
    public int Width { get; }

    /// <summary>Indexes of the (non-negative) count columns: the ones that get intervals.</summary>
    public int[] Counts { get; }

    /// <summary>Indexes of the columns that are shared out and reconciled: counts and flows.</summary>
    public int[] Shared { get; }

    /// <summary>Indexes of the attribute columns, averaged with joint sample counts as weights.</summary>
    public int[] Attributes { get; }
}
