using SocBridge.Apportion.Weights;

namespace SocBridge.Apportion.Calibration;

/// <summary>A share set with the series' total for it: one row of the joint matrix to rake.</summary>
public sealed record CalibrationRow(ShareSet Set, double SourceTotal);

/// <summary>
/// Rakes the joint matrix M(i,j) = x(i)·w(i→j) by iterative proportional fitting so that every row keeps
/// its source total exactly and the columns approach the known target margins. Targets without a
/// margin are never scaled directly. Structure can make margins unreachable (a one-to-one pair whose
/// totals differ, a target no source feeds); then the fit stops at the tolerance, the iteration cap or
/// when it no longer improves, and the remaining misfit is reported per target.
/// </summary>
public static class Calibrator
{
    private const int StagnationWindow = 50;

    /// <summary>
    /// Rakes the weights of <paramref name="rows"/> to the margins of <paramref name="options"/> (for the count
    /// column <paramref name="column"/>) and returns the calibrated weights of each share set with the report.
    /// </summary>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    /// <exception cref="InvalidDataException">Margins that cover every target add up to another total than the series (and are not to be rescaled).</exception>
    public static (IReadOnlyDictionary<ShareSet, double[]> Weights, CalibrationReport Report) Calibrate(
        IReadOnlyList<CalibrationRow> rows, IReadOnlyList<string> targetCodes, CalibrationOptions options, string column)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var margins = Margins.For(rows, targetCodes, options, column);
        var matrix = rows.Select(r => r.Set.Targets.Select(t => r.SourceTotal * t.Weight).ToArray()).ToArray();
        var seedColumns = ColumnTotals(rows, matrix, targetCodes.Count);
        var (iterations, converged, stop) = Rake(rows, matrix, margins, options);
        var (weights, moves) = Blend(rows, matrix, targetCodes, options.Strength);
        var final = new double[targetCodes.Count];
        for (var r = 0; r < rows.Count; r++)
            for (var k = 0; k < rows[r].Set.Targets.Length; k++)
                final[rows[r].Set.Targets[k].Slot] += rows[r].SourceTotal * weights[rows[r].Set][k];
        var fits = Enumerable.Range(0, targetCodes.Count).Where(j => margins.Reached[j] || margins.Value[j] is not null)
            .Select(j => new TargetFit(targetCodes[j], margins.Value[j], seedColumns[j], final[j]))
            .OrderBy(f => f.Code, StringComparer.Ordinal).ToArray();
        return (weights, new CalibrationReport(column, iterations, converged, stop, options.Strength, margins.SeriesTotal, margins.Total, margins.Scale, fits, moves, margins.Conflicts));
    }

    /// <summary>The margin of each target slot (rescaled when asked), which slots the series reaches, and the conflicts found on the way.</summary>
    private sealed record Margins(double?[] Value, bool[] Reached, double SeriesTotal, double Total, double Scale, List<string> Conflicts)
    {
        public static Margins For(IReadOnlyList<CalibrationRow> rows, IReadOnlyList<string> targetCodes, CalibrationOptions options, string column)
        {
            var slotCount = targetCodes.Count;
            var margin = new double?[slotCount];
            for (var j = 0; j < slotCount; j++)
                if (options.Margins.TryGetValue(targetCodes[j], out var m)) margin[j] = m;
            var seriesTotal = rows.Sum(r => r.SourceTotal);
            var reached = new bool[slotCount];
            foreach (var r in rows) foreach (var t in r.Set.Targets) if (t.Weight > 0 && r.SourceTotal > 0) reached[t.Slot] = true;
            var marginTotal = Enumerable.Range(0, slotCount).Where(j => margin[j] is not null).Sum(j => margin[j]!.Value);
            var scale = 1.0;
            var allCovered = Enumerable.Range(0, slotCount).Where(j => reached[j]).All(j => margin[j] is not null);
            if (allCovered && seriesTotal > 0 && Math.Abs(marginTotal - seriesTotal) > options.GrandTotalTolerance * seriesTotal)
            {
                if (!options.RescaleMargins)
                    throw new InvalidDataException(
                        $"the margins add up to {marginTotal:#,##0.###} but the series' '{column}' adds up to {seriesTotal:#,##0.###} " +
                        $"({(marginTotal - seriesTotal) / seriesTotal:P2}); margins must be totals of the same population. Rescale them on purpose with the rescale-margins option.");
                scale = seriesTotal / marginTotal;
                for (var j = 0; j < slotCount; j++) if (margin[j] is { } m) margin[j] = m * scale;
            }
            var conflicts = options.Margins.Keys.Where(k => !targetCodes.Contains(k)).Select(u => $"margin for {u} names no target of this series; ignored").ToList();
            for (var j = 0; j < slotCount; j++)
                if (margin[j] is > 0 && !reached[j]) conflicts.Add($"{targetCodes[j]} has a margin of {margin[j]:#,##0.###} but no source group of the series feeds it");
            return new Margins(margin, reached, seriesTotal, marginTotal, scale, conflicts);
        }
    }

    /// <summary>
    /// Iterative proportional fitting of <paramref name="matrix"/> in place: columns scaled to their margins,
    /// then rows back to their source totals, until every margin is met, the total misfit stops improving or
    /// the iteration cap. Returns the iterations run, whether the margins were met and why it stopped.
    /// </summary>
    private static (int Iterations, bool Converged, string Stop) Rake(IReadOnlyList<CalibrationRow> rows, double[][] matrix, Margins margins, CalibrationOptions options)
    {
        var margin = margins.Value;
        var slotCount = margin.Length;
        var fitted = Enumerable.Range(0, slotCount).Where(j => margin[j] is not null && margins.Reached[j]).ToArray();
        var iterations = 0;
        var best = double.PositiveInfinity;
        var bestAt = 0;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            var columns = ColumnTotals(rows, matrix, slotCount);
            for (var r = 0; r < rows.Count; r++)
            {
                var targets = rows[r].Set.Targets;
                for (var k = 0; k < targets.Length; k++)
                    if (margin[targets[k].Slot] is { } m && columns[targets[k].Slot] > 0)
                        matrix[r][k] *= m / columns[targets[k].Slot];
            }
            for (var r = 0; r < rows.Count; r++) RestoreRowTotal(rows[r], matrix[r], margins.Conflicts);
            var after = ColumnTotals(rows, matrix, slotCount);
            var misfit = fitted.Select(j => Math.Abs(after[j] - margin[j]!.Value) / Math.Max(margin[j]!.Value, 1)).DefaultIfEmpty(0).Max();
            var totalMisfit = fitted.Sum(j => Math.Abs(after[j] - margin[j]!.Value));
            if (misfit <= options.Tolerance) return (iterations, true, $"all margins met within {options.Tolerance:G3} relative");
            // Progress is judged on the total misfit: one margin the structure cannot reach would pin the largest
            // misfit from the start. Stop when the total has not improved for a while.
            if (totalMisfit < best * (1 - 1e-9))
            {
                best = totalMisfit;
                bestAt = iterations;
            }
            else if (iterations - bestAt >= StagnationWindow)
                return (iterations, false, $"no improvement in {StagnationWindow} iterations (largest relative misfit {misfit:G4}, total misfit {totalMisfit:G4}): the crosswalk's structure cannot meet every margin");
        }
        return (iterations, false, "iteration cap");
    }

    /// <summary>Scales one row of the matrix back to its source total; a row fitted to zero everywhere keeps its seed weights (a conflict is noted).</summary>
    private static void RestoreRowTotal(CalibrationRow row, double[] cells, List<string> conflicts)
    {
        var sum = cells.Sum();
        var x = row.SourceTotal;
        if (sum > 0)
        {
            for (var k = 0; k < cells.Length; k++) cells[k] *= x / sum;
            return;
        }
        if (x <= 0) return;
        // Every target of this source was fitted to zero: the source total wins, the seed row is kept.
        for (var k = 0; k < cells.Length; k++) cells[k] = x * row.Set.Targets[k].Weight;
        var message = $"{row.Set.Source} ({row.Set.Requested}): all its targets have zero margins; its total is kept on the uncalibrated weights";
        if (!conflicts.Contains(message)) conflicts.Add(message);
    }

    /// <summary>The calibrated weights of each share set, blended with the seed weights by <paramref name="strength"/>, and every weight's move.</summary>
    private static (Dictionary<ShareSet, double[]> Weights, List<WeightMove> Moves) Blend(IReadOnlyList<CalibrationRow> rows, double[][] matrix, IReadOnlyList<string> targetCodes, double strength)
    {
        var weights = new Dictionary<ShareSet, double[]>();
        var moves = new List<WeightMove>();
        for (var r = 0; r < rows.Count; r++)
        {
            var set = rows[r].Set;
            var x = rows[r].SourceTotal;
            var w = new double[set.Targets.Length];
            for (var k = 0; k < w.Length; k++)
            {
                var calibrated = x > 0 ? matrix[r][k] / x : set.Targets[k].Weight;
                w[k] = strength * calibrated + (1 - strength) * set.Targets[k].Weight;
                moves.Add(new WeightMove(set.Source.ToString(), set.Requested.ToString(), targetCodes[set.Targets[k].Slot], set.Targets[k].Weight, w[k]));
            }
            weights[set] = w;
        }
        return (weights, moves);
    }

    private static double[] ColumnTotals(IReadOnlyList<CalibrationRow> rows, double[][] matrix, int slots)
    {
        var totals = new double[slots];
        for (var r = 0; r < rows.Count; r++)
            for (var k = 0; k < matrix[r].Length; k++)
                totals[rows[r].Set.Targets[k].Slot] += matrix[r][k];
        return totals;
    }
}
