namespace SocBridge.Apportion.Estimation;

/// <summary>One support pair: its prior weight w0 and fitted weight w*, its family and constraint set.</summary>
public sealed record PairFit(SocCode Soc2010, SocCode Soc2020, int Family, string? ConstraintSet, double Prior, double Fitted)
{
    /// <summary>w* − w0.</summary>
    public double Change => Fitted - Prior;
}

/// <summary>One constraint set: its target t_S, its fitted total s_S and the factor c_S.</summary>
public sealed record ConstraintSetFit(string Label, bool IsBlock, double Target, double Fitted, double Factor)
{
    /// <summary>s_S − t_S.</summary>
    public double Residual => Fitted - Target;

    /// <summary>Residual relative to the target (or to 1 when the target is below 1).</summary>
    public double RelativeResidual => Residual / Math.Max(Target, 1);
}

/// <summary>One SOC2010 unit group of the fit: the value fitted (published or filled) and whether it was filled.</summary>
public sealed record FitRow(SocCode Soc2010, double Total, bool Filled, double PriorBase);

/// <summary>
/// The outcome of a calibrated fit, with everything an audit needs: every pair's prior and fitted weight,
/// every constraint set's target, fit and residual, the passes and whether the iteration converged, the
/// share of the series' value reallocated and the pairs that moved by more than the threshold.
/// </summary>
public sealed record CalibratedFit(
    EstimatorOptions Options,
    string ReleaseId,
    int SeriesYear,
    IReadOnlyList<MarginYearWeight> Years,
    IReadOnlyList<FitRow> Rows,
    IReadOnlyList<PairFit> Pairs,
    IReadOnlyList<ConstraintSetFit> Sets,
    int Families,
    int OneToOneFamilies,
    int Passes,
    bool Converged,
    double LastChange,
    bool UsedPrior,
    IReadOnlyList<string> Notes)
{
    /// <summary>Σ of the fitted SOC2010 rows.</summary>
    public double SeriesTotal => Rows.Sum(r => r.Total);

    /// <summary>Why the iteration stopped, in words.</summary>
    public string StopReason => UsedPrior
        ? "not fitted: the prior weights are used (see the notes)"
        : Converged
            ? $"converged after {Passes} passes (largest change of a log factor {LastChange:G3} < {Options.Tolerance:G3})"
            : $"NOT converged: stopped at the cap of {Passes} passes with a log factor still moving by {LastChange:G3}";

    /// <summary>
    /// The share of the series' value the fit sends elsewhere than the prior would:
    /// Σ_i r_i·½·Σ_j |w* − w0| / Σ r.
    /// </summary>
    public double ReallocatedShare
    {
        get
        {
            var total = SeriesTotal;
            if (total <= 0) return 0;
            var rows = Rows.ToDictionary(r => r.Soc2010, r => r.Total);
            return Pairs.Sum(p => rows.GetValueOrDefault(p.Soc2010) * Math.Abs(p.Change)) / 2 / total;
        }
    }

    /// <summary>Pairs whose weight moved by more than <see cref="EstimatorOptions.MoveThreshold"/>, largest first.</summary>
    public IReadOnlyList<PairFit> MovedPairs =>
        [.. Pairs.Where(p => Math.Abs(p.Change) > Options.MoveThreshold).OrderByDescending(p => Math.Abs(p.Change)).ThenBy(p => p.Soc2010).ThenBy(p => p.Soc2020)];

    /// <summary>The largest residual of a constraint set relative to its target.</summary>
    public double MaxRelativeResidual => Sets.Select(s => Math.Abs(s.RelativeResidual)).DefaultIfEmpty(0).Max();

    /// <summary>The fitted weights, to apply to any series (see <see cref="FittedWeights"/>).</summary>
    public FittedWeights ToWeights() => new(ReleaseId, Rows, Pairs);

    /// <summary>Σ_i x_i·w*[i,j] for a series of SOC2010 unit values (codes outside the support are ignored).</summary>
    public IReadOnlyDictionary<SocCode, double> Translate(IReadOnlyDictionary<SocCode, double> soc2010Units) => ToWeights().Translate(soc2010Units);
}
