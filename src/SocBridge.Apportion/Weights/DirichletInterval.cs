using MathNet.Numerics.Distributions;

namespace SocBridge.Apportion.Weights;

/// <summary>A central interval with the probability it was drawn for.</summary>
public readonly record struct Interval(double Lower, double Upper, double Probability)
{
    /// <summary>Upper minus lower bound.</summary>
    public double Width => Upper - Lower;
}

/// <summary>
/// Intervals of the Dirichlet model the apportionment engine uses: a source group's shares follow
/// Dirichlet(joint counts), so one share w with n records behind the group has the Beta(n·w, n·(1−w))
/// marginal, mean w and variance w(1−w)/(n+1).
/// </summary>
/// <remarks>
/// The engine's output intervals (<c>--interval</c>) and the audit report's per-weight intervals both come from here.
/// </remarks>
public static class DirichletInterval
{
    /// <summary>The interval of one share: weight <paramref name="weight"/> of a group with <paramref name="records"/> sample records.</summary>
    public static Interval Share(double weight, double records, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        CheckProbability(probability);
        if (records <= 0) return new Interval(weight, weight, probability);
        var (lo, hi) = Count(weight, weight * (1 - weight) / (records + 1), 1, probability);
        return new Interval(lo, hi, probability);
    }

    /// <summary>
    /// The interval of one published weight from its joint sample count: the Beta(joint, total − joint) marginal
    /// of the Dirichlet whose parameters are the joint counts of the source group's <paramref name="sampleTotal"/> records.
    /// No joint count gives (0, 0); a joint count that is the whole sample gives (1, 1).
    /// </summary>
    public static Interval Joint(double jointCount, double sampleTotal, double probability)
    {
        CheckProbability(probability);
        var rest = sampleTotal - jointCount;
        if (jointCount <= 0) return new Interval(0, 0, probability);
        if (rest <= 1e-12) return new Interval(1, 1, probability);
        var tail = (1 - probability) / 2;
        return new Interval(Beta.InvCDF(jointCount, rest, tail), Beta.InvCDF(jointCount, rest, 1 - tail), probability);
    }

    /// <summary>
    /// Central interval of a count with mean <paramref name="point"/> and variance <paramref name="variance"/>
    /// on [0, <paramref name="maximum"/>]: the Beta distribution with the same mean and variance.
    /// </summary>
    public static (double Lower, double Upper) Count(double point, double variance, double maximum, double probability)
    {
        CheckProbability(probability);
        if (variance <= 0 || maximum <= 0) return (point, point);
        var m = Math.Clamp(point / maximum, 1e-15, 1 - 1e-15);
        var v = variance / (maximum * maximum);
        var kappa = m * (1 - m) / v - 1;
        if (kappa <= 0) return (0, maximum);
        var tail = (1 - probability) / 2;
        var lo = maximum * Beta.InvCDF(m * kappa, (1 - m) * kappa, tail);
        var hi = maximum * Beta.InvCDF(m * kappa, (1 - m) * kappa, 1 - tail);
        return (Math.Min(lo, point), Math.Max(hi, point));
    }

    private static void CheckProbability(double probability)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "the interval probability must lie strictly between 0 and 1");
    }
}
