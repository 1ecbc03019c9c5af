using System.Runtime.InteropServices;
using MathNet.Numerics.Distributions;
using SocBridge.Apportion.Model;
using SocBridge.Apportion.Weights;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Translates a series between SOC editions: out(j, dims) = Σi x(i, dims)·w(i→j) for counts, and the
/// weighted average Σ m·n·w / Σ n·w for means and medians. Rows are first summed by (dimensions,
/// source code, sex), which is exact because the translation is linear, so memory grows with the
/// number of distinct cells, never with the number of rows. Single-threaded; one instance per run.
/// </summary>
public sealed class Apportioner
{
    private readonly ApportionOptions _options;
    private readonly SocHierarchy _hierarchy;
    private readonly SharePlan _plan;
    private readonly ValueColumn[] _values;
    private readonly int[] _weightOf; // for each value column: index of its weighting count column, or -1
    private readonly int _width;      // accumulator slots per cell: one per count, two per mean
    private readonly int[] _slotOf;   // first accumulator slot of each value column
    private readonly Dictionary<string, (SocCode Code, string? Error)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SexSet? Sex, string? Error)> _sexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SocCode Code, string? Error)>.AlternateLookup<ReadOnlySpan<char>> _codeLookup;
    private readonly Dictionary<string, (SexSet? Sex, string? Error)>.AlternateLookup<ReadOnlySpan<char>> _sexLookup;
    private readonly LongIndexMap _cellIndex = new(1 << 16);
    private readonly List<(int Tuple, SocCode Code, WeightSelection Selection, int SourceSlot)> _cellKeys = [];
    private readonly List<long> _cellLines = [];
    // Source slot per (code value, selection): code values are unique within an edition (no leading zeros), so
    // value × 9 + selection indexes a small array directly.
    private readonly int[] _sourceSlots = Enumerable.Repeat(-1, 10_000 * 9).ToArray();
    private int _sourceSlotCount;
    private double[] _acc = new double[1024];
    private readonly double[] _in;
    private readonly double[] _rejected;
    private readonly long[] _withoutValue;
    private long _rowsRead, _rowsRejected, _valueProblems;

    public Apportioner(SocRelease release, ApportionOptions options, IReadOnlyList<string> dimensionColumns)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
        _hierarchy = release.Hierarchy(options.From);
        _plan = new SharePlan(release.Crosswalk, options);
        _values = [.. options.Values];
        _weightOf = _values.Select(v => v.WeightColumn is null ? -1 : Array.FindIndex(_values, c => c.Name == v.WeightColumn)).ToArray();
        _slotOf = new int[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            _slotOf[i] = _width;
            _width += _values[i].IsCount ? 1 : 2;
        }
        _in = new double[_values.Length];
        _rejected = new double[_values.Length];
        _withoutValue = new long[_values.Length];
        Dimensions = new DimensionTable(dimensionColumns);
        _codeLookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _sexLookup = _sexes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public DimensionTable Dimensions { get; }

    public IReadOnlyList<ValueColumn> Values => _values;

    public ApportionOptions Options => _options;

    /// <summary>
    /// Adds one parsed row. A bad code or sex rejects the row; a bad value rejects that value only.
    /// <paramref name="values"/> and <paramref name="statuses"/> follow <see cref="Values"/>.
    /// </summary>
    public void Add(long line, int tuple, ReadOnlySpan<char> code, ReadOnlySpan<char> sex,
        ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        _rowsRead++;
        CountIn(values, statuses);

        var (socCode, codeError) = ResolveCode(code);
        if (codeError is not null)
        {
            RejectWholeRow(line, _options.CodeColumn, code.ToString(), codeError, values, statuses, row, rejects);
            return;
        }
        var selection = _options.Selection;
        if (_options.SexColumn is not null)
        {
            var (s, sexError) = ResolveSex(sex);
            if (sexError is not null)
            {
                RejectWholeRow(line, _options.SexColumn, sex.ToString(), sexError, values, statuses, row, rejects);
                return;
            }
            selection = selection with { Sex = s!.Value };
        }

        var before = _cellKeys.Count;
        var cell = Cell(tuple, socCode, selection);
        if (cell < before && !_options.SumDuplicates)
        {
            RejectWholeRow(line, null, null,
                $"duplicate key: the same dimensions and code {socCode} as line {_cellLines[cell]} (sum duplicates on purpose with the sum-duplicates option)",
                values, statuses, row, rejects);
            return;
        }
        if (cell == before) _cellLines.Add(line);
        var offset = cell * _width;
        for (var i = 0; i < _values.Length; i++)
        {
            var status = statuses[i];
            if (status != CellStatus.Ok)
            {
                if (status == CellStatus.Negative) _rejected[i] += values[i];
                if (status is CellStatus.Missing or CellStatus.Suppressed or CellStatus.NotANumber) _withoutValue[i]++;
                if (status != CellStatus.Missing || _values[i].IsCount)
                {
                    _valueProblems++;
                    rejects.Reject(new RejectRecord(line, _values[i].Name, row.RawValue(i), ValueParser.Describe(status, _values[i].Name, _values[i].IsCount), row.Fields()));
                }
                continue;
            }
            if (_values[i].IsCount)
            {
                _acc[offset + _slotOf[i]] += values[i];
                continue;
            }
            var w = _weightOf[i];
            if (statuses[w] != CellStatus.Ok)
            {
                _valueProblems++;
                rejects.Reject(new RejectRecord(line, _values[i].Name, row.RawValue(i),
                    $"'{_values[i].Name}' cannot be weighted: its weighting count '{_values[w].Name}' has no value in this row", row.Fields()));
                continue;
            }
            _acc[offset + _slotOf[i]] += values[i] * values[w];
            _acc[offset + _slotOf[i] + 1] += values[w];
        }
    }

    /// <summary>Rejects a whole row for a reason found outside the engine (such as a wrong number of fields).</summary>
    public void RejectRow(long line, string reason, ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        _rowsRead++;
        CountIn(values, statuses);
        RejectWholeRow(line, null, null, reason, values, statuses, row, rejects);
    }

    /// <summary>Every number in the row counts as input, whether or not the row is used.</summary>
    private void CountIn(ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses)
    {
        for (var i = 0; i < _values.Length; i++)
            if (statuses[i] is CellStatus.Ok or CellStatus.Negative) _in[i] += values[i];
    }

    /// <summary>Records a row that is not used at all: its numbers count as rejected, so totals still reconcile.</summary>
    private void RejectWholeRow(long line, string? column, string? value, string reason,
        ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        _rowsRejected++;
        for (var i = 0; i < _values.Length; i++)
            if (statuses[i] is CellStatus.Ok or CellStatus.Negative) _rejected[i] += values[i];
        rejects.Reject(new RejectRecord(line, column, value, reason, row.Fields()));
    }

    /// <summary>
    /// Adds a row already known to be valid (codes checked, counts finite and non-negative, NaN for
    /// no value): the in-memory fast path for callers that validated their data.
    /// </summary>
    public void AddTrusted(int tuple, SocCode code, SexSet? sex, ReadOnlySpan<double> values)
    {
        _rowsRead++;
        var selection = sex is { } s ? _options.Selection with { Sex = s } : _options.Selection;
        var before = _cellKeys.Count;
        var cell = Cell(tuple, code, selection);
        if (cell == before) _cellLines.Add(0);
        var offset = cell * _width;
        for (var i = 0; i < _values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                _withoutValue[i]++;
                continue;
            }
            _in[i] += v;
            if (_values[i].IsCount)
            {
                _acc[offset + _slotOf[i]] += v;
            }
            else if (!double.IsNaN(values[_weightOf[i]]))
            {
                _acc[offset + _slotOf[i]] += v * values[_weightOf[i]];
                _acc[offset + _slotOf[i] + 1] += values[_weightOf[i]];
            }
        }
    }

    /// <summary>Resolves a code of the source edition, or says why it cannot be used.</summary>
    public (SocCode Code, string? Error) ResolveCode(ReadOnlySpan<char> text)
    {
        if (_codeLookup.TryGetValue(text, out var known)) return known;
        (SocCode, string?) result;
        if (!SocCode.TryParse(text, _options.From, out var code, out var error))
            result = (default, error);
        else if (!_hierarchy.Contains(code))
            result = (default, $"{code.ToQualifiedString()} is not a {code.Level.Name()} of SOC{_options.From.Year()}; nearest: " +
                               string.Join(", ", _hierarchy.Suggest(code.ToString(), 3).Select(g => g.Code)));
        else
            result = (code, null);
        _codes[text.ToString()] = result;
        return result;
    }

    private (SexSet? Sex, string? Error) ResolveSex(ReadOnlySpan<char> text)
    {
        if (_sexLookup.TryGetValue(text, out var known)) return known;
        (SexSet?, string?) result = WeightSets.TryParseSex(text.ToString(), out var s)
            ? (s, null)
            : (null, $"sex value '{text.ToString()}' is not one of all, men, women, male, female, M, F");
        _sexes[text.ToString()] = result;
        return result;
    }

    private int Cell(int tuple, SocCode code, WeightSelection selection)
    {
        ref var sourceSlot = ref _sourceSlots[code.Value * 9 + (int)selection.Set * 3 + (int)selection.Sex];
        if (sourceSlot < 0) sourceSlot = _sourceSlotCount++;
        var key = ((long)tuple << 16) | (uint)sourceSlot;
        var cell = _cellIndex.GetOrAdd(key, out var added);
        if (!added) return cell;
        _cellKeys.Add((tuple, code, selection, sourceSlot));
        if ((cell + 1) * _width > _acc.Length) Array.Resize(ref _acc, Math.Max(_acc.Length * 2, (cell + 1) * _width));
        return cell;
    }

    /// <summary>Shares every summed input cell out over its targets and returns the translated series.</summary>
    public ApportionResult Finish(Calibration.CalibrationOptions? calibration = null)
    {
        var setBySource = new ShareSet?[_sourceSlotCount];
        var sets = new ShareSet[_cellKeys.Count];
        for (var c = 0; c < sets.Length; c++)
        {
            var (_, code, selection, sourceSlot) = _cellKeys[c];
            sets[c] = setBySource[sourceSlot] ??= _plan.For(code, selection);
        }
        IReadOnlyDictionary<ShareSet, double[]>? calibrated = null;
        Calibration.CalibrationReport? calibrationReport = null;
        if (calibration is not null)
        {
            var column = calibration.Column is null
                ? Array.FindIndex(_values, v => v.IsCount)
                : Array.FindIndex(_values, v => v.IsCount && v.Name == calibration.Column);
            if (column < 0) throw new ArgumentException($"calibration column '{calibration.Column}' is not a declared count column", nameof(calibration));
            var totals = new Dictionary<ShareSet, double>();
            for (var c = 0; c < sets.Length; c++)
                totals[sets[c]] = totals.GetValueOrDefault(sets[c]) + _acc[c * _width + _slotOf[column]];
            (calibrated, calibrationReport) = Calibration.Calibrator.Calibrate(
                totals.Select(kv => new Calibration.CalibrationRow(kv.Key, kv.Value)).ToArray(), _plan.Targets, calibration, _values[column].Name);
        }

        var counts = Enumerable.Range(0, _values.Length).Where(i => _values[i].IsCount).ToArray();
        var interval = _options.Interval;
        var output = new LongIndexMap(Math.Max(1024, _cellKeys.Count * 2));
        var cellTuples = new List<(int Tuple, int Slot)>();
        var sums = new double[Math.Max(1024, _cellKeys.Count * 2 * _width)];
        var spread = interval is null ? [] : new double[Math.Max(1024, _cellKeys.Count * 2 * counts.Length * 2)];
        var fallback = new List<bool>();
        var audit = new List<AuditEntry>();
        var outTotals = new double[_values.Length];

        for (var c = 0; c < _cellKeys.Count; c++)
        {
            var (tuple, code, _, _) = _cellKeys[c];
            var set = sets[c];
            var calibratedWeights = calibrated?[set];
            var offset = c * _width;
            for (var t = 0; t < set.Targets.Length; t++)
            {
                var share = calibratedWeights is null ? set.Targets[t] : set.Targets[t] with { Weight = calibratedWeights[t] };
                var o = output.GetOrAdd(((long)tuple << 16) | (uint)share.Slot, out var added);
                if (added)
                {
                    cellTuples.Add((tuple, share.Slot));
                    fallback.Add(false);
                    if ((o + 1) * _width > sums.Length) Array.Resize(ref sums, sums.Length * 2);
                    if (interval is not null && (o + 1) * counts.Length * 2 > spread.Length) Array.Resize(ref spread, spread.Length * 2);
                }
                var outOffset = o * _width;
                for (var k = 0; k < _width; k++) sums[outOffset + k] += _acc[offset + k] * share.Weight;
                if (interval is not null)
                {
                    // Per count: the posterior variance and the total of the contributing sources.
                    var shareVariance = set.Variance(share);
                    for (var k = 0; k < counts.Length; k++)
                    {
                        var x = _acc[offset + _slotOf[counts[k]]];
                        spread[(o * counts.Length + k) * 2] += x * x * shareVariance;
                        spread[(o * counts.Length + k) * 2 + 1] += x;
                    }
                }
                if (set.IsFallback) fallback[o] = true;
                if (_options.Audit)
                {
                    var contributions = new double[_values.Length];
                    for (var i = 0; i < _values.Length; i++)
                        contributions[i] = _values[i].IsCount ? _acc[offset + _slotOf[i]] * share.Weight : double.NaN;
                    audit.Add(new AuditEntry(tuple, share.Slot, code.ToString(), set.Used, set.FallbackReason, share.Weight, share.Joint, set.SampleTotal, set.SourceBase, contributions));
                }
            }
        }

        // Deterministic order: dimension tuples by their values, then target codes; ranks make it an integer sort.
        var targets = _plan.Targets;
        var tupleRank = Ranks(Dimensions.Count, Dimensions.CompareTuples);
        var targetRank = Ranks(targets.Count, (a, b) => string.CompareOrdinal(targets[a], targets[b]));
        var order = new long[cellTuples.Count];
        var positions = new int[cellTuples.Count];
        for (var o = 0; o < order.Length; o++)
        {
            order[o] = ((long)tupleRank[cellTuples[o].Tuple] << 16) | (uint)targetRank[cellTuples[o].Slot];
            positions[o] = o;
        }
        Array.Sort(order, positions);

        var cells = new List<OutputCell>(cellTuples.Count);
        foreach (var o in positions)
        {
            var values = new double[_values.Length];
            for (var i = 0; i < _values.Length; i++)
            {
                var s = o * _width + _slotOf[i];
                if (_values[i].IsCount)
                {
                    values[i] = sums[s];
                    outTotals[i] += sums[s];
                }
                else
                {
                    values[i] = sums[s + 1] > 0 ? sums[s] / sums[s + 1] : double.NaN;
                }
            }
            double[]? lower = null, upper = null;
            if (interval is { } p)
            {
                lower = new double[counts.Length];
                upper = new double[counts.Length];
                for (var k = 0; k < counts.Length; k++)
                    (lower[k], upper[k]) = Interval(values[counts[k]], spread[(o * counts.Length + k) * 2], spread[(o * counts.Length + k) * 2 + 1], p);
            }
            cells.Add(new OutputCell(cellTuples[o].Tuple, cellTuples[o].Slot, values, lower, upper, fallback[o]));
        }

        audit.Sort((a, b) =>
        {
            var r = tupleRank[a.Tuple].CompareTo(tupleRank[b.Tuple]);
            if (r == 0) r = targetRank[a.TargetSlot].CompareTo(targetRank[b.TargetSlot]);
            return r != 0 ? r : string.CompareOrdinal(a.SourceCode, b.SourceCode);
        });

        var columns = counts.Select(i => new ColumnReconciliation(_values[i].Name, _in[i], outTotals[i], _rejected[i], _withoutValue[i])).ToArray();
        var reconciliation = new RunReconciliation(_rowsRead, _rowsRead - _rowsRejected, _rowsRejected, _valueProblems, columns);
        return new ApportionResult(Dimensions, targets, cells, reconciliation,
            _plan.Sets.OrderBy(s => s.Source).ThenBy(s => s.Requested.ToString(), StringComparer.Ordinal).ToArray(), audit, calibrationReport);
    }

    private static int[] Ranks(int count, Comparison<int> compare)
    {
        var ids = Enumerable.Range(0, count).ToArray();
        Array.Sort(ids, compare);
        var rank = new int[count];
        for (var r = 0; r < ids.Length; r++) rank[ids[r]] = r;
        return rank;
    }

    /// <summary>
    /// Central interval of an apportioned count. Each source group's shares follow a Dirichlet posterior
    /// with its joint sample counts as parameters, so the count's mean and variance are exact; the
    /// interval is that of a Beta distribution on [0, total of the contributing sources] with the same
    /// mean and variance — exact when one source feeds the cell, a close fit otherwise.
    /// </summary>
    internal static (double Lower, double Upper) Interval(double point, double variance, double maximum, double probability)
    {
        if (variance <= 0 || maximum <= 0) return (point, point);
        var m = Math.Clamp(point / maximum, 1e-15, 1 - 1e-15);
        var v = variance / (maximum * maximum);
        var kappa = m * (1 - m) / v - 1;
        if (kappa <= 0) return (0, maximum);
        var tail = (1 - probability) / 2;
        var lo = maximum * Beta.InvCDF(m * kappa, (1 - m) * kappa, tail);
        var hi = maximum * Beta.InvCDF(m * kappa, (1 - m) * kappa, 1 - tail);
        return (Math.Min(lo, point), Math.Max(hi, point));
    }
}
