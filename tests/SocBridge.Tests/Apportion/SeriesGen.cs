using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Tests.Apportion;

/// <summary>A random series over real codes of one edition, with the options to translate it.</summary>
public sealed record GeneratedSeries(ApportionOptions Options, IReadOnlyList<string> Dimensions, IReadOnlyList<SeriesRow> Rows)
{
    public override string ToString() =>
        $"{Options.From}→{Options.To} {Options.Selection} sexColumn={Options.SexColumn ?? "-"} toLevel={Options.ToLevel?.ToString() ?? "-"} rows={Rows.Count}: " +
        string.Join("; ", Rows.Take(6).Select(r => $"[{string.Join(",", r.Dimensions)}] {r.Code} = {string.Join("/", r.Values)}"));
}

public static class SeriesGen
{
    public static readonly string[] Regions = ["north", "south", "wales"];
    public static readonly string[] Sexes = ["male", "female", "all"];

    public static Gen<GeneratedSeries> Series(SocRelease release, bool withMeans = true) =>
        from version in Gen.Elements(SocVersions.All.ToArray())
        from level in Gen.Elements(SocLevels.All.ToArray())
        from selection in Gen.Elements(WeightSelection.All.ToArray())
        from bySexColumn in Gen.Elements(true, false)
        from toLevel in Gen.Elements<SocLevel?>(null, SocLevel.Major, SocLevel.SubMajor, SocLevel.Minor, SocLevel.Unit)
        from residual in Gen.Elements(ResidualPolicy.Renormalise, ResidualPolicy.Unallocated)
        from rows in Row(release.Hierarchy(version).AtLevel(level).Select(g => g.Code.ToString()).ToArray(), withMeans).ListOf()
        select new GeneratedSeries(
            new ApportionOptions
            {
                From = version,
                CodeColumn = "code",
                Values = withMeans ? [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")] : [ValueColumn.Count("jobs")],
                Selection = selection,
                SexColumn = bySexColumn ? "sex" : null,
                ToLevel = toLevel,
                Residual = residual,
                SumDuplicates = true,
                Interval = 0.9,
                Audit = true,
            },
            ["region", "sex"],
            rows.ToList());

    private static Gen<SeriesRow> Row(string[] codes, bool withMeans) =>
        from region in Gen.Elements(Regions)
        from sex in Gen.Elements(Sexes)
        from code in Gen.Elements(codes)
        from jobs in Gen.Choose(0, 2_000_000)
        from pay in Gen.Choose(0, 200_000)
        select new SeriesRow([region, sex], code,
            withMeans ? [(jobs / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture), (pay / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture)]
                      : [(jobs / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public static Dictionary<(string Dims, string Target), double[]> ByCell(ApportionResult result) =>
        result.Cells.ToDictionary(c => (string.Join("|", result.Dimensions.Tuple(c.Tuple)), result.TargetCodes[c.TargetSlot]), c => c.Values);

    public static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
