namespace SocBridge.Apportion.Estimation;

/// <summary>One year of the same survey's target-edition counts, used as margins.</summary>
/// <param name="Year">The year the counts describe.</param>
/// <param name="Counts">SOC2020 counts, at unit level with optional higher-level totals.</param>
/// <param name="Survey">The survey the counts come from, when known; a survey other than the series' makes the fit fall back to the prior.</param>
public sealed record MarginYear(int Year, LeveledCounts Counts, string? Survey = null);

/// <summary>What the calibrated estimator fits: a SOC2010 series of one year and SOC2020 margins of nearby years.</summary>
/// <param name="Series">The SOC2010 series to translate (unit groups, optionally with higher-level totals).</param>
/// <param name="SeriesYear">The year of the series.</param>
/// <param name="Margins">One or more years of the same survey on SOC2020.</param>
/// <param name="SeriesSurvey">The survey of the series, when known.</param>
public sealed record EstimatorInputs(LeveledCounts Series, int SeriesYear, IReadOnlyList<MarginYear> Margins, string? SeriesSurvey = null);

/// <summary>
/// Parameters of the family-anchored soft raking. The defaults are the recommended values; choose others
/// with <see cref="WeightsBacktest"/> on your own margin years.
/// </summary>
public sealed record EstimatorOptions
{
    /// <summary>Calibration strength γ in [0, 1): 0 keeps the prior, values near 1 approach hard raking (which need not converge).</summary>
    public double Gamma { get; init; } = 0.95;

    /// <summary>Weight of the k-th nearest margin year is <c>YearDecay^k</c> (k = 0 for the nearest year).</summary>
    public double YearDecay { get; init; } = 0.5;

    /// <summary>Fill suppressed unit values top-down from the higher-level totals, for fitting only.</summary>
    public bool FillSuppressed { get; init; }

    /// <summary>Stop when no constraint-set factor moves by more than this in log.</summary>
    public double Tolerance { get; init; } = 1e-11;

    /// <summary>Passes before the fit stops unconverged (and says so).</summary>
    public int MaxPasses { get; init; } = 100_000;

    /// <summary>Pairs whose weight moved by more than this are listed as moved.</summary>
    public double MoveThreshold { get; init; } = 0.1;

    /// <summary>Every problem with the options, at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(Gamma >= 0 && Gamma < 1)) errors.Add($"the calibration strength γ must be at least 0 and below 1 (got {Gamma}); γ = 1 is hard raking, which does not converge on the crosswalk's support");
        if (!(YearDecay >= 0 && YearDecay <= 1)) errors.Add($"the year decay must be between 0 and 1 (got {YearDecay})");
        if (!(Tolerance > 0)) errors.Add($"the tolerance must be positive (got {Tolerance})");
        if (MaxPasses < 1) errors.Add($"the fit needs at least one pass (got {MaxPasses})");
        if (!(MoveThreshold >= 0)) errors.Add($"the move threshold must be non-negative (got {MoveThreshold})");
        return errors;
    }
}
