using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Weights;

/// <summary>
/// The share sets of a run, built on first use from the crosswalk graph, and the list of target codes
/// they point into (slot numbers). One plan serves one run and is not shared between threads.
/// </summary>
internal sealed class SharePlan
{
    private readonly CrosswalkGraph _graph;
    private readonly ApportionOptions _options;
    private readonly Dictionary<(SocCode, WeightSelection, SocLevel), ShareSet> _sets = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _targets = [];
    private readonly List<string> _targetTitles = [];

    public SharePlan(CrosswalkGraph graph, ApportionOptions options)
    {
        if (options.Weights is not null)
        {
            if (options.From != SocVersion.Soc2010)
                throw new ArgumentException("fitted weights translate SOC2010 to SOC2020; use the ONS weights for SOC2020 → SOC2010", nameof(options));
            if (options.Residual == ResidualPolicy.Unallocated)
                throw new ArgumentException("fitted weights share everything among the listed SOC2020 groups; the unallocated residual applies to the ONS weights only", nameof(options));
        }
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
        if (_options.Weights is { } fitted) return BuildFitted(fitted, source, selection, level);
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

    /// <summary>
    /// A share set from fitted weights. Unit groups use their own fitted weights; coarser source groups sum
    /// the fitted joint cells of their unit groups (see <see cref="Estimation.FittedWeights.Shares"/>), as the
    /// ONS weights sum joint sample counts. The sample counts behind the shares stay the ONS dual-coded
    /// counts of the source (pooled, all persons), so intervals keep the width of the sample that supports them.
    /// The fitted weights are for all persons: a sex-specific selection is recorded as a fallback to them.
    /// </summary>
    private ShareSet BuildFitted(Estimation.FittedWeights fitted, SocCode source, WeightSelection selection, SocLevel level)
    {
        var pooled = new WeightSelection(WeightSet.Pooled, SexSet.All);
        var shares = fitted.Shares(source, level, _graph.Hierarchy(SocVersion.Soc2010));
        var map = _graph.Map(source, pooled, level);
        var sample = map.SampleTotal;
        var used = selection.Sex == SexSet.All ? selection : selection with { Sex = SexSet.All };
        var reason = used != selection ? "fitted weights are for all persons" : null;
        if (shares.Count == 0) reason = $"no fitted weight for {source.ToQualifiedString()}";
        var hierarchy = _graph.Hierarchy(SocVersion.Soc2020);
        var targets = shares.Select(s => new TargetShare(Slot(s.Target.ToString(), hierarchy.Get(s.Target).DisplayTitle), s.Weight, s.Weight * sample)).ToArray();
        return new ShareSet(source, selection, used, reason, sample, map.SourceBase, targets);
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
