using SocBridge.Apportion.Engine;

namespace SocBridge.Apportion.Evaluation;

/// <summary>How far an identity between shared columns (total = sum of parts) is from holding in a translated series.</summary>
public sealed record IdentityCheck(string Total, IReadOnlyList<string> Parts, int Rows, double LargestDifference, double LargestRelativeDifference)
{
    /// <summary>Holds in every row within 1e-9 of the row's largest magnitude (rounding of sums only).</summary>
    public bool Holds => LargestRelativeDifference <= 1e-9;
}

/// <summary>Checks that linear identities of the input (total requirement = expansion + replacement) survive translation row by row.</summary>
public static class FlowIdentity
{
    /// <summary>Compares column <paramref name="total"/> with the sum of <paramref name="parts"/> in every output row of <paramref name="result"/>.</summary>
    public static IdentityCheck Check(ApportionResult result, IReadOnlyList<string> valueColumns, string total, IReadOnlyList<string> parts)
    {
        int Index(string name) => valueColumns.ToList().IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException($"'{name}' is not a value column of the run", nameof(valueColumns));
        var t = Index(total);
        var p = parts.Select(Index).ToArray();
        double largest = 0, relative = 0;
        var cells = result.Cells;
        for (var r = 0; r < cells.Count; r++)
        {
            var sum = p.Sum(i => cells.Value(r, i));
            var difference = Math.Abs(cells.Value(r, t) - sum);
            var scale = Math.Max(1, p.Select(i => Math.Abs(cells.Value(r, i))).Append(Math.Abs(cells.Value(r, t))).Max());
            largest = Math.Max(largest, difference);
            relative = Math.Max(relative, difference / scale);
        }
        return new IdentityCheck(total, parts, cells.Count, largest, relative);
    }
}
