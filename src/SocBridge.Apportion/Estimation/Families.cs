namespace SocBridge.Apportion.Estimation;

/// <summary>
/// Families: the connected components of the bipartite SOC2010–SOC2020 support graph. Nothing moves
/// between families under any weights on the support, so each family's total is the series' own.
/// Families are numbered in the order of their first SOC2010 row.
/// </summary>
internal sealed record Families(int Count, int[] OfRow, int[] OfColumn)
{
    /// <summary>Rows and columns of each family.</summary>
    public (int Rows, int Columns) Size(int family) => (OfRow.Count(f => f == family), OfColumn.Count(f => f == family));

    /// <summary>Families of exactly one SOC2010 and one SOC2020 group: the weight is 1 whatever the data.</summary>
    public int OneToOneCount()
    {
        var rows = new int[Count];
        var columns = new int[Count];
        foreach (var f in OfRow) rows[f]++;
        foreach (var f in OfColumn) columns[f]++;
        return Enumerable.Range(0, Count).Count(f => rows[f] == 1 && columns[f] == 1);
    }

    public static Families Find(SupportTable support)
    {
        var rows = support.Rows.Length;
        // Union-find over rows (0..rows-1) and columns (rows..rows+columns-1).
        var parent = Enumerable.Range(0, rows + support.Columns.Length).ToArray();
        int Root(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        for (var p = 0; p < support.PairCount; p++)
        {
            var a = Root(support.PairRow[p]);
            var b = Root(rows + support.PairColumn[p]);
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        var number = new Dictionary<int, int>();
        var ofRow = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var root = Root(r);
            if (!number.TryGetValue(root, out var f)) number[root] = f = number.Count;
            ofRow[r] = f;
        }
        // Every column has a pair, so its root is the root of some row.
        var ofColumn = new int[support.Columns.Length];
        for (var c = 0; c < ofColumn.Length; c++) ofColumn[c] = number[Root(rows + c)];
        return new Families(number.Count, ofRow, ofColumn);
    }
}
