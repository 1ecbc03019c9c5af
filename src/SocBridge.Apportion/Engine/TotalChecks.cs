using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// A total row of the input (All occupations, Total, …) set against the sum of the data rows with the same
/// dimensions, for one shared column. The data sum is what was apportioned (rejected values are not in it).
/// </summary>
public sealed record TotalRowCheck(long Line, string Label, IReadOnlyList<string> Dimensions, string Column, double? Stated, double DataSum)
{
    /// <summary>The relative difference within which a stated total is taken to match (published totals are rounded).</summary>
    public const double Tolerance = 0.005;

    /// <summary>Stated − data sum, or null when the total row has no value in this column.</summary>
    public double? Difference => Stated - DataSum;

    /// <summary>Whether the stated total matches its data rows within <see cref="Tolerance"/> (true when there is nothing to compare).</summary>
    public bool Matches => Stated is not { } stated || Math.Abs(stated - DataSum) <= Tolerance * Math.Max(Math.Abs(stated), 1e-9) || stated == DataSum;
}

/// <summary>Compares the total rows of a run with the sums of their data rows, from the translated output (which conserves them).</summary>
internal static class TotalChecks
{
    public static IReadOnlyList<TotalRowCheck> Check(IReadOnlyList<(SeriesPart Part, TotalRow Row)> totals, ValueLayout layout, DimensionTable dimensions, OutputTable cells)
    {
        if (totals.Count == 0) return [];
        var keys = totals.Select(t => Key(t.Part.Dimensions.Tuple(t.Row.Tuple))).ToHashSet(StringComparer.Ordinal);
        var sums = keys.ToDictionary(k => k, _ => new double[layout.Values.Length], StringComparer.Ordinal);
        var keyOfTuple = new Dictionary<int, double[]?>();
        for (var r = 0; r < cells.Count; r++)
        {
            var tuple = cells.Tuples[r];
            if (!keyOfTuple.TryGetValue(tuple, out var into))
            {
                into = sums.GetValueOrDefault(Key(dimensions.Tuple(tuple)));
                keyOfTuple[tuple] = into;
            }
            if (into is null) continue;
            foreach (var i in layout.Shared) into[i] += cells.Value(r, i);
        }
        var checks = new List<TotalRowCheck>();
        foreach (var (part, row) in totals)
        {
            var dims = part.Dimensions.Tuple(row.Tuple).ToArray();
            var sum = sums[Key(dims)];
            foreach (var i in layout.Shared)
                checks.Add(new TotalRowCheck(row.Line, row.Label, dims, layout.Values[i].Name,
                    row.Statuses[i] == CellStatus.Ok ? row.Values[i] : null, sum[i]));
        }
        return checks;
    }

    private static string Key(IEnumerable<string> values) => string.Join('\u001f', values);
}
