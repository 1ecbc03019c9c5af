using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Estimation;

/// <summary>
/// The pairs a fit may use (the support) with their prior weights, in a fixed order: rows are SOC2010
/// unit groups, columns SOC2020 unit groups, pairs sorted by row then column. Pairs of one row are
/// contiguous (<see cref="RowStart"/>), so a row's weights are one slice.
/// </summary>
internal sealed class SupportTable
{
    public SupportTable(IEnumerable<(SocCode Row, SocCode Column, double Prior)> pairs)
    {
        var list = pairs.OrderBy(p => p.Row).ThenBy(p => p.Column).ToArray();
        Rows = [.. list.Select(p => p.Row).Distinct()];
        Columns = [.. list.Select(p => p.Column).Distinct().Order()];
        var rowIndex = Rows.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        ColumnIndex = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        RowIndex = rowIndex;
        PairRow = [.. list.Select(p => rowIndex[p.Row])];
        PairColumn = [.. list.Select(p => ColumnIndex[p.Column])];
        Prior = [.. list.Select(p => p.Prior)];
        RowStart = new int[Rows.Length + 1];
        foreach (var r in PairRow) RowStart[r + 1]++;
        for (var r = 0; r < Rows.Length; r++) RowStart[r + 1] += RowStart[r];
        for (var r = 0; r < Rows.Length; r++)
        {
            var sum = 0.0;
            for (var p = RowStart[r]; p < RowStart[r + 1]; p++)
            {
                if (!(Prior[p] > 0) || !double.IsFinite(Prior[p]))
                    throw new ArgumentException($"the prior weight of {Rows[r]} → {Columns[PairColumn[p]]} is {Prior[p]}; support pairs need a positive weight", nameof(pairs));
                sum += Prior[p];
            }
            for (var p = RowStart[r]; p < RowStart[r + 1]; p++) Prior[p] /= sum;
        }
    }

    /// <summary>SOC2010 unit groups, in code order.</summary>
    public SocCode[] Rows { get; }

    /// <summary>SOC2020 unit groups, in code order.</summary>
    public SocCode[] Columns { get; }

    public IReadOnlyDictionary<SocCode, int> RowIndex { get; }

    public IReadOnlyDictionary<SocCode, int> ColumnIndex { get; }

    public int[] PairRow { get; }

    public int[] PairColumn { get; }

    /// <summary>Prior weight w0 of each pair; the weights of a row sum to 1.</summary>
    public double[] Prior { get; }

    public int[] RowStart { get; }

    public int PairCount => PairRow.Length;

    /// <summary>
    /// The prior of the estimator from the ONS relationship table: per source (LFS, Census) the joint counts
    /// of men and women added, conditionals q = n / Σj n, and w0 = ½·q[LFS] + ½·q[Census]; where one source
    /// has no record for a SOC2010 group the other alone. The support is every pair with a positive joint count.
    /// </summary>
    public static SupportTable FromRelationshipTable(RelationshipTable table)
    {
        var lfs = new WeightSelection(WeightSet.Lfs, SexSet.All);
        var census = new WeightSelection(WeightSet.Census, SexSet.All);
        var pairs = new List<(SocCode, SocCode, double)>();
        foreach (var group in table.Groups)
        {
            var links = group.Links.GroupBy(l => l.Soc2020)
                .Select(g => (Code: g.Key, Lfs: g.Sum(l => l.JointCounts.Sum(lfs)), Census: g.Sum(l => l.JointCounts.Sum(census))))
                .Where(l => l.Lfs + l.Census > 0).ToArray();
            var lfsTotal = links.Sum(l => l.Lfs);
            var censusTotal = links.Sum(l => l.Census);
            foreach (var l in links)
            {
                var w = (lfsTotal > 0, censusTotal > 0) switch
                {
                    (true, true) => 0.5 * l.Lfs / lfsTotal + 0.5 * l.Census / censusTotal,
                    (true, false) => l.Lfs / lfsTotal,
                    _ => l.Census / censusTotal,
                };
                // A pair only one source saw still belongs to the support; its weight is half that source's share.
                if (w > 0) pairs.Add((group.Soc2010, l.Code, w));
            }
        }
        return new SupportTable(pairs);
    }
}
