namespace SocBridge.Apportion.Evaluation;

/// <summary>The share of one code in two distributions.</summary>
public sealed record ShareDifference(string Code, double Estimated, double Published, double EstimatedShare, double PublishedShare)
{
    /// <summary>Estimated share minus published share.</summary>
    public double ShareError => EstimatedShare - PublishedShare;
}

/// <summary>
/// How far an estimated distribution over codes is from a published one, compared as shares so that
/// different totals (another year, another sample) do not dominate: total variation distance
/// (half the sum of absolute share differences: the share of the total that sits in the wrong code)
/// and the codes with the largest share errors. Codes in only one distribution count with zero in the other.
/// </summary>
public sealed record DistributionComparison(
    double EstimatedTotal,
    double PublishedTotal,
    int Codes,
    double TotalVariationDistance,
    double MeanAbsoluteShareError,
    IReadOnlyList<ShareDifference> Differences)
{
    /// <summary>The <paramref name="n"/> codes with the largest absolute share errors.</summary>
    public IEnumerable<ShareDifference> Largest(int n) => Differences.OrderByDescending(d => Math.Abs(d.ShareError)).ThenBy(d => d.Code, StringComparer.Ordinal).Take(n);

    /// <summary>Compares an estimated distribution with a published one (code → total).</summary>
    public static DistributionComparison Compare(IReadOnlyDictionary<string, double> estimated, IReadOnlyDictionary<string, double> published)
    {
        var e = estimated.Values.Sum();
        var p = published.Values.Sum();
        if (e <= 0 || p <= 0) throw new ArgumentException("both distributions need a positive total");
        var codes = estimated.Keys.Union(published.Keys).Order(StringComparer.Ordinal).ToArray();
        var differences = codes.Select(c =>
        {
            var x = estimated.GetValueOrDefault(c);
            var y = published.GetValueOrDefault(c);
            return new ShareDifference(c, x, y, x / e, y / p);
        }).ToArray();
        var tvd = differences.Sum(d => Math.Abs(d.ShareError)) / 2;
        return new DistributionComparison(e, p, codes.Length, tvd, differences.Average(d => Math.Abs(d.ShareError)), differences);
    }
}
