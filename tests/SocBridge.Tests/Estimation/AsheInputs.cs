using SocBridge.Apportion.Estimation;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Estimation;

/// <summary>The committed ASHE samples as estimator inputs: jobs of all employees, weekly table.</summary>
public static class AsheInputs
{
    public static readonly ColumnFilter[] AllWeekly = [new("sex", "all"), new("pay_period", "weekly")];

    public static LeveledCounts Series(SocRelease release, string sex = "all") =>
        LeveledCountsCsv.Read(Path.Combine(RepoPaths.Samples, "ashe_2021_soc2010.csv"), SocVersion.Soc2010, "soc2010", "jobs_thousands",
            [new("sex", sex), new("pay_period", "weekly")], release.Soc2010);

    public static MarginYear Margin(SocRelease release, int year, string sex = "all") =>
        new(year, LeveledCountsCsv.Read(Path.Combine(RepoPaths.Samples, $"ashe_{year}_soc2020.csv"), SocVersion.Soc2020, "soc2020", "jobs_thousands",
            [new("sex", sex), new("pay_period", "weekly")], release.Soc2020), "ASHE");

    public static EstimatorInputs Inputs(SocRelease release, params int[] years) =>
        new(Series(release), 2021, [.. years.Select(y => Margin(release, y))], "ASHE");
}
