using SocBridge.Apportion.Weights;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Engine;

/// <summary>One contribution of a source code to an output cell.</summary>
public sealed record AuditEntry(int Tuple, int TargetSlot, string SourceCode, WeightSelection Used, string? FallbackReason, double Weight, double JointCount, double SampleTotal, double? SourceBase, double[] Contributions);

/// <summary>The translated series, its reconciliation and (optionally) its audit trail.</summary>
public sealed record ApportionResult(
    DimensionTable Dimensions,
    IReadOnlyList<string> TargetCodes,
    OutputTable Cells,
    RunReconciliation Reconciliation,
    IReadOnlyList<ShareSet> ShareSets,
    IReadOnlyList<AuditEntry> Audit,
    Calibration.CalibrationReport? Calibration = null);
