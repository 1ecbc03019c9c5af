namespace SocBridge.Recode.Calibration;

/// <summary>
/// A monotone map from a raw score to the probability of being right, fitted by isotonic regression
/// (pool-adjacent-violators) on held-out (score, right or wrong) pairs: the scores are sorted, neighbouring
/// blocks whose rates fall are pooled, and a score between two block centres gets the linear interpolation
/// of their rates. Outside the fitted range the end rates apply.
/// </summary>
internal sealed class ScoreCalibration
{
    private readonly double[] _x;
    private readonly double[] _y;

    private ScoreCalibration(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>Held-out pairs the map was fitted on.</summary>
    public int Observations { get; private init; }

    /// <summary>The identity map, for a coder built without calibration.</summary>
    public static ScoreCalibration Identity { get; } = new([0, 1], [0, 1]);

    /// <summary>The calibrated probability of a score.</summary>
    public double Apply(double score)
    {
        if (double.IsNaN(score)) return 0;
        if (score <= _x[0]) return _y[0];
        if (score >= _x[^1]) return _y[^1];
        var i = Array.BinarySearch(_x, score);
        if (i >= 0) return _y[i];
        i = ~i;
        var t = (score - _x[i - 1]) / (_x[i] - _x[i - 1]);
        return _y[i - 1] + t * (_y[i] - _y[i - 1]);
    }

    /// <summary>Fits the map to held-out scores and whether each was right.</summary>
    public static ScoreCalibration Fit(IReadOnlyList<(double Score, bool Correct)> observations)
    {
        if (observations.Count == 0) return Identity;
        var sorted = observations.OrderBy(o => o.Score).ToArray();
        // Blocks of pooled observations: score sum, right count, size.
        var sum = new List<double>();
        var right = new List<double>();
        var size = new List<int>();
        foreach (var (score, correct) in sorted)
        {
            sum.Add(score);
            right.Add(correct ? 1 : 0);
            size.Add(1);
            while (size.Count > 1 && right[^2] / size[^2] >= right[^1] / size[^1])
            {
                sum[^2] += sum[^1];
                right[^2] += right[^1];
                size[^2] += size[^1];
                sum.RemoveAt(sum.Count - 1);
                right.RemoveAt(right.Count - 1);
                size.RemoveAt(size.Count - 1);
            }
        }
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < size.Count; i++)
        {
            var centre = sum[i] / size[i];
            if (x.Count > 0 && centre <= x[^1]) centre = Math.BitIncrement(x[^1]);
            x.Add(centre);
            y.Add(right[i] / size[i]);
        }
        return new ScoreCalibration([.. x], [.. y]) { Observations = observations.Count };
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Observations);
        writer.Write(_x.Length);
        for (var i = 0; i < _x.Length; i++)
        {
            writer.Write(_x[i]);
            writer.Write(_y[i]);
        }
    }

    internal static ScoreCalibration Read(BinaryReader reader)
    {
        var observations = reader.ReadInt32();
        var n = reader.ReadInt32();
        if (n is < 1 or > 10_000_000) throw new InvalidDataException($"the calibration map has {n} points");
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = reader.ReadDouble();
            y[i] = reader.ReadDouble();
        }
        return new ScoreCalibration(x, y) { Observations = observations };
    }
}

/// <summary>Predicted against observed accuracy over one band of predicted probability.</summary>
/// <param name="From">The band's lower edge (inclusive).</param>
/// <param name="To">The band's upper edge (exclusive, but 1 is included in the last band).</param>
/// <param name="Titles">Predictions in the band.</param>
/// <param name="MeanPredicted">Their mean predicted probability; NaN for an empty band.</param>
/// <param name="Observed">The share of them that were right; NaN for an empty band.</param>
public sealed record ReliabilityBand(double From, double To, int Titles, double MeanPredicted, double Observed)
{
    /// <summary>Observed minus predicted, in probability (NaN for an empty band).</summary>
    public double Gap => Observed - MeanPredicted;
}

/// <summary>A reliability curve: for bands of predicted probability, how often the predictions were right.</summary>
/// <param name="Name">What was predicted, in words.</param>
/// <param name="Bands">The bands, lowest first; finer near 1, where most automatic coding happens.</param>
public sealed record ReliabilityCurve(string Name, IReadOnlyList<ReliabilityBand> Bands)
{
    /// <summary>Band edges: finer near 1, where most automatic coding happens.</summary>
    internal static IReadOnlyList<double> Edges { get; } = [0, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0000001];

    /// <summary>The largest gap between observed and predicted over bands with at least <paramref name="minTitles"/> titles.</summary>
    /// <param name="minTitles">The fewest predictions a band needs to count.</param>
    /// <returns>The largest absolute gap (0–1); NaN when no band has enough predictions.</returns>
    public double WorstGap(int minTitles = 100) =>
        Bands.Where(b => b.Titles >= minTitles).Select(b => Math.Abs(b.Gap)).DefaultIfEmpty(double.NaN).Max();

    internal static ReliabilityCurve From(string name, IEnumerable<(double Predicted, bool Correct)> items)
    {
        var all = items.ToArray();
        var bands = new List<ReliabilityBand>();
        for (var b = 0; b + 1 < Edges.Count; b++)
        {
            var (lo, hi) = (Edges[b], Edges[b + 1]);
            var inBand = all.Where(x => x.Predicted >= lo && x.Predicted < hi).ToArray();
            bands.Add(new ReliabilityBand(lo, Math.Min(1, hi), inBand.Length,
                inBand.Length == 0 ? double.NaN : inBand.Average(x => x.Predicted),
                inBand.Length == 0 ? double.NaN : inBand.Count(x => x.Correct) / (double)inBand.Length));
        }
        return new ReliabilityCurve(name, bands);
    }
}
