using SocBridge.Apportion.Model;
using SocBridge.Apportion.Weights;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Engine;

/// <summary>Rows of an in-memory series in columns: interned dimension tuples, codes, optional sexes, and one array per value column (NaN for no value).</summary>
public sealed record SeriesColumns(int[] Tuples, SocCode[] Codes, SexSet[]? Sexes, IReadOnlyList<double[]> Values);

/// <summary>
/// Translates a series between SOC editions: out(j, dims) = Σi x(i, dims)·w(i→j) for counts, and the
/// weighted average Σ m·n·w / Σ n·w for means and medians. Rows are first summed by (dimensions,
/// source code, sex), which is exact because the translation is linear, so memory grows with the
/// number of distinct cells, never with the number of rows.
/// <para>
/// Rows go into parts: the run's own part (<see cref="Add"/>, <see cref="AddTrusted"/>), parts made with
/// <see cref="NewPart"/> for readers on other threads, and the parts <see cref="AddColumns"/> fills in
/// parallel. <see cref="Finish"/> combines them. Counts summed in a different grouping can differ in
/// the last bits; a run with the same input and the same parts always gives the same output.
/// </para>
/// </summary>
public sealed class Apportioner
{
    private readonly SocRelease _release;
    private readonly SocHierarchy _hierarchy;
    private readonly SourceSlots _slots;
    private readonly ValueLayout _layout;
    private readonly SeriesPart _main;
    private readonly List<SeriesPart> _parts = [];
    private SeriesPart[] _columnParts = [];

    /// <summary>An engine for one translation with these options; rows are interned on <paramref name="dimensionColumns"/>.</summary>
    /// <exception cref="ArgumentException">The options are not valid (every problem listed).</exception>
    public Apportioner(SocRelease release, ApportionOptions options, IReadOnlyList<string> dimensionColumns)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _release = release;
        Options = options;
        _hierarchy = release.Hierarchy(options.From);
        _slots = new SourceSlots(_hierarchy);
        _layout = new ValueLayout(options.Values);
        _main = new SeriesPart(options, _hierarchy, _slots, _layout, new DimensionTable(dimensionColumns), checksDuplicates: true);
        _parts.Add(_main);
    }

    /// <summary>The run's dimension values and tuples; the tuple ids of <see cref="AddTrusted"/> and <see cref="AddColumns"/> come from here.</summary>
    public DimensionTable Dimensions => _main.Dimensions;

    /// <summary>Whether every part's rows came grouped by dimension tuple (each tuple in one run of consecutive rows).</summary>
    internal bool RowsCameGrouped => _parts.All(p => p.TupleRuns <= p.Dimensions.Count);

    /// <summary>The run's own part, the one <see cref="Add"/> fills: give it to the reader of the top of the input.</summary>
    internal SeriesPart MainPart => _main;

    /// <summary>The value columns, in the order rows give their values.</summary>
    public IReadOnlyList<ValueColumn> Values => _layout.Values;

    /// <summary>The options of the translation.</summary>
    public ApportionOptions Options { get; }

    /// <inheritdoc cref="SeriesPart.Add"/>
    internal void Add(long line, int tuple, ReadOnlySpan<char> code, ReadOnlySpan<char> sex,
        ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects) =>
        _main.Add(line, tuple, code, sex, values, statuses, row, rejects);

    /// <inheritdoc cref="SeriesPart.RejectRow"/>
    internal void RejectRow(long line, string reason, ReadOnlySpan<double> values, ReadOnlySpan<CellStatus> statuses, ICurrentRow row, IRejectSink rejects) =>
        _main.RejectRow(line, reason, values, statuses, row, rejects);

    /// <inheritdoc cref="SeriesPart.AddTrusted"/>
    public void AddTrusted(int tuple, SocCode code, SexSet? sex, ReadOnlySpan<double> values) => _main.AddTrusted(tuple, code, sex, values);

    /// <summary>
    /// A part with dimension tables of its own, for a reader on another thread. Parts are combined in the
    /// order they were made (after the run's own part), so make them in input order: the first row of a
    /// repeated cell is then the one kept.
    /// </summary>
    internal SeriesPart NewPart()
    {
        var part = new SeriesPart(Options, _hierarchy, _slots, _layout, new DimensionTable(Dimensions.Columns), checksDuplicates: true);
        _parts.Add(part);
        return part;
    }

    /// <summary>
    /// Adds trusted rows held in columns (codes of the source edition, tuple ids from <see cref="Dimensions"/>,
    /// counts finite and non-negative), summing repeated cells. The rows are split between threads by
    /// dimension tuple, so every cell is summed on one thread in row order and the result does not depend
    /// on the number of threads.
    /// </summary>
    public void AddColumns(SeriesColumns columns)
    {
        var rows = columns.Tuples.Length;
        if (columns.Codes.Length != rows || columns.Sexes is { } s && s.Length != rows || columns.Values.Count != _layout.Values.Length
            || columns.Values.Any(v => v.Length != rows))
            throw new ArgumentException($"every column must have {rows} rows, and there must be one value array per value column ({_layout.Values.Length})", nameof(columns));
        foreach (var code in columns.Codes)
            if (code.Version != Options.From || !_hierarchy.Contains(code))
                throw new ArgumentException($"{code.ToQualifiedString()} is not a group of SOC{Options.From.Year()}", nameof(columns));
        if (_columnParts.Length == 0)
        {
            var count = Math.Max(1, Options.Threads ?? Environment.ProcessorCount);
            // Sized for the first batch, within reason: a table that never grows is never rehashed.
            var capacity = Math.Clamp(rows / count, 1 << 10, 1 << 20);
            _columnParts = [.. Enumerable.Range(0, count)
                .Select(_ => new SeriesPart(Options, _hierarchy, _slots, _layout, Dimensions, checksDuplicates: false, capacity))];
            _parts.AddRange(_columnParts);
        }
        var parts = _columnParts;
        var oneCount = _layout.Values.Length == 1 && _layout.Values[0].IsCount;
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = parts.Length }, p =>
        {
            if (oneCount)
            {
                parts[p].AddTrustedCounts(columns.Tuples, columns.Codes, columns.Sexes, columns.Values[0], parts.Length, p);
                return;
            }
            var values = new double[_layout.Values.Length];
            for (var r = 0; r < rows; r++)
            {
                if (columns.Tuples[r] % parts.Length != p) continue;
                for (var v = 0; v < values.Length; v++) values[v] = columns.Values[v][r];
                parts[p].AddTrusted(columns.Tuples[r], columns.Codes[r], columns.Sexes?[r], values);
            }
        });
    }

    /// <summary>Shares every summed input cell out over its targets and returns the translated series.</summary>
    public ApportionResult Finish(Calibration.CalibrationOptions? calibration = null) =>
        ShareOut.Run(Options, _layout, _slots, new SharePlan(_release.Crosswalk, Options), _parts, calibration);
}
