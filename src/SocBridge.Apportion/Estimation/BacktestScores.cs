namespace SocBridge.Apportion.Estimation;

/// <summary>Share distances used by the backtests.</summary>
internal static class BacktestScores
{
    /// <summary>
    /// Distance within families: in each family, the estimated and published SOC2020 units (published ones
    /// only) are turned into shares of the family, and half the sum of their absolute differences is weighted
    /// by the family's share of the series. Family totals are the series' own under any weights, so this
    /// scores only what the weights decide.
    /// </summary>
    public static double WithinFamilies(SupportTable support, Families families, double[] rows,
        IReadOnlyDictionary<SocCode, double> estimated, IReadOnlyDictionary<SocCode, double> published)
    {
        var familyRows = new double[families.Count];
        for (var r = 0; r < rows.Length; r++) familyRows[families.OfRow[r]] += rows[r];
        var total = familyRows.Sum();
        var est = new double[families.Count];
        var pub = new double[families.Count];
        for (var j = 0; j < support.Columns.Length; j++)
        {
            if (!published.TryGetValue(support.Columns[j], out var p)) continue;
            est[families.OfColumn[j]] += estimated.GetValueOrDefault(support.Columns[j]);
            pub[families.OfColumn[j]] += p;
        }
        var distance = new double[families.Count];
        for (var j = 0; j < support.Columns.Length; j++)
        {
            var f = families.OfColumn[j];
            if (!published.TryGetValue(support.Columns[j], out var p) || est[f] <= 0 || pub[f] <= 0) continue;
            distance[f] += Math.Abs(estimated.GetValueOrDefault(support.Columns[j]) / est[f] - p / pub[f]) / 2;
        }
        return total <= 0 ? 0 : Enumerable.Range(0, families.Count).Sum(f => familyRows[f] / total * distance[f]);
    }

    /// <summary>Total variation distance between shares over the published codes (estimates outside them left out).</summary>
    public static double Overall(IReadOnlyDictionary<SocCode, double> estimated, IReadOnlyDictionary<SocCode, double> published)
    {
        var e = published.Keys.Sum(c => estimated.GetValueOrDefault(c));
        var p = published.Values.Sum();
        if (e <= 0 || p <= 0) return 1;
        return published.Sum(kv => Math.Abs(estimated.GetValueOrDefault(kv.Key) / e - kv.Value / p)) / 2;
    }
}

/// <summary>
/// A same-year synthetic test case: SOC2020 unit values p of one year are sent back to SOC2010 through a
/// reverse crosswalk built from the prior's joint counts and amplified (reverse weights raised to a power
/// and renormalised), giving a SOC2010 input x whose true SOC2020 translation is p. The amplification makes
/// the true weights depart from the prior, so a fit has something to correct; the margins come from other
/// years, so fitting them too hard carries their year's differences into the translation.
/// </summary>
internal static class SyntheticInput
{
    public static double[] Rows(SupportTable support, double[] priorBase, double[] truth, double amplification)
    {
        var mass = new double[support.Columns.Length];
        var joint = new double[support.PairCount];
        for (var p = 0; p < support.PairCount; p++)
        {
            joint[p] = Math.Pow(priorBase[support.PairRow[p]] * support.Prior[p], amplification);
            mass[support.PairColumn[p]] += joint[p];
        }
        var rows = new double[support.Rows.Length];
        for (var p = 0; p < support.PairCount; p++)
        {
            var j = support.PairColumn[p];
            if (mass[j] > 0) rows[support.PairRow[p]] += truth[j] * joint[p] / mass[j];
        }
        return rows;
    }
}
