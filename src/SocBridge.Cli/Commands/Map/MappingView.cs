using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Cli.Commands.Map;

/// <summary>The machine-readable shape of a mapping, shared by <c>map</c> and <c>lookup</c> JSON output.</summary>
public sealed record MappingView(
    string FromVersion,
    string FromCode,
    string FromTitle,
    string ToVersion,
    int ToLevel,
    string Weights,
    string Sex,
    bool WeightsDefault,
    string WeightsUsed,
    string SexUsed,
    string? Fallback,
    string Relationship,
    double SampleTotal,
    double? SourceBase,
    double? Residual,
    IReadOnlyList<TargetView> Targets)
{
    public static MappingView Of(MappingResult r) => new(
        r.Source.Version.Year(), r.Source.ToString(), r.SourceTitle, r.TargetVersion.Year(), (int)r.TargetLevel,
        WeightSets.Name(r.Requested.Set), WeightSets.Name(r.Requested.Sex), r.Requested == WeightSelection.Default,
        WeightSets.Name(r.Used.Set), WeightSets.Name(r.Used.Sex), r.FallbackReason, r.Relationship.Name(),
        r.SampleTotal, r.SourceBase, r.ResidualShare,
        r.Targets.Select(t => new TargetView(t.Code.ToString(), t.Title, t.Weight, t.JointCount)).ToArray());
}

public sealed record TargetView(string Code, string Title, double Weight, double JointCount);
