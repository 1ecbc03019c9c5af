namespace SocBridge.Apportion.Estimation;

/// <summary>
/// The sets whose totals the fit pulls toward their targets: each SOC2020 unit some margin year published
/// is its own set; the unpublished units of one SOC2020 minor group form one block (their filled values are
/// known only together). Columns with no set (−1) are free: their families keep the prior, or no value exists.
/// </summary>
internal sealed record ConstraintSets(int[] OfColumn, string[] Labels, bool[] IsBlock, double[] Targets)
{
    public int Count => Labels.Length;

    /// <param name="support">The support.</param>
    /// <param name="margins">Anchored margin per column; NaN where unknown.</param>
    /// <param name="published">Whether any margin year published the column.</param>
    /// <param name="free">Columns to leave free (families that keep their prior).</param>
    public static ConstraintSets Build(SupportTable support, double[] margins, bool[] published, bool[] free)
    {
        var ofColumn = Enumerable.Repeat(-1, support.Columns.Length).ToArray();
        var labels = new List<string>();
        var blocks = new List<bool>();
        var targets = new List<double>();
        for (var j = 0; j < ofColumn.Length; j++)
        {
            if (free[j] || !published[j] || double.IsNaN(margins[j])) continue;
            ofColumn[j] = labels.Count;
            labels.Add(support.Columns[j].ToString());
            blocks.Add(false);
            targets.Add(margins[j]);
        }
        var byMinor = Enumerable.Range(0, ofColumn.Length)
            .Where(j => !free[j] && !published[j])
            .GroupBy(j => support.Columns[j].AtLevel(SocLevel.Minor))
            .OrderBy(g => g.Key);
        foreach (var block in byMinor)
        {
            // A block is a constraint only when every member has a filled value.
            if (block.Any(j => double.IsNaN(margins[j]))) continue;
            foreach (var j in block) ofColumn[j] = labels.Count;
            labels.Add($"{block.Key}:" + string.Join("+", block.Select(j => support.Columns[j].ToString())));
            blocks.Add(true);
            targets.Add(block.Sum(j => margins[j]));
        }
        return new ConstraintSets(ofColumn, [.. labels], [.. blocks], [.. targets]);
    }
}

/// <summary>
/// Family anchoring: within each family, the margins are scaled to the series' own family total, less
/// what the prior sends to the family's columns that have no margin. A family whose margin total is 0
/// keeps its prior (its columns become free).
/// </summary>
internal static class FamilyAnchoring
{
    public static (double[] Anchored, bool[] Free) Anchor(SupportTable support, Families families, double[] rows, double[] margins)
    {
        var familyRows = new double[families.Count];
        var unknownMass = new double[families.Count];
        var known = new double[families.Count];
        for (var r = 0; r < rows.Length; r++) familyRows[families.OfRow[r]] += rows[r];
        for (var p = 0; p < support.PairCount; p++)
            if (double.IsNaN(margins[support.PairColumn[p]]))
                unknownMass[families.OfRow[support.PairRow[p]]] += rows[support.PairRow[p]] * support.Prior[p];
        for (var j = 0; j < margins.Length; j++)
            if (!double.IsNaN(margins[j])) known[families.OfColumn[j]] += margins[j];
        var anchored = new double[margins.Length];
        var free = new bool[margins.Length];
        for (var j = 0; j < margins.Length; j++)
        {
            var f = families.OfColumn[j];
            if (known[f] <= 0)
            {
                free[j] = true;
                anchored[j] = double.NaN;
                continue;
            }
            anchored[j] = double.IsNaN(margins[j]) ? double.NaN : margins[j] * Math.Max(0, familyRows[f] - unknownMass[f]) / known[f];
        }
        return (anchored, free);
    }
}
