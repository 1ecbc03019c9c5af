namespace SocBridge.Apportion.Estimation;

/// <summary>The weight one margin year received: k is its rank by distance from the series' year (ties share a rank).</summary>
public sealed record MarginYearWeight(int Year, int Rank, double Weight, int PublishedUnits, int FilledUnits);

/// <summary>Margins per SOC2020 unit of the support: NaN where no year gives a value; which units any year published.</summary>
internal sealed record BlendedMargins(double[] Values, bool[] Published, IReadOnlyList<MarginYearWeight> Years, IReadOnlyList<string> Notes);

/// <summary>
/// Turns margin years into one set of margins: each year filled top-down (when asked) and made into shares
/// of its own total, years weighted decay^k (k = 0 for the year nearest the series' year, ties equal), the
/// weighted mean of the shares scaled to the series' total. A unit some years do not give is averaged over
/// the years that do.
/// </summary>
internal static class MarginBlend
{
    public static BlendedMargins Blend(SupportTable support, SocHierarchy soc2020, IReadOnlyList<MarginYear> years,
        int seriesYear, double decay, bool fill, double seriesTotal)
    {
        var distances = years.Select(y => Math.Abs(y.Year - seriesYear)).Distinct().Order().ToArray();
        var columns = support.Columns.Length;
        var sum = new double[columns];
        var weight = new double[columns];
        var published = new bool[columns];
        var notes = new List<string>();
        var used = new List<MarginYearWeight>();
        foreach (var year in years)
        {
            var rank = Array.IndexOf(distances, Math.Abs(year.Year - seriesYear));
            var w = Math.Pow(decay, rank);
            var filled = TopDownFill.Fill(year.Counts, soc2020, fill);
            var outside = filled.Values.Keys.Where(c => !support.ColumnIndex.ContainsKey(c)).Order().ToArray();
            if (outside.Length > 0)
                notes.Add($"{year.Counts.Source} ({year.Year}): {outside.Length} unit group(s) no SOC2010 group feeds are left out ({string.Join(", ", outside.Take(5))})");
            var total = filled.Values.Where(kv => support.ColumnIndex.ContainsKey(kv.Key)).Sum(kv => kv.Value);
            used.Add(new MarginYearWeight(year.Year, rank, w, filled.Published.Count, filled.Filled));
            if (total <= 0)
            {
                notes.Add($"{year.Counts.Source} ({year.Year}): no positive unit-group total; the year is not used");
                continue;
            }
            foreach (var (code, value) in filled.Values)
            {
                if (!support.ColumnIndex.TryGetValue(code, out var j)) continue;
                sum[j] += w * value / total;
                weight[j] += w;
                if (filled.Published.Contains(code)) published[j] = true;
            }
        }
        var shares = new double[columns];
        for (var j = 0; j < columns; j++) shares[j] = weight[j] > 0 ? sum[j] / weight[j] : double.NaN;
        var known = shares.Where(double.IsFinite).Sum();
        var values = shares.Select(s => double.IsFinite(s) && known > 0 ? s * seriesTotal / known : double.NaN).ToArray();
        return new BlendedMargins(values, published, used, notes);
    }
}
