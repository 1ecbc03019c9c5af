namespace SocBridge.Recode.Recoding;

/// <summary>
/// A conditional logit over a candidate set: P(c) = exp(β·x_c) / Σ exp(β·x_k). Fitted by Newton's method
/// on the log-likelihood of out-of-fold feature vectors (titles the evidence had not seen), with a
/// small ridge penalty, so its probabilities are calibrated against held-out data.
/// </summary>
internal sealed class ConfidenceModel
{
    public ConfidenceModel(IReadOnlyList<double> coefficients) => Coefficients = [.. coefficients];

    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Probabilities of the candidates whose feature vectors are given.</summary>
    public double[] Probabilities(IReadOnlyList<double[]> features)
    {
        var u = new double[features.Count];
        for (var i = 0; i < u.Length; i++) u[i] = Dot(features[i]);
        return Softmax(u);
    }

    private double Dot(double[] x)
    {
        var s = 0.0;
        for (var k = 0; k < x.Length; k++) s += Coefficients[k] * x[k];
        return s;
    }

    private static double[] Softmax(double[] u)
    {
        var max = u.Length == 0 ? 0 : u.Max();
        var p = new double[u.Length];
        var sum = 0.0;
        for (var i = 0; i < u.Length; i++) sum += p[i] = Math.Exp(u[i] - max);
        for (var i = 0; i < u.Length; i++) p[i] /= sum;
        return p;
    }

    /// <summary>Fits β to sets of candidate features, each with the index of the right candidate.</summary>
    public static ConfidenceModel Fit(IReadOnlyList<(IReadOnlyList<double[]> Features, int Correct)> sets, int dimensions, double ridge = 1e-2, int iterations = 30)
    {
        var beta = new double[dimensions];
        for (var iter = 0; iter < iterations; iter++)
        {
            var gradient = new double[dimensions];
            var hessian = new double[dimensions, dimensions];
            var model = new ConfidenceModel(beta);
            foreach (var (features, correct) in sets)
            {
                if (correct < 0 || features.Count < 2) continue;
                var p = model.Probabilities(features);
                var mean = new double[dimensions];
                for (var i = 0; i < features.Count; i++)
                    for (var k = 0; k < dimensions; k++) mean[k] += p[i] * features[i][k];
                for (var k = 0; k < dimensions; k++) gradient[k] += features[correct][k] - mean[k];
                for (var i = 0; i < features.Count; i++)
                    for (var a = 0; a < dimensions; a++)
                    {
                        var da = features[i][a] - mean[a];
                        for (var b = 0; b < dimensions; b++) hessian[a, b] += p[i] * da * (features[i][b] - mean[b]);
                    }
            }
            for (var k = 0; k < dimensions; k++)
            {
                gradient[k] -= ridge * beta[k];
                hessian[k, k] += ridge;
            }
            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var k = 0; k < dimensions; k++)
            {
                beta[k] += step[k];
                change = Math.Max(change, Math.Abs(step[k]));
            }
            if (change < 1e-8) break;
        }
        return new ConfidenceModel(beta);
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-12) continue;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var f = m[r, col] / m[col, col];
                if (f == 0) continue;
                for (var c = col; c < n; c++) m[r, c] -= f * m[col, c];
                x[r] -= f * x[col];
            }
        }
        for (var i = 0; i < n; i++) x[i] = Math.Abs(m[i, i]) < 1e-12 ? 0 : x[i] / m[i, i];
        return x;
    }
}
