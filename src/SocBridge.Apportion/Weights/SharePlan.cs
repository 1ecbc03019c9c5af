using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Weights;

/// <summary>
/// The share sets of a run, built on first use from the crosswalk graph, and the list of target codes
/// they point into (slot numbers). One plan serves one run and is not shared between threads.
/// </summary>
public sealed class SharePlan
{
    private readonly CrosswalkGraph _graph;
    private readonly ApportionOptions _options;
    private readonly Dictionary<(SocCode, WeightSelection, SocLevel), ShareSet> _sets = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _targets = [];
    private readonly List<string> _targetTitles = [];

    public SharePlan(CrosswalkGraph graph, ApportionOptions options)
    {
        _graph = graph;
        _options = options;
    }

    /// <summary>Target codes by slot (the text written to the output's code column).</summary>
    public IReadOnlyList<string> Targets => _targets;

    public IReadOnlyList<string> TargetTitles => _targetTitles;

    public IEnumerable<ShareSet> Sets => _sets.Values;

    public ShareSet For(SocCode source, WeightSelection selection)
    {
        var level = _options.ToLevel ?? source.Level;
        if (_sets.TryGetValue((source, selection, level), out var set)) return set;
        set = Build(source, selection, level);
        _sets.Add((source, selection, level), set);
        return set;
    }

    private ShareSet Build(SocCode source, WeightSelection selection, SocLevel level)
    {
        var map = _graph.Map(source, selection, level);
        var targets = new List<TargetShare>(map.Targets.Count + 1);
        var total = map.SampleTotal;
        var unallocated = _options.Residual == ResidualPolicy.Unallocated && map.SourceBase is > 0 && map.ResidualShare is > 0;
        if (unallocated)
        {
            // Shares of the whole base: listed targets get joint/base and the residual records their own row.
            var bases = map.SourceBase!.Value;
            foreach (var t in map.Targets) targets.Add(new TargetShare(Slot(t.Code.ToString(), t.Title), t.JointCount / bases, t.JointCount));
            var residual = Math.Max(0, bases - total);
            targets.Add(new TargetShare(Slot(ApportionOptions.UnallocatedCode, "Not allocated by the ONS relationship table"), residual / bases, residual));
            total = bases;
        }
        else
        {
            foreach (var t in map.Targets) targets.Add(new TargetShare(Slot(t.Code.ToString(), t.Title), t.Weight, t.JointCount));
        }
        return new ShareSet(source, selection, map.Used, map.FallbackReason, total, map.SourceBase, [.. targets]);
    }

    private int Slot(string code, string title)
    {
        if (_slots.TryGetValue(code, out var slot)) return slot;
        slot = _targets.Count;
        _slots.Add(code, slot);
        _targets.Add(code);
        _targetTitles.Add(title);
        return slot;
    }
}
