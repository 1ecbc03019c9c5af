using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocBridge.Apportion.Estimation;
using SocBridge.Core.Classification;

namespace SocBridge.Tests.Estimation;

/// <summary>A random raking problem described without codes: pairs (row, column, prior), rows, set per column, targets per set.</summary>
public sealed record RandomTable(int Rows, int Columns, (int Row, int Column, double Prior)[] Pairs, double[] RowTotals, int[] SetOfColumn, double[] Targets, double Gamma)
{
    public override string ToString() =>
        $"rows {string.Join(",", RowTotals)}; pairs {string.Join(" ", Pairs.Select(p => $"{p.Row}>{p.Column}:{p.Prior:G3}"))}; sets {string.Join(",", SetOfColumn)}; targets {string.Join(",", Targets)}; γ {Gamma}";

    internal (SupportTable Support, RakingProblem Problem, Func<int, int, double> Weight) Build(int[] rowOrder, int[] columnOrder)
    {
        // Logical row k gets the code of position rowOrder[k]: another order of codes is another internal order.
        SocCode RowCode(int k) => SocCode.Parse((1111 + rowOrder[k]).ToString(), SocVersion.Soc2010);
        SocCode ColumnCode(int k) => SocCode.Parse((2111 + columnOrder[k]).ToString(), SocVersion.Soc2020);
        var support = new SupportTable(Pairs.Select(p => (RowCode(p.Row), ColumnCode(p.Column), p.Prior)));
        var rows = new double[Rows];
        for (var k = 0; k < Rows; k++) rows[support.RowIndex[RowCode(k)]] = RowTotals[k];
        var sets = new int[Columns];
        for (var k = 0; k < Columns; k++) sets[support.ColumnIndex[ColumnCode(k)]] = SetOfColumn[k];
        var problem = new RakingProblem(support, rows, sets, Targets);
        double Weight(int row, int column)
        {
            var r = support.RowIndex[RowCode(row)];
            for (var p = support.RowStart[r]; p < support.RowStart[r + 1]; p++)
                if (support.Columns[support.PairColumn[p]] == ColumnCode(column)) return p;
            return -1;
        }
        return (support, problem, (row, column) => Weight(row, column));
    }
}

public static class RakingArbs
{
    public static Arbitrary<RandomTable> Tables() =>
        Gen.Choose(0, int.MaxValue).Select(Make).ToArbitrary();

    private static RandomTable Make(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(1, 7);
        var columns = random.Next(1, 7);
        var pairs = new List<(int, int, double)>();
        var used = new bool[columns];
        for (var r = 0; r < rows; r++)
        {
            var any = false;
            for (var c = 0; c < columns; c++)
                if (random.NextDouble() < 0.45 || (!any && c == columns - 1))
                {
                    pairs.Add((r, c, 0.05 + random.NextDouble()));
                    any = used[c] = true;
                }
        }
        // Every column needs a pair.
        for (var c = 0; c < columns; c++) if (!used[c]) pairs.Add((random.Next(rows), c, 0.05 + random.NextDouble()));
        pairs = [.. pairs.Distinct()];
        var rowTotals = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.15 ? 0 : Math.Round(random.NextDouble() * 1000, 1)).ToArray();
        var setCount = random.Next(1, columns + 1);
        var setOf = Enumerable.Range(0, columns).Select(_ => random.NextDouble() < 0.2 ? -1 : random.Next(setCount)).ToArray();
        var targets = Enumerable.Range(0, setCount).Select(_ => random.NextDouble() < 0.1 ? 0 : Math.Round(random.NextDouble() * 1000, 1)).ToArray();
        var gamma = new[] { 0.1, 0.5, 0.8, 0.9, 0.95 }[random.Next(5)];
        return new RandomTable(rows, columns, [.. pairs], rowTotals, setOf, targets, gamma);
    }
}

[Properties(Arbitrary = [typeof(RakingArbs)], MaxTest = 200)]
public class SoftRakingProperties
{
    private static int[] Identity(int n) => [.. Enumerable.Range(0, n)];

    [Property]
    public Property Every_row_keeps_its_total(RandomTable table)
    {
        var (support, problem, _) = table.Build(Identity(table.Rows), Identity(table.Columns));
        var outcome = SoftRaking.Run(problem, table.Gamma, 1e-11, 20_000);
        var ok = Enumerable.Range(0, support.Rows.Length).All(r =>
        {
            var sum = 0.0;
            for (var p = support.RowStart[r]; p < support.RowStart[r + 1]; p++) sum += outcome.Cells[p];
            return Math.Abs(sum - problem.Rows[r]) <= 1e-9 * Math.Max(1, problem.Rows[r]);
        });
        return ok.Label(table.ToString());
    }

    [Property]
    public Property Gamma_towards_zero_returns_the_prior(RandomTable table)
    {
        // A zero target is a hard zero at any γ > 0 (KL(s‖0) is infinite unless s = 0), so the limit is taken with positive targets.
        table = table with { Targets = [.. table.Targets.Select(t => Math.Max(t, 1))] };
        var (support, problem, _) = table.Build(Identity(table.Rows), Identity(table.Columns));
        bool Near(double gamma, double tolerance)
        {
            var outcome = SoftRaking.Run(problem, gamma, 1e-13, 20_000);
            return Enumerable.Range(0, support.PairCount).All(p =>
            {
                var x = problem.Rows[support.PairRow[p]];
                return x <= 0 || Math.Abs(outcome.Cells[p] / x - support.Prior[p]) <= tolerance;
            });
        }
        return (Near(0, 1e-12) && Near(1e-9, 1e-6)).Label(table.ToString());
    }

    [Property]
    public Property Results_do_not_depend_on_the_order_of_rows_and_columns(RandomTable table, int seed)
    {
        var random = new Random(seed);
        var rowOrder = Identity(table.Rows).OrderBy(_ => random.Next()).ToArray();
        var columnOrder = Identity(table.Columns).OrderBy(_ => random.Next()).ToArray();
        var (_, plain, plainPair) = table.Build(Identity(table.Rows), Identity(table.Columns));
        var (_, shuffled, shuffledPair) = table.Build(rowOrder, columnOrder);
        var a = SoftRaking.Run(plain, table.Gamma, 1e-12, 50_000);
        var b = SoftRaking.Run(shuffled, table.Gamma, 1e-12, 50_000);
        var ok = table.Pairs.All(p => Math.Abs(a.Cells[(int)plainPair(p.Row, p.Column)] - b.Cells[(int)shuffledPair(p.Row, p.Column)]) <= 1e-7 * Math.Max(1, table.RowTotals[p.Row]));
        return ok.Label($"{table} rows {string.Join(",", rowOrder)} columns {string.Join(",", columnOrder)}");
    }

    [Property]
    public Property A_one_to_one_family_passes_through_unchanged(RandomTable table, PositiveInt total, NonNegativeInt target)
    {
        // Row and column number 6 exist only in this pair, with its own set and any target.
        var extended = table with
        {
            Rows = table.Rows + 1,
            Columns = table.Columns + 1,
            Pairs = [.. table.Pairs, (table.Rows, table.Columns, 0.3)],
            RowTotals = [.. table.RowTotals, total.Get],
            SetOfColumn = [.. table.SetOfColumn, table.Targets.Length],
            Targets = [.. table.Targets, target.Get],
        };
        var (_, problem, pair) = extended.Build(Identity(extended.Rows), Identity(extended.Columns));
        var outcome = SoftRaking.Run(problem, extended.Gamma, 1e-11, 20_000);
        var cell = outcome.Cells[(int)pair(table.Rows, table.Columns)];
        return (cell == total.Get).Label($"{extended} cell {cell}");
    }
}
