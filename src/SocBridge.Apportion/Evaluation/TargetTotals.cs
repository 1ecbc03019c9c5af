using SocBridge.Apportion.Engine;

namespace SocBridge.Apportion.Evaluation;

/// <summary>Totals of one value column of an apportionment result by target code, over the cells of chosen dimension values.</summary>
public static class TargetTotals
{
    /// <summary>
    /// Sums value column <paramref name="valueIndex"/> of the cells whose dimensions equal every (column, value) of
    /// <paramref name="where"/>, by target code.
    /// </summary>
    /// <exception cref="ArgumentException">A column of <paramref name="where"/> is not a dimension of the result.</exception>
    public static IReadOnlyDictionary<string, double> Of(ApportionResult result, IReadOnlyDictionary<string, string> where, int valueIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentOutOfRangeException.ThrowIfNegative(valueIndex);
        var dimensions = result.Dimensions;
        var columns = dimensions.Columns.ToList();
        var filters = where.Select(kv =>
        {
            var column = columns.IndexOf(kv.Key);
            if (column < 0) throw new ArgumentException($"'{kv.Key}' is not a dimension of the result ({string.Join(", ", columns)})", nameof(where));
            return (column, kv.Value);
        }).ToArray();
        return result.Cells
            .Where(c => filters.All(f => dimensions.TupleValue(c.Tuple, f.column) == f.Value))
            .GroupBy(c => result.TargetCodes[c.TargetSlot])
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Values[valueIndex]))
            .AsReadOnly();
    }
}
