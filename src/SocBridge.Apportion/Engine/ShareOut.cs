using System.Runtime.CompilerServices;
using SocBridge.Apportion.Calibration;
using SocBridge.Apportion.Model;
using SocBridge.Apportion.Weights;

namespace SocBridge.Apportion.Engine;

/// <summary>Raised when two parts that reject repeated cells both hold the same cell: the run must be read as one part.</summary>
internal sealed class DuplicateAcrossPartsException() : InvalidOperationException(
    "the same dimensions and code occur in two parts of the input; read it as one part to reject the later rows one by one");

/// <summary>
/// Shares the summed cells of all parts out over their targets. Cells are grouped by dimension tuple (a
/// counting sort on the tuples' ranks), so each tuple is finished on its own with small dense scratch
/// arrays instead of a table of all output cells, and the output comes out already in order. Tuples are
/// cut into chunks of similar size, finished in parallel and joined in order: the chunks depend only on
/// the data, so the result is the same whatever the number of threads.
/// </summary>
internal sealed class ShareOut
{
    private readonly ApportionOptions _options;
    private readonly ValueLayout _layout;
    private readonly SourceSlots _slots;
    private readonly IReadOnlyList<SeriesPart> _parts;
    private readonly ShareSet?[] _setBySlot;
    private readonly double[]?[] _calibratedBySlot;
    private readonly int[] _targetRank;
    private readonly int[] _targetByRank;
    private readonly SortedCells _cells;

    private ShareOut(ApportionOptions options, ValueLayout layout, SourceSlots slots, IReadOnlyList<SeriesPart> parts, SharePlan plan)
    {
        _options = options;
        _layout = layout;
        _slots = slots;
        _parts = parts;
        _cells = SortedCells.Build(parts, layout.Width, slots.Count, options.Threads);
        _setBySlot = new ShareSet?[slots.Count];
        _calibratedBySlot = new double[]?[slots.Count];
        for (var slot = 0; slot < slots.Count; slot++)
            if (_cells.SlotUsed[slot]) _setBySlot[slot] = plan.For(slots.Code(slot), slots.Selection(slot));
        var targets = plan.Targets;
        _targetByRank = Enumerable.Range(0, targets.Count).ToArray();
        Array.Sort(_targetByRank, (a, b) => string.CompareOrdinal(targets[a], targets[b]));
        _targetRank = new int[targets.Count];
        for (var r = 0; r < _targetByRank.Length; r++) _targetRank[_targetByRank[r]] = r;
    }

    public static ApportionResult Run(ApportionOptions options, ValueLayout layout, SourceSlots slots, SharePlan plan,
        IReadOnlyList<SeriesPart> parts, CalibrationOptions? calibration)
    {
        var share = new ShareOut(options, layout, slots, parts, plan);
        var calibrationReport = calibration is null ? null : share.Calibrate(plan, calibration);
        var chunks = share._cells.Chunks();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        // Output rows per chunk first, so every chunk writes straight into its place in the final columns.
        var starts = new int[chunks.Count + 1];
        Parallel.For(0, chunks.Count, parallel, c => starts[c + 1] = share.CountRows(chunks[c].From, chunks[c].To));
        for (var c = 0; c < chunks.Count; c++) starts[c + 1] += starts[c];
        var cells = new OutputTable(layout.Values.Length, options.Interval is null ? 0 : layout.Counts.Length, starts[^1]);
        var outputs = new ChunkOutput[chunks.Count];
        try
        {
            Parallel.For(0, chunks.Count, parallel, c => outputs[c] = share.FinishChunk(chunks[c].From, chunks[c].To, cells, starts[c]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        var outTotals = new double[layout.Values.Length];
        var outNegative = new double[layout.Values.Length];
        foreach (var o in outputs)
            for (var i = 0; i < outTotals.Length; i++)
            {
                outTotals[i] += o.Totals[i];
                outNegative[i] += o.NegativeTotals[i];
            }
        var audit = outputs.SelectMany(o => o.Audit).ToList();

        var columns = layout.Shared.Select(i => new ColumnReconciliation(layout.Values[i].Name,
            parts.Sum(p => p.In[i]), outTotals[i], parts.Sum(p => p.Rejected[i]), parts.Sum(p => p.WithoutValue[i]))
        {
            Kind = layout.Values[i].KindName,
            InNegative = parts.Sum(p => p.InNegative[i]),
            RejectedMagnitude = parts.Sum(p => p.RejectedMagnitude[i]),
            OutNegative = outNegative[i],
        }).ToArray();
        var rowsRead = parts.Sum(p => p.RowsRead);
        var rowsRejected = parts.Sum(p => p.RowsRejected);
        var totalRows = parts.SelectMany(p => p.TotalRows.Select(t => (Part: p, Row: t))).OrderBy(t => t.Row.Line).ToArray();
        var reconciliation = new RunReconciliation(rowsRead, rowsRead - rowsRejected, rowsRejected, parts.Sum(p => p.ValueProblems), columns)
        {
            TotalRows = totalRows.Length,
        };
        var sets = plan.Sets.OrderBy(s => s.Source).ThenBy(s => s.Requested.ToString(), StringComparer.Ordinal).ToArray();
        var sourceTotals = share.SourceTotals();
        var labels = parts.SelectMany(p => p.Labels).ToHashSet(StringComparer.Ordinal);
        return new ApportionResult(new DimensionTuples(parts[0].Dimensions), plan.Targets, cells, reconciliation, sets, audit, calibrationReport)
        {
            TargetTitles = plan.TargetTitles,
            TotalChecks = TotalChecks.Check(totalRows, layout, parts[0].Dimensions, cells),
            TitleMismatches = parts.SelectMany(p => p.TitleMismatches.Values).GroupBy(m => m.Label, StringComparer.Ordinal)
                .Select(g => g.MinBy(m => m.Line)!).OrderBy(m => m.Line).ToArray(),
            LabelledCodes = labels.Count,
            Labels = labels,
            TrustedRejects = parts.SelectMany(p => p.TrustedRejects.Records).ToArray(),
            SourceTotals = sourceTotals,
        };
    }

    /// <summary>The series' totals of each shared column by share set (source group and weights), largest first by the first shared column.</summary>
    private IReadOnlyList<SourceTotal> SourceTotals()
    {
        var shared = _layout.Shared;
        var bySlot = new double[_slots.Count * shared.Length];
        for (var i = 0; i < _cells.Count; i++)
            for (var k = 0; k < shared.Length; k++)
                bySlot[_cells.Slot[i] * shared.Length + k] += _cells.Accumulators[i * _layout.Width + _layout.SlotOf[shared[k]]];
        var totals = new Dictionary<ShareSet, double[]>();
        for (var slot = 0; slot < _slots.Count; slot++)
        {
            if (_setBySlot[slot] is not { } set) continue;
            if (!totals.TryGetValue(set, out var sum)) totals[set] = sum = new double[shared.Length];
            for (var k = 0; k < shared.Length; k++) sum[k] += bySlot[slot * shared.Length + k];
        }
        return totals.Select(kv => new SourceTotal(kv.Key, kv.Value))
            .OrderByDescending(t => t.Totals.Length > 0 ? Math.Abs(t.Totals[0]) : 0).ThenBy(t => t.Set.Source).ToArray();
    }

    /// <summary>Rakes the weights of the share sets in use to the target margins (see <see cref="Calibrator"/>).</summary>
    private CalibrationReport Calibrate(SharePlan plan, CalibrationOptions calibration)
    {
        var values = _layout.Values;
        var column = calibration.Column is null
            ? Array.FindIndex(values, v => v.IsCount)
            : Array.FindIndex(values, v => v.IsCount && v.Name == calibration.Column);
        if (column < 0) throw new ArgumentException($"calibration column '{calibration.Column}' is not a declared count column", nameof(calibration));
        var totalBySlot = new double[_slots.Count];
        for (var i = 0; i < _cells.Count; i++) totalBySlot[_cells.Slot[i]] += _cells.Accumulators[i * _layout.Width + _layout.SlotOf[column]];
        var totals = new Dictionary<ShareSet, double>();
        for (var slot = 0; slot < totalBySlot.Length; slot++)
            if (_setBySlot[slot] is { } set) totals[set] = totals.GetValueOrDefault(set) + totalBySlot[slot];
        var (calibrated, report) = Calibrator.Calibrate(
            totals.Select(kv => new CalibrationRow(kv.Key, kv.Value)).ToArray(), plan.Targets, calibration, values[column].Name);
        for (var s = 0; s < _setBySlot.Length; s++)
            if (_setBySlot[s] is { } set) _calibratedBySlot[s] = calibrated[set];
        return report;
    }

    /// <summary>What a chunk adds besides its rows: the totals of its values and its audit entries.</summary>
    private sealed class ChunkOutput(int values)
    {
        public readonly double[] Totals = new double[values];
        public readonly double[] NegativeTotals = new double[values];
        public readonly List<AuditEntry> Audit = [];
    }

    /// <summary>The number of output rows of a chunk: the distinct targets of each of its tuples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountRows(int fromRank, int toRank)
    {
        var cells = _cells;
        var targetStamp = new int[_targetRank.Length];
        var stamp = 0;
        var rows = 0;
        for (var r = fromRank; r < toRank; r++)
        {
            stamp++;
            for (var i = cells.Starts[r]; i < cells.Starts[r + 1]; i++)
                foreach (var target in _setBySlot[cells.Slot[i]]!.Targets)
                {
                    ref var seen = ref targetStamp[_targetRank[target.Slot]];
                    if (seen == stamp) continue;
                    seen = stamp;
                    rows++;
                }
        }
        return rows;
    }

    /// <summary>Dense scratch arrays of one chunk, indexed by source slot or target rank and reused tuple after tuple (a stamp marks what the current tuple touched).</summary>
    private sealed class ChunkScratch(int slots, int targets, int width, int intervalWidth)
    {
        public readonly int[] SlotStamp = new int[slots];
        public readonly int[] SlotPart = new int[slots];
        public readonly double[] Combined = new double[slots * width];
        public readonly int[] TargetStamp = new int[targets];
        public readonly double[] Sums = new double[targets * width];
        public readonly double[] Spread = new double[targets * intervalWidth];
        public readonly bool[] Fallback = new bool[targets];
        public readonly StampedSet TouchedSlots = new(slots);
        public readonly StampedSet TouchedTargets = new(targets);
        public readonly List<AuditEntry> TupleAudit = [];
        public readonly List<int> Ordered = [];
        public int Stamp;
    }

    /// <summary>Finishes the tuples of ranks [<paramref name="fromRank"/>, <paramref name="toRank"/>), writing their rows into <paramref name="table"/> from <paramref name="row"/>.</summary>
    private ChunkOutput FinishChunk(int fromRank, int toRank, OutputTable table, int row)
    {
        var output = new ChunkOutput(_layout.Values.Length);
        var intervalWidth = _options.Interval is null ? 0 : _layout.Counts.Length * 2;
        var scratch = new ChunkScratch(_slots.Count, _targetRank.Length, _layout.Width, intervalWidth);
        for (var r = fromRank; r < toRank; r++)
        {
            if (_cells.Starts[r] == _cells.Starts[r + 1]) continue;
            scratch.Stamp++;
            var tuple = _cells.TupleByRank[r];
            CombineCells(r, scratch);
            ShareTuple(tuple, scratch);
            row = EmitTuple(table, row, output, tuple, scratch);
        }
        return output;
    }

    /// <summary>
    /// Sums the cells of the tuple of rank <paramref name="rank"/> by source slot (a slot's cells come from
    /// different parts when a tuple spans slices). A cell in two parts that reject repeated cells is an error.
    /// </summary>
    // AggressiveOptimization: these loops run once per cell of a run of millions; compiling them fully at once
    // avoids running them as unoptimised first-tier code while tiered compilation catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CombineCells(int rank, ChunkScratch scratch)
    {
        var cells = _cells;
        var width = _layout.Width;
        scratch.TouchedSlots.Clear();
        for (var i = cells.Starts[rank]; i < cells.Starts[rank + 1]; i++)
        {
            var slot = cells.Slot[i];
            var p = cells.Part[i];
            var into = scratch.Combined.AsSpan(slot * width, width);
            var from = cells.Accumulators.AsSpan(i * width, width);
            if (scratch.SlotStamp[slot] != scratch.Stamp)
            {
                scratch.SlotStamp[slot] = scratch.Stamp;
                scratch.SlotPart[slot] = p;
                scratch.TouchedSlots.Add(slot);
                from.CopyTo(into);
                continue;
            }
            if (!_options.SumDuplicates && _parts[p].ChecksDuplicates && _parts[scratch.SlotPart[slot]].ChecksDuplicates)
                throw new DuplicateAcrossPartsException();
            for (var k = 0; k < width; k++) into[k] += from[k];
        }
    }

    /// <summary>Shares each source slot's sums over its targets (by its weights, or its calibrated weights), with the interval spread and the audit entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ShareTuple(int tuple, ChunkScratch scratch)
    {
        var layout = _layout;
        var width = layout.Width;
        var counts = layout.Counts;
        var interval = _options.Interval;
        var attributes = layout.Attributes.Length > 0;
        var sums = scratch.Sums;
        var spread = scratch.Spread;
        scratch.TouchedTargets.Clear();
        scratch.TupleAudit.Clear();
        scratch.TouchedSlots.InOrder(scratch.Ordered);
        foreach (var slot in scratch.Ordered)
        {
            var set = _setBySlot[slot]!;
            var calibrated = _calibratedBySlot[slot];
            var x = scratch.Combined.AsSpan(slot * width, width);
            for (var t = 0; t < set.Targets.Length; t++)
            {
                var target = calibrated is null ? set.Targets[t] : set.Targets[t] with { Weight = calibrated[t] };
                var tr = _targetRank[target.Slot];
                if (scratch.TargetStamp[tr] != scratch.Stamp)
                {
                    scratch.TargetStamp[tr] = scratch.Stamp;
                    scratch.TouchedTargets.Add(tr);
                    sums.AsSpan(tr * width, width).Clear();
                    if (interval is not null) spread.AsSpan(tr * counts.Length * 2, counts.Length * 2).Clear();
                    scratch.Fallback[tr] = false;
                }
                var w = target.Weight;
                if (attributes) AddWithAttributes(sums.AsSpan(tr * width, width), x, w, target.Joint);
                else for (var k = 0; k < width; k++) sums[tr * width + k] += x[k] * w;
                if (interval is not null)
                {
                    // Per count: the posterior variance and the total of the contributing sources.
                    var variance = set.Variance(target);
                    for (var k = 0; k < counts.Length; k++)
                    {
                        var xk = x[layout.SlotOf[counts[k]]];
                        spread[(tr * counts.Length + k) * 2] += xk * xk * variance;
                        spread[(tr * counts.Length + k) * 2 + 1] += xk;
                    }
                }
                if (set.IsFallback) scratch.Fallback[tr] = true;
                if (_options.Audit) scratch.TupleAudit.Add(AuditOf(tuple, set, target, x, w));
            }
        }
    }

    /// <summary>One contribution of a source slot to a target, for the audit trail.</summary>
    private AuditEntry AuditOf(int tuple, ShareSet set, TargetShare target, ReadOnlySpan<double> x, double weight)
    {
        var layout = _layout;
        var contributions = new double[layout.Values.Length];
        for (var i = 0; i < contributions.Length; i++)
            contributions[i] = layout.Values[i].IsShared ? x[layout.SlotOf[i]] * weight : double.NaN;
        return new AuditEntry(tuple, target.Slot, set.Source.ToString(), set.Used, set.FallbackReason, weight, target.Joint, set.SampleTotal, set.SourceBase, contributions);
    }

    /// <summary>Writes the tuple's rows (targets in order) from <paramref name="row"/> and keeps its audit entries in order; returns the next row.</summary>
    private int EmitTuple(OutputTable table, int row, ChunkOutput output, int tuple, ChunkScratch scratch)
    {
        scratch.TouchedTargets.InOrder(scratch.Ordered);
        foreach (var tr in scratch.Ordered) Emit(table, row++, output, tuple, tr, scratch.Sums, scratch.Spread, scratch.Fallback[tr], _options.Interval);
        if (scratch.TupleAudit.Count == 0) return row;
        scratch.TupleAudit.Sort((a, b) =>
        {
            var c = _targetRank[a.TargetSlot].CompareTo(_targetRank[b.TargetSlot]);
            return c != 0 ? c : string.CompareOrdinal(a.SourceCode, b.SourceCode);
        });
        output.Audit.AddRange(scratch.TupleAudit);
        return row;
    }

    /// <summary>
    /// Adds one source cell's contribution to a target when the run has attributes: counts, flows and means
    /// by the weight, attributes by the pair's joint sample count (the cell's mean attribute value × joint,
    /// and the joint count itself).
    /// </summary>
    private void AddWithAttributes(Span<double> into, ReadOnlySpan<double> x, double weight, double joint)
    {
        var layout = _layout;
        for (var i = 0; i < layout.Values.Length; i++)
        {
            var s = layout.SlotOf[i];
            if (layout.Values[i].IsShared) into[s] += x[s] * weight;
            else if (layout.Values[i].Kind != ValueKind.Attribute)
            {
                into[s] += x[s] * weight;
                into[s + 1] += x[s + 1] * weight;
            }
            else if (x[s + 1] > 0 && joint > 0)
            {
                into[s] += x[s] / x[s + 1] * joint;
                into[s + 1] += joint;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Emit(OutputTable table, int row, ChunkOutput output, int tuple, int targetRank, double[] sums, double[] spread, bool usedFallback, double? interval)
    {
        var layout = _layout;
        var width = layout.Width;
        var nValues = layout.Values.Length;
        table.TupleIds[row] = tuple;
        table.SlotIds[row] = _targetByRank[targetRank];
        table.FallbackArray[row] = usedFallback;
        var values = table.ValueArray.AsSpan(row * nValues, nValues);
        for (var i = 0; i < nValues; i++)
        {
            var s = targetRank * width + layout.SlotOf[i];
            if (layout.Values[i].IsShared)
            {
                values[i] = sums[s];
                output.Totals[i] += sums[s];
                if (sums[s] < 0) output.NegativeTotals[i] += sums[s];
            }
            else
            {
                values[i] = sums[s + 1] > 0 ? sums[s] / sums[s + 1] : double.NaN;
            }
        }
        if (interval is not { } p) return;
        var counts = layout.Counts;
        for (var k = 0; k < counts.Length; k++)
            (table.LowerArray[row * counts.Length + k], table.UpperArray[row * counts.Length + k]) =
                Interval(values[counts[k]], spread[(targetRank * counts.Length + k) * 2], spread[(targetRank * counts.Length + k) * 2 + 1], p);
    }

    /// <summary>
    /// Central interval of an apportioned count. Each source group's shares follow a Dirichlet posterior
    /// with its joint sample counts as parameters, so the count's mean and variance are exact; the
    /// interval is that of a Beta distribution on [0, total of the contributing sources] with the same
    /// mean and variance — exact when one source feeds the cell, a close fit otherwise.
    /// </summary>
    internal static (double Lower, double Upper) Interval(double point, double variance, double maximum, double probability) =>
        DirichletInterval.Count(point, variance, maximum, probability);
}
