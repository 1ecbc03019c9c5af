using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Estimation;

/// <summary>
/// The calibrated ("family-anchored soft raking") estimator of SOC2010 → SOC2020 weights. The prior is the
/// ONS dual coding (½ LFS + ½ Census conditionals on the pairs ONS observed); the fit keeps every SOC2010
/// row of the series exactly and pulls the SOC2020 totals toward the same survey's SOC2020 margins of nearby
/// years, softly (strength γ), within families. Build once per release; <see cref="Fit"/> is cheap.
/// </summary>
public sealed class CalibratedEstimator
{
    private readonly SocRelease _release;

    /// <summary>Builds the prior, the support and the families from the release's relationship table.</summary>
    public CalibratedEstimator(SocRelease release)
    {
        _release = release;
        Support = SupportTable.FromRelationshipTable(release.Crosswalk.Table);
        Families = Families.Find(Support);
        var pooled = new WeightSelection(WeightSet.Pooled, SexSet.All);
        PriorBase = Support.Rows.Select(r => release.Crosswalk.Table.BySoc2010[r].Links.Sum(l => l.JointCounts.Sum(pooled))).ToArray();
    }

    internal SupportTable Support { get; }

    internal SocHierarchy Hierarchy2020 => _release.Soc2020;

    internal SocHierarchy Hierarchy2010 => _release.Soc2010;

    internal Families Families { get; }

    /// <summary>Pooled dual-coded sample count of each SOC2010 row (LFS and Census, men and women).</summary>
    internal double[] PriorBase { get; }

    /// <summary>Number of support pairs (the pairs ONS observed).</summary>
    public int PairCount => Support.PairCount;

    /// <summary>Number of families (connected components of the support graph).</summary>
    public int FamilyCount => Families.Count;

    /// <summary>Families of one SOC2010 and one SOC2020 group.</summary>
    public int OneToOneFamilyCount => Families.OneToOneCount();

    /// <summary>The prior weights w0 by pair.</summary>
    public IReadOnlyList<(SocCode Soc2010, SocCode Soc2020, double Weight)> Prior() =>
        [.. Enumerable.Range(0, Support.PairCount).Select(p => (Support.Rows[Support.PairRow[p]], Support.Columns[Support.PairColumn[p]], Support.Prior[p]))];

    /// <summary>
    /// Fits the weights. The series' SOC2010 unit values (filled top-down for fitting when
    /// <see cref="EstimatorOptions.FillSuppressed"/>) are the rows; the margin years are blended, anchored per
    /// family and raked softly. When a margin year comes from another survey than the series, the fit
    /// returns the prior and says so: other surveys' margins make the translation worse.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or inputs of the wrong edition.</exception>
    public CalibratedFit Fit(EstimatorInputs inputs, EstimatorOptions options)
    {
        var errors = options.Validate().ToList();
        if (inputs.Series.Version != SocVersion.Soc2010) errors.Add($"the series {inputs.Series.Source} must be coded to SOC2010");
        foreach (var m in inputs.Margins.Where(m => m.Counts.Version != SocVersion.Soc2020))
            errors.Add($"the margins {m.Counts.Source} ({m.Year}) must be coded to SOC2020");
        if (inputs.Margins.Count == 0) errors.Add("at least one margin year is needed");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(inputs));

        var filled = TopDownFill.Fill(inputs.Series, _release.Soc2010, options.FillSuppressed);
        var rows = Support.Rows.Select(r => filled.Values.GetValueOrDefault(r)).ToArray();
        var fitRows = Support.Rows.Select((r, i) => new FitRow(r, rows[i], filled.Values.ContainsKey(r) && !filled.Published.Contains(r), PriorBase[i])).ToArray();
        var notes = new List<string>();
        if (filled.Filled > 0) notes.Add($"{filled.Filled} suppressed SOC2010 unit value(s) of {inputs.Series.Source} filled top-down for fitting only");
        if (filled.Unknown > 0) notes.Add($"{filled.Unknown} SOC2010 unit group(s) of {inputs.Series.Source} have no value; their rows keep the prior");

        var otherSurvey = inputs.SeriesSurvey is { } survey
            ? inputs.Margins.Where(m => m.Survey is { } s && !string.Equals(s.Trim(), survey.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray()
            : [];
        if (otherSurvey.Length > 0)
        {
            notes.Add($"margins from another survey than the series ({string.Join(", ", otherSurvey.Select(m => $"{m.Survey} {m.Year}"))} vs {inputs.SeriesSurvey}): " +
                "calibrating to them makes the translation worse, so the prior weights are used uncalibrated");
            return Result(inputs, options, fitRows, Support.Prior, [], [], [], 0, true, 0, usedPrior: true, notes);
        }

        var total = rows.Sum();
        var blended = MarginBlend.Blend(Support, _release.Soc2020, inputs.Margins, inputs.SeriesYear, options.YearDecay, options.FillSuppressed, total);
        notes.AddRange(blended.Notes);
        var (anchored, free) = FamilyAnchoring.Anchor(Support, Families, rows, blended.Values);
        var sets = ConstraintSets.Build(Support, anchored, blended.Published, free);
        var outcome = SoftRaking.Run(new RakingProblem(Support, rows, sets.OfColumn, sets.Targets), options.Gamma, options.Tolerance, options.MaxPasses);

        var fitted = new double[Support.PairCount];
        for (var p = 0; p < fitted.Length; p++)
        {
            var x = rows[Support.PairRow[p]];
            fitted[p] = x > 0 ? outcome.Cells[p] / x : Support.Prior[p];
        }
        var setFits = Enumerable.Range(0, sets.Count)
            .Select(s => new ConstraintSetFit(sets.Labels[s], sets.IsBlock[s], sets.Targets[s], outcome.SetTotals[s], outcome.Factors[s])).ToArray();
        if (!outcome.Converged) notes.Add($"the fit did not converge within {options.MaxPasses} passes; the weights of the last pass are used");
        return Result(inputs, options, fitRows, fitted, blended.Years, setFits, sets.Labels.Length == 0 ? [] : sets.OfColumn.Select(s => s < 0 ? null : sets.Labels[s]).ToArray(),
            outcome.Passes, outcome.Converged, outcome.LastChange, usedPrior: false, notes);
    }

    private CalibratedFit Result(EstimatorInputs inputs, EstimatorOptions options, FitRow[] rows, double[] fitted, IReadOnlyList<MarginYearWeight> years,
        ConstraintSetFit[] sets, string?[] setOfColumn, int passes, bool converged, double change, bool usedPrior, List<string> notes)
    {
        var pairs = Enumerable.Range(0, Support.PairCount).Select(p => new PairFit(
            Support.Rows[Support.PairRow[p]], Support.Columns[Support.PairColumn[p]], Families.OfRow[Support.PairRow[p]],
            setOfColumn.Length == 0 ? null : setOfColumn[Support.PairColumn[p]], Support.Prior[p], fitted[p])).ToArray();
        return new CalibratedFit(options, _release.ReleaseId, inputs.SeriesYear, years, rows, pairs, sets, Families.Count, Families.OneToOneCount(),
            passes, converged, change, usedPrior, notes);
    }
}
