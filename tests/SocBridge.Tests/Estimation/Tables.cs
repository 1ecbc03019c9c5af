using SocBridge.Apportion.Estimation;
using SocBridge.Core.Classification;

namespace SocBridge.Tests.Estimation;

/// <summary>Small hand-made supports: SOC2010 codes as rows, SOC2020 codes as columns.</summary>
internal static class Tables
{
    public static SocCode R(string code) => SocCode.Parse(code, SocVersion.Soc2010);

    public static SocCode C(string code) => SocCode.Parse(code, SocVersion.Soc2020);

    public static SupportTable Table(params (string Row, string Column, double Prior)[] pairs) =>
        new(pairs.Select(p => (R(p.Row), C(p.Column), p.Prior)));

    public static double Weight(SupportTable support, double[] cells, double[] rows, string row, string column)
    {
        var r = support.RowIndex[R(row)];
        for (var p = support.RowStart[r]; p < support.RowStart[r + 1]; p++)
            if (support.Columns[support.PairColumn[p]] == C(column)) return cells[p] / rows[r];
        throw new ArgumentException($"no pair {row} → {column}");
    }
}
