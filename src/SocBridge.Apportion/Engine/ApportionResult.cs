using SocBridge.Apportion.Weights;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Engine;

/// <summary>One contribution of a source code to an output cell.</summary>
public sealed record AuditEntry(int Tuple, int TargetSlot, string SourceCode, WeightSelection Used, string? FallbackReason, double Weight, double JointCount, double SampleTotal, double? SourceBase, double[] Contributions);

/// <summary>How much of the series went through one share set (a source group with its weights): one total per shared column.</summary>
public sealed record SourceTotal(ShareSet Set, double[] Totals);

/// <summary>The translated series, its reconciliation and (optionally) its audit trail.</summary>
public sealed record ApportionResult(
    DimensionTuples Dimensions,
    IReadOnlyList<string> TargetCodes,
    OutputTable Cells,
    RunReconciliation Reconciliation,
    IReadOnlyList<ShareSet> ShareSets,
    IReadOnlyList<AuditEntry> Audit,
    Calibration.CalibrationReport? Calibration = null)
{
    /// <summary>Titles of <see cref="TargetCodes"/>, slot by slot.</summary>
    public IReadOnlyList<string> TargetTitles { get; init; } = [];

    /// <summary>Each total row of the input against the sum of its data rows, per shared column.</summary>
    public IReadOnlyList<TotalRowCheck> TotalChecks { get; init; } = [];

    /// <summary>Code labels whose title is not the release's title for the code (warnings: the code is what counts).</summary>
    public IReadOnlyList<LabelMismatch> TitleMismatches { get; init; } = [];

    /// <summary>The number of distinct code labels (a code followed by its title) read by their code.</summary>
    public int LabelledCodes { get; init; }

    /// <summary>The distinct code labels themselves, so that runs in windows can count them once.</summary>
    internal IReadOnlyCollection<string> Labels { get; init; } = [];

    /// <summary>The series' totals by share set, in the order of the run's shared columns (counts and flows), largest first.</summary>
    public IReadOnlyList<SourceTotal> SourceTotals { get; init; } = [];

    /// <summary>Rows and values given to the trusted in-memory entry points that could not be used, with the reason.</summary>
    public IReadOnlyList<RejectRecord> TrustedRejects { get; init; } = [];
}
