using System.Runtime.CompilerServices;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Sums the rows of one reader by (dimension tuple, source code, weight selection) and keeps that
/// reader's reconciliation counts. A part is used by one thread at a time; a run may have several parts
/// (one per slice of a file, say), which <see cref="Apportioner.Finish"/> combines.
/// </summary>
internal sealed class SeriesPart
{
    private readonly ApportionOptions _options;
    private readonly SocHierarchy _hierarchy;
    private readonly SourceSlots _slots;
    private readonly ValueLayout _layout;
    private readonly Dictionary<string, ResolvedCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SexSet? Sex, string? Error)> _sexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResolvedCode>.AlternateLookup<ReadOnlySpan<char>> _codeLookup;
    private readonly Dictionary<string, (SexSet? Sex, string? Error)>.AlternateLookup<ReadOnlySpan<char>> _sexLookup;
    // Plain codes 1..9999 are resolved by their number: one array read instead of a string hash.
    private readonly ResolvedCode?[] _byNumber = new ResolvedCode?[SourceSlots.CodeNumbers];
    private readonly CodeLabels _labels;

    internal SeriesPart(ApportionOptions options, SocHierarchy hierarchy, SourceSlots slots, ValueLayout layout, DimensionTable dimensions, bool checksDuplicates, int capacity = 1 << 10)
    {
        _options = options;
        _labels = new CodeLabels(hierarchy, options.From);
        _hierarchy = hierarchy;
        _slots = slots;
        _layout = layout;
        Dimensions = dimensions;
        ChecksDuplicates = checksDuplicates;
        // Lines name the first row of a cell in duplicate-key rejects; rows summed on purpose never need them.
        Cells = new CellTable(layout.Width, keepsLines: checksDuplicates && !options.SumDuplicates, capacity);
        In = new double[layout.Values.Length];
        InNegative = new double[layout.Values.Length];
        Rejected = new double[layout.Values.Length];
        RejectedMagnitude = new double[layout.Values.Length];
        WithoutValue = new long[layout.Values.Length];
        _codeLookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _sexLookup = _sexes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The dimension values and tuples this part has seen (its own, or shared with the run).</summary>
    public DimensionTable Dimensions { get; }

    internal CellTable Cells { get; }

    /// <summary>Whether rows of this part that repeat a cell are rejected (unless duplicates are summed on purpose).</summary>
    internal bool ChecksDuplicates { get; }

    internal double[] In { get; }

    /// <summary>The sum of the negative values counted in (flows; rejected negative counts).</summary>
    internal double[] InNegative { get; }

    internal double[] Rejected { get; }

    /// <summary>The sum of the magnitudes of the rejected values, so that rejected losses and gains do not cancel.</summary>
    internal double[] RejectedMagnitude { get; }
    internal long[] WithoutValue { get; }
    internal long RowsRead { get; private set; }

    /// <summary>Runs of consecutive rows with the same dimension tuple: equal to the tuples seen when the rows came grouped.</summary>
    internal long TupleRuns { get; private set; }

    private int _lastTuple = -1;
    internal long RowsRejected { get; private set; }
    internal long ValueProblems { get; private set; }

    /// <summary>Rows whose code is a total label (All occupations, Total, …): kept out of the totals and used as checks.</summary>
    internal List<TotalRow> TotalRows { get; } = [];

    /// <summary>Code labels whose title differs from the release's title for the code, by label text.</summary>
    internal Dictionary<string, LabelMismatch> TitleMismatches { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct code labels (a code followed by a title) that were read by their code.</summary>
    internal HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows given to <see cref="AddTrusted"/> that could not be used, with the reason.</summary>
    internal RejectList TrustedRejects { get; } = new();

    /// <summary>
    /// Adds one parsed row. A bad code or sex rejects the row; a bad value rejects that value only.
    /// <paramref name="values"/> and <paramref name="statuses"/> follow the run's value columns.
    /// </summary>
    public void Add(long line, int tuple, ReadOnlySpan<char> code, ReadOnlySpan<char> sex,
        ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        if (TryPrepare(line, tuple, code, sex, values, statuses, row, rejects, out var key, out var socCode))
            Accumulate(line, key, socCode, values, statuses, row, rejects);
    }

    /// <summary>
    /// The first half of <see cref="Add"/>: counts the row in, resolves its code and sex (rejecting the row
    /// when either is bad) and finds its cell key. A reader may prepare several rows, prefetch their cells
    /// (<see cref="PrefetchCell"/>) and then accumulate them in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool TryPrepare(long line, int tuple, ReadOnlySpan<char> code, ReadOnlySpan<char> sex,
        ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects, out long key, out SocCode socCode)
    {
        key = 0;
        if (tuple != _lastTuple)
        {
            TupleRuns++;
            _lastTuple = tuple;
        }
        var resolved = ResolveCode(code);
        socCode = resolved.Code;
        if (resolved.IsTotal)
        {
            // A total row is not data: it stays out of "total in" and is checked against its data rows.
            TotalRows.Add(new TotalRow(line, tuple, code.ToString(), values.ToArray(), statuses.ToArray()));
            return false;
        }
        RowsRead++;
        CountIn(values, statuses);
        if (resolved.TitleWarning is { } warning && !TitleMismatches.ContainsKey(warning.Label))
            TitleMismatches[warning.Label] = warning with { Line = line };
        if (resolved.Error is { } codeError)
        {
            RejectWholeRow(line, _options.CodeColumn, code.ToString(), codeError, values, statuses, row, rejects);
            return false;
        }
        var selection = _options.Selection;
        if (_options.SexColumn is not null)
        {
            var (s, sexError) = ResolveSex(sex);
            if (sexError is not null)
            {
                RejectWholeRow(line, _options.SexColumn, sex.ToString(), sexError, values, statuses, row, rejects);
                return false;
            }
            selection = selection with { Sex = s!.Value };
        }
        key = CellTable.Key(tuple, _slots.Of(socCode, selection));
        return true;
    }

    internal void PrefetchCell(long key) => Cells.Prefetch(key);

    /// <summary>The second half of <see cref="Add"/>: sums the row's values into its cell, or rejects it as a repeat.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Accumulate(long line, long key, SocCode socCode, ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        var cell = Cells.FindOrAdd(key, line, out var added);
        if (!added && !_options.SumDuplicates)
        {
            RejectWholeRow(line, null, null, DuplicateReason(socCode, Cells.FirstLine(cell)), values, statuses, row, rejects);
            return;
        }
        var layout = _layout;
        for (var i = 0; i < layout.Values.Length; i++)
        {
            var status = statuses[i];
            var column = layout.Values[i];
            if (status != CellStatus.Ok)
            {
                if (status == CellStatus.Negative) CountRejected(i, values[i]);
                else WithoutValue[i]++;
                if (status != CellStatus.Missing || column.IsShared)
                {
                    ValueProblems++;
                    rejects.Reject(new RejectRecord(line, column.Name, row.RawValue(i), ValueParser.Describe(status, column.Name, column.IsCount), row.Fields()) { Record = row.Record });
                }
                continue;
            }
            if (column.IsShared)
            {
                Cells.Accumulator(cell, layout.SlotOf[i]) += values[i];
                continue;
            }
            if (column.Kind == ValueKind.Attribute)
            {
                Cells.Accumulator(cell, layout.SlotOf[i]) += values[i];
                Cells.Accumulator(cell, layout.SlotOf[i] + 1) += 1;
                continue;
            }
            var w = layout.WeightOf[i];
            if (WeightProblem(column, layout.Values[w], statuses[w], values[w]) is { } problem)
            {
                ValueProblems++;
                rejects.Reject(new RejectRecord(line, column.Name, row.RawValue(i), problem, row.Fields()) { Record = row.Record });
                continue;
            }
            Cells.Accumulator(cell, layout.SlotOf[i]) += values[i] * values[w];
            Cells.Accumulator(cell, layout.SlotOf[i] + 1) += values[w];
        }
    }

    /// <summary>Why a mean or median cannot be weighted by its count in this row, or null when it can.</summary>
    private static string? WeightProblem(ValueColumn column, ValueColumn weight, CellStatus status, double value) =>
        status != CellStatus.Ok
            ? $"'{column.Name}' cannot be weighted: its weighting count '{weight.Name}' has no value in this row"
            : value == 0
                ? $"'{column.Name}' carries no weight: its weighting count '{weight.Name}' is 0 in this row"
                : null;

    internal static string DuplicateReason(SocCode code, long firstLine) =>
        $"duplicate key: the same dimensions and code {code} as line {firstLine} (sum duplicates on purpose with the sum-duplicates option)";

    /// <summary>Rejects a whole row for a reason found outside the engine (such as a wrong number of fields).</summary>
    public void RejectRow(long line, string reason, ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        RowsRead++;
        CountIn(values, statuses);
        RejectWholeRow(line, null, null, reason, values, statuses, row, rejects);
    }

    /// <summary>
    /// Adds a row already known to be valid (codes checked, counts finite and non-negative, NaN for
    /// no value): the in-memory fast path for callers that validated their data. Repeated cells are summed.
    /// </summary>
    /// <remarks>
    /// A code of the other edition or not in the hierarchy rejects the row, and a value that is out of range
    /// (or negative for a count) rejects that value: both are recorded with the reason in
    /// <see cref="ApportionResult.TrustedRejects"/>, numbered by the row's position in this part.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTrusted(int tuple, SocCode code, SexSet? sex, ReadOnlySpan<double> values)
    {
        RowsRead++;
        var layout = _layout;
        if (code.Version != _options.From || !_hierarchy.Contains(code))
        {
            RowsRejected++;
            for (var i = 0; i < layout.Values.Length; i++)
                if (Math.Abs(values[i]) <= ValueParser.MaxMagnitude)
                {
                    CountIn(i, values[i]);
                    CountRejected(i, values[i]);
                }
            var reason = code.Version != _options.From
                ? $"{code.ToQualifiedString()} is a code of another edition; this run translates SOC{_options.From.Year()} codes"
                : $"{code.ToQualifiedString()} is not a group of SOC{_options.From.Year()}";
            TrustedRejects.Reject(new RejectRecord(RowsRead, _options.CodeColumn, code.ToString(), reason, []));
            return;
        }
        var selection = sex is { } s ? _options.Selection with { Sex = s } : _options.Selection;
        var cell = Cells.FindOrAdd(CellTable.Key(tuple, _slots.Of(code, selection)), 0, out _);
        for (var i = 0; i < layout.Values.Length; i++)
        {
            var v = values[i];
            var column = layout.Values[i];
            if (double.IsNaN(v))
            {
                WithoutValue[i]++;
                continue;
            }
            if (!(Math.Abs(v) <= ValueParser.MaxMagnitude) || (column.IsNonNegative && v < 0))
            {
                var status = v < 0 && Math.Abs(v) <= ValueParser.MaxMagnitude ? CellStatus.Negative : CellStatus.OutOfRange;
                if (status == CellStatus.Negative)
                {
                    CountIn(i, v);
                    CountRejected(i, v);
                }
                else WithoutValue[i]++;
                ValueProblems++;
                TrustedRejects.Reject(new RejectRecord(RowsRead, column.Name, CsvNumber(v), ValueParser.Describe(status, column.Name, column.IsCount), []));
                continue;
            }
            CountIn(i, v);
            if (column.IsShared)
            {
                Cells.Accumulator(cell, layout.SlotOf[i]) += v;
            }
            else if (column.Kind == ValueKind.Attribute)
            {
                Cells.Accumulator(cell, layout.SlotOf[i]) += v;
                Cells.Accumulator(cell, layout.SlotOf[i] + 1) += 1;
            }
            else if (values[layout.WeightOf[i]] is var weight && !double.IsNaN(weight) && weight != 0)
            {
                Cells.Accumulator(cell, layout.SlotOf[i]) += v * weight;
                Cells.Accumulator(cell, layout.SlotOf[i] + 1) += weight;
            }
        }
    }

    private static string CsvNumber(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds one count column of trusted rows (one value column runs only): a loop with nothing in it but
    /// the cell lookup and the sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddTrustedCounts(ReadOnlySpan<int> tuples, ReadOnlySpan<SocCode> codes, ReadOnlySpan<SexSet> sexes, ReadOnlySpan<double> counts, int modulus, int remainder)
    {
        const int batch = 16;
        var selection = _options.Selection;
        var bySex = !sexes.IsEmpty;
        double total = 0;
        long rows = 0, withoutValue = 0;
        Span<long> keys = stackalloc long[batch];
        Span<double> pending = stackalloc double[batch];
        var n = 0;
        for (var r = 0; r < tuples.Length; r++)
        {
            var tuple = tuples[r];
            if (tuple % modulus != remainder) continue;
            rows++;
            var v = counts[r];
            if (double.IsNaN(v))
            {
                withoutValue++;
                continue;
            }
            // Cells are prefetched as rows are read and summed a batch later, so lookups overlap.
            var key = CellTable.Key(tuple, _slots.Of(codes[r], bySex ? selection with { Sex = sexes[r] } : selection));
            Cells.Prefetch(key);
            keys[n] = key;
            pending[n++] = v;
            total += v;
            if (n < batch) continue;
            for (var i = 0; i < n; i++) Cells.Accumulator(Cells.FindOrAdd(keys[i], 0, out _), 0) += pending[i];
            n = 0;
        }
        for (var i = 0; i < n; i++) Cells.Accumulator(Cells.FindOrAdd(keys[i], 0, out _), 0) += pending[i];
        RowsRead += rows;
        WithoutValue[0] += withoutValue;
        In[0] += total;
    }

    /// <summary>Sizes the cell table ahead of a large read; more cells are still accepted.</summary>
    public void Reserve(int expectedCells) => Cells.Reserve(expectedCells);

    /// <summary>Resolves a code of the source edition (a plain code or a label such as "11 Corporate managers…"), or says why it cannot be used.</summary>
    private ResolvedCode ResolveCode(ReadOnlySpan<char> text)
    {
        var number = PlainNumber(text);
        if (number > 0 && _byNumber[number] is { } cached) return cached;
        if (_codeLookup.TryGetValue(text, out var known)) return known;
        var result = _labels.Resolve(text);
        if (result.IsLabel && result.Error is null) Labels.Add(text.ToString());
        _codes[text.ToString()] = result;
        if (number > 0) _byNumber[number] = result;
        return result;
    }

    private static int PlainNumber(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 4 || text[0] == '0') return 0;
        var n = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return 0;
            n = n * 10 + (c - '0');
        }
        return n;
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

    /// <summary>Every number in the row counts as input, whether or not the row is used.</summary>
    private void CountIn(ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses)
    {
        for (var i = 0; i < In.Length; i++)
            if (statuses[i] is CellStatus.Ok or CellStatus.Negative) CountIn(i, values[i]);
    }

    /// <summary>Counts one value of column <paramref name="i"/> as input, keeping its negative part apart.</summary>
    private void CountIn(int i, double value)
    {
        In[i] += value;
        if (value < 0) InNegative[i] += value;
    }

    /// <summary>Counts one value of column <paramref name="i"/> as rejected, with its magnitude (so rejected gains and losses do not cancel).</summary>
    private void CountRejected(int i, double value)
    {
        Rejected[i] += value;
        RejectedMagnitude[i] += Math.Abs(value);
    }

    /// <summary>Records a row that is not used at all: its numbers count as rejected, so totals still reconcile.</summary>
    private void RejectWholeRow(long line, string? column, string? value, string reason,
        ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects)
    {
        RowsRejected++;
        for (var i = 0; i < Rejected.Length; i++)
            if (statuses[i] is CellStatus.Ok or CellStatus.Negative) CountRejected(i, values[i]);
        rejects.Reject(new RejectRecord(line, column, value, reason, row.Fields()) { Record = row.Record });
    }
}
