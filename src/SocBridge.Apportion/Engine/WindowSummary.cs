using SocBridge.Apportion.Model;
using SocBridge.Apportion.Weights;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// The totals of a run that is shared out window by window (each window a whole set of dimension tuples):
/// reconciliation, total-row checks, title warnings, labels, share sets and source totals of every window,
/// without their rows. <see cref="ToResult"/> gives them as one result with no cells.
/// </summary>
internal sealed class WindowSummary
{
    private ApportionResult? _first;
    private ColumnReconciliation[]? _columns;
    private long _rowsRead, _rowsApportioned, _rowsRejected, _valueProblems, _totalRows;
    private readonly List<TotalRowCheck> _totalChecks = [];
    private readonly Dictionary<string, LabelMismatch> _mismatches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, WeightSelection Requested), ShareSet> _sets = [];
    private readonly Dictionary<(string Source, WeightSelection Requested), double[]> _sourceTotals = [];

    /// <summary>The output rows of the windows added.</summary>
    public long OutputRows { get; private set; }

    /// <summary>Adds one window's result (windows in input order).</summary>
    public void Add(ApportionResult window)
    {
        _first ??= window;
        OutputRows += window.Cells.Count;
        var r = window.Reconciliation;
        _rowsRead += r.RowsRead;
        _rowsApportioned += r.RowsApportioned;
        _rowsRejected += r.RowsRejected;
        _valueProblems += r.ValueProblems;
        _totalRows += r.TotalRows;
        _columns = _columns is null ? [.. r.Columns] : _columns.Zip(r.Columns, (a, b) => a with
        {
            In = a.In + b.In,
            Out = a.Out + b.Out,
            Rejected = a.Rejected + b.Rejected,
            CellsWithoutValue = a.CellsWithoutValue + b.CellsWithoutValue,
            InNegative = a.InNegative + b.InNegative,
            OutNegative = a.OutNegative + b.OutNegative,
            RejectedMagnitude = a.RejectedMagnitude + b.RejectedMagnitude,
        }).ToArray();
        _totalChecks.AddRange(window.TotalChecks);
        foreach (var m in window.TitleMismatches) _mismatches.TryAdd(m.Label, m);
        _labels.UnionWith(window.Labels);
        foreach (var set in window.ShareSets) _sets.TryAdd((set.Source.ToString(), set.Requested), set);
        foreach (var total in window.SourceTotals)
        {
            var key = (total.Set.Source.ToString(), total.Set.Requested);
            if (!_sourceTotals.TryGetValue(key, out var sum)) _sourceTotals[key] = sum = new double[total.Totals.Length];
            for (var k = 0; k < sum.Length; k++) sum[k] += total.Totals[k];
        }
    }

    /// <summary>The run's totals as one result whose <see cref="ApportionResult.Cells"/> is empty; <paramref name="dimensions"/> holds every tuple met.</summary>
    public ApportionResult ToResult(DimensionTable dimensions)
    {
        var first = _first ?? throw new InvalidOperationException("no window was added");
        var reconciliation = new RunReconciliation(_rowsRead, _rowsApportioned, _rowsRejected, _valueProblems, _columns ?? []) { TotalRows = _totalRows };
        var sets = _sets.Values.OrderBy(s => s.Source).ThenBy(s => s.Requested.ToString(), StringComparer.Ordinal).ToArray();
        var sourceTotals = _sourceTotals.Select(kv => new SourceTotal(_sets[kv.Key], kv.Value))
            .OrderByDescending(t => t.Totals.Length > 0 ? Math.Abs(t.Totals[0]) : 0).ThenBy(t => t.Set.Source).ToArray();
        return new ApportionResult(new DimensionTuples(dimensions), first.TargetCodes, new OutputTable(first.Cells.ValueCount, first.Cells.IntervalCount, 0),
            reconciliation, sets, [])
        {
            TargetTitles = first.TargetTitles,
            TotalChecks = _totalChecks,
            TitleMismatches = _mismatches.Values.OrderBy(m => m.Line).ToArray(),
            LabelledCodes = _labels.Count,
            Labels = _labels,
            SourceTotals = sourceTotals,
        };
    }
}
