namespace SocBridge.Apportion.Calibration;

/// <summary>How one target came out: its margin (null when free), the uncalibrated and calibrated totals.</summary>
public sealed record TargetFit(string Code, double? Margin, double Uncalibrated, double Calibrated)
{
    /// <summary>Calibrated total minus the margin (null without a margin).</summary>
    public double? Misfit => Margin is { } m ? Calibrated - m : null;

    /// <summary>The misfit relative to the margin (at least 1), null without a margin.</summary>
    public double? RelativeMisfit => Margin is { } m ? (Calibrated - m) / Math.Max(m, 1) : null;
}

/// <summary>How far one weight moved.</summary>
public sealed record WeightMove(string Source, string Selection, string Target, double Before, double After)
{
    /// <summary>The weight after calibration minus the weight before.</summary>
    public double Change => After - Before;
}

/// <summary>What the calibration did: iterations, convergence, misfit per target and the movement of every weight.</summary>
public sealed record CalibrationReport(
    string Column,
    int Iterations,
    bool Converged,
    string StopReason,
    double Strength,
    double SeriesTotal,
    double MarginTotal,
    double MarginScale,
    IReadOnlyList<TargetFit> Targets,
    IReadOnlyList<WeightMove> Moves,
    IReadOnlyList<string> Conflicts)
{
    /// <summary>The largest absolute misfit of a target with a margin.</summary>
    public double MaxAbsoluteMisfit => Targets.Where(t => t.Misfit is not null).Select(t => Math.Abs(t.Misfit!.Value)).DefaultIfEmpty(0).Max();

    /// <summary>The largest absolute change of one weight.</summary>
    public double MaxWeightChange => Moves.Select(m => Math.Abs(m.Change)).DefaultIfEmpty(0).Max();

    /// <summary>The mean absolute change of the weights.</summary>
    public double MeanWeightChange => Moves.Select(m => Math.Abs(m.Change)).DefaultIfEmpty(0).Average();
}
