namespace SocBridge.Apportion.Calibration;

/// <summary>
/// Known target-edition totals of the same population, and how hard to fit them. A target without a
/// margin stays free; a margin of zero is a real zero.
/// </summary>
public sealed record CalibrationOptions
{
    /// <summary>Margins by target code (at the output level).</summary>
    public required IReadOnlyDictionary<string, double> Margins { get; init; }

    /// <summary>The count column whose source totals are kept exact and whose target totals are fitted; default the first count.</summary>
    public string? Column { get; init; }

    /// <summary>0 keeps the uncalibrated weights, 1 uses the fully calibrated ones; in between shrinks toward the uncalibrated.</summary>
    public double Strength { get; init; } = 1;

    /// <summary>Stop when every margin is met within this relative misfit.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Stop after this many raking iterations even when margins are not met.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Relative difference allowed between the grand totals when every reached target has a margin.</summary>
    public double GrandTotalTolerance { get; init; } = 0.005;

    /// <summary>Rescale the margins to the series' grand total instead of failing when they differ.</summary>
    public bool RescaleMargins { get; init; }

    /// <summary>Every problem with the options (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Strength is < 0 or > 1) errors.Add($"the calibration strength must be between 0 and 1 (got {Strength})");
        if (Tolerance <= 0) errors.Add("the calibration tolerance must be positive");
        if (MaxIterations < 1) errors.Add("the calibration needs at least one iteration");
        foreach (var (code, m) in Margins)
            if (!double.IsFinite(m) || m < 0) errors.Add($"margin for {code} is {m}; margins must be finite and non-negative");
        return errors;
    }
}
