using SocBridge.Apportion.Model;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Engine;

/// <summary>One row of an in-memory series: dimension values (in the order of the dimension columns), the code and the raw value texts.</summary>
public sealed record SeriesRow(IReadOnlyList<string> Dimensions, string Code, IReadOnlyList<string?> Values, long Line = 0);

/// <summary>The translated series and everything that could not be used.</summary>
public sealed record SeriesOutcome(ApportionResult Result, IReadOnlyList<RejectRecord> Rejects);

/// <summary>Translates an in-memory series: the library entry point for callers that do not stream CSV (such as the HTTP API).</summary>
public static class SeriesApportioner
{
    /// <summary>
    /// Apportions <paramref name="rows"/>. When <see cref="ApportionOptions.SexColumn"/> is set it must be
    /// one of <paramref name="dimensionColumns"/>. Values are parsed like CSV cells (markers such as x or : are not values).
    /// </summary>
    public static SeriesOutcome Apportion(SocRelease release, ApportionOptions options, IReadOnlyList<string> dimensionColumns, IEnumerable<SeriesRow> rows)
    {
        var sexIndex = -1;
        if (options.SexColumn is { } sexColumn)
        {
            sexIndex = dimensionColumns.ToList().IndexOf(sexColumn);
            if (sexIndex < 0) throw new ArgumentException($"the sex column '{sexColumn}' is not one of the dimension columns", nameof(dimensionColumns));
        }
        var engine = new Apportioner(release, options, dimensionColumns);
        var rejects = new RejectList();
        var n = options.Values.Count;
        var values = new double[n];
        var statuses = new CellStatus[n];
        var ids = new int[dimensionColumns.Count];
        long line = 0;
        foreach (var row in rows)
        {
            line = row.Line > 0 ? row.Line : line + 1;
            var current = new MemoryRow(row, dimensionColumns.Count, line);
            for (var v = 0; v < n; v++)
                statuses[v] = v < row.Values.Count
                    ? ValueParser.Parse(row.Values[v] ?? "", options.Values[v].IsNonNegative, out values[v])
                    : CellStatus.Missing;
            if (row.Dimensions.Count != dimensionColumns.Count || row.Values.Count != n)
            {
                engine.RejectRow(line, $"the row has {row.Dimensions.Count} dimension values and {row.Values.Count} values; expected {dimensionColumns.Count} and {n}",
                    values, statuses, current, rejects);
                continue;
            }
            for (var d = 0; d < ids.Length; d++) ids[d] = engine.Dimensions.ValueId(d, row.Dimensions[d]);
            engine.Add(line, engine.Dimensions.TupleId(ids), row.Code, sexIndex >= 0 ? row.Dimensions[sexIndex] : "", values, statuses, current, rejects);
        }
        return new SeriesOutcome(engine.Finish(), rejects.Records);
    }

    private sealed class MemoryRow(SeriesRow row, int dimensionCount, long line) : ICurrentRow
    {
        public long Record => line;

        public IReadOnlyList<string> Fields() => [.. row.Dimensions.Take(dimensionCount), row.Code, .. row.Values.Select(v => v ?? "")];

        public string RawValue(int valueIndex) => valueIndex < row.Values.Count ? row.Values[valueIndex] ?? "" : "";
    }
}
