namespace SocBridge.Apportion.Estimation;

/// <summary>The raking problem: rows to keep, the constraint set of every column (−1 for free) and the target of every set.</summary>
internal sealed record RakingProblem(SupportTable Support, double[] Rows, int[] SetOfColumn, double[] Targets);

/// <summary>The fitted cells and factors, and how the iteration ended.</summary>
internal sealed record RakingOutcome(double[] Cells, double[] Factors, double[] SetTotals, int Passes, bool Converged, double LastChange);

/// <summary>
/// Soft raking: cells M[i,j] = r_i·w0[i,j]·a_i·c_S(j), with a_i making every row sum exactly to r_i, and each
/// pass c_S ← clip((c_S·t_S/s_S)^γ). Its fixed point c_S = (t_S/s_S)^β with β = γ/(1−γ) is the unique
/// minimiser of KL(M‖r·w0) + β·Σ_S KL(s_S‖t_S) with the rows fixed: γ → 0 keeps the prior, γ → 1 is
/// hard raking. All sets are updated together each pass (the columns of different sets are disjoint).
/// </summary>
internal static class SoftRaking
{
    /// <summary>Factors are kept within [1e-8, 1e8]: a target no row can reach (or a zero target) cannot push them to infinity.</summary>
    public const double Clip = 1e8;

    private static readonly double LogClip = Math.Log(Clip);

    public static RakingOutcome Run(RakingProblem problem, double gamma, double tolerance, int maxPasses)
    {
        var support = problem.Support;
        var sets = problem.Targets.Length;
        var logFactor = new double[sets];
        var cells = new double[support.PairCount];
        var totals = new double[sets];
        var passes = 0;
        var change = double.PositiveInfinity;
        var converged = false;
        while (passes < maxPasses)
        {
            passes++;
            Fill(problem, logFactor, cells, totals);
            change = 0;
            for (var s = 0; s < sets; s++)
            {
                var t = problem.Targets[s];
                var m = totals[s];
                double logRatio;
                if (m > 0) logRatio = t > 0 ? Math.Log(t / m) : double.NegativeInfinity;
                else logRatio = t > 0 ? double.PositiveInfinity : 0;
                var next = Math.Clamp(gamma * (logFactor[s] + logRatio), -LogClip, LogClip);
                if (double.IsNaN(next)) next = logFactor[s];
                change = Math.Max(change, Math.Abs(next - logFactor[s]));
                logFactor[s] = next;
            }
            if (change < tolerance)
            {
                converged = true;
                break;
            }
        }
        Fill(problem, logFactor, cells, totals);
        return new RakingOutcome(cells, [.. logFactor.Select(Math.Exp)], totals, passes, converged, change);
    }

    /// <summary>The cells for the given factors, every row scaled to its total, and the total of each set.</summary>
    private static void Fill(RakingProblem problem, double[] logFactor, double[] cells, double[] totals)
    {
        var support = problem.Support;
        Array.Clear(totals);
        for (var r = 0; r < support.Rows.Length; r++)
        {
            var from = support.RowStart[r];
            var to = support.RowStart[r + 1];
            var x = problem.Rows[r];
            if (x <= 0)
            {
                for (var p = from; p < to; p++) cells[p] = 0;
                continue;
            }
            // Scale by the row's largest log factor first, so clipped factors cannot overflow the sum.
            var top = double.NegativeInfinity;
            for (var p = from; p < to; p++) top = Math.Max(top, LogFactor(problem, logFactor, p));
            var sum = 0.0;
            for (var p = from; p < to; p++)
            {
                cells[p] = support.Prior[p] * Math.Exp(LogFactor(problem, logFactor, p) - top);
                sum += cells[p];
            }
            for (var p = from; p < to; p++)
            {
                cells[p] *= x / sum;
                var s = problem.SetOfColumn[support.PairColumn[p]];
                if (s >= 0) totals[s] += cells[p];
            }
        }
    }

    private static double LogFactor(RakingProblem problem, double[] logFactor, int pair)
    {
        var s = problem.SetOfColumn[problem.Support.PairColumn[pair]];
        return s < 0 ? 0 : logFactor[s];
    }
}
