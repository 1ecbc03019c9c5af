using System.Globalization;
using System.Text.Json;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Estimation;

[Collection(ReleaseCollection.Name)]
public class ApportionWithEstimatorTests(ReleaseFixture fixture)
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Samples, name);

    private static string[] Series(string output, params string[] more) =>
    [
        "apportion", "--in", Sample("ashe_2021_soc2010.csv"), "--out", output, "--code-column", "soc2010", "--count", "jobs_thousands",
        "--median", "median=jobs_thousands", "--dimensions", "sex,pay_period,level", .. more,
    ];

    private static readonly string[] Fit =
    [
        "--series-year", "2021", "--fill-suppressed", "--margins", Sample("ashe_2022_soc2020.csv"), "--margins", Sample("ashe_2023_soc2020.csv"),
        "--margins", Sample("ashe_2024_soc2020.csv"),
    ];

    [Fact]
    public void Fitting_in_the_run_equals_applying_a_folder_fitted_before_and_conserves_every_total()
    {
        _ = fixture;
        using var dir = new TempDirectory();
        var inRun = CliRunner.Invoke(Series(dir.File("in-run.csv"), ["--estimator", "calibrated", "--fit-where", "sex=all", "--fit-where", "pay_period=weekly", .. Fit]));
        Assert.True(inRun.Exit == 0, inRun.Error);
        var fitted = CliRunner.Invoke(["weights", "fit", "--series", Sample("ashe_2021_soc2010.csv"), "--count", "jobs_thousands", "--code-column", "soc2010",
            "--where", "sex=all", "--where", "pay_period=weekly", .. Fit, "--out", dir.File("weights")]);
        Assert.True(fitted.Exit == 0, fitted.Error);
        var applied = CliRunner.Invoke(Series(dir.File("applied.csv"), "--estimator", "calibrated", "--weights-from", dir.File("weights")));
        Assert.True(applied.Exit == 0, applied.Error);
        Assert.Equal(File.ReadAllText(dir.File("in-run.csv")), File.ReadAllText(dir.File("applied.csv")));

        using var meta = JsonDocument.Parse(File.ReadAllText(dir.File("in-run.meta.json")));
        var estimator = meta.RootElement.GetProperty("estimator");
        Assert.Equal("calibrated", estimator.GetProperty("name").GetString());
        Assert.True(estimator.GetProperty("converged").GetBoolean());
        Assert.Equal(3, estimator.GetProperty("margins").GetArrayLength());
        var column = meta.RootElement.GetProperty("reconciliation").GetProperty("columns")[0];
        Assert.Equal(column.GetProperty("in").GetDouble(), column.GetProperty("out").GetDouble() + column.GetProperty("rejected").GetDouble(), 6);
        Assert.True(column.GetProperty("balances").GetBoolean());
        // Every support pair is in the weight-moves file, and each source's fitted weights sum to one.
        var moves = File.ReadAllLines(dir.File("in-run.weight-moves.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(714, moves.Length);
        foreach (var source in moves.GroupBy(m => m[0]))
            Assert.Equal(1, source.Sum(m => double.Parse(m[5], CultureInfo.InvariantCulture)), 9);
    }

    [Fact]
    public void The_calibrated_weights_differ_from_the_ONS_weights_and_going_back_is_refused()
    {
        using var dir = new TempDirectory();
        var ons = CliRunner.Invoke(Series(dir.File("ons.csv")));
        var calibrated = CliRunner.Invoke(Series(dir.File("cal.csv"), ["--estimator", "calibrated", "--fit-where", "sex=all", "--fit-where", "pay_period=weekly", .. Fit]));
        Assert.True(ons.Exit == 0 && calibrated.Exit == 0, ons.Error + calibrated.Error);
        Assert.NotEqual(File.ReadAllText(dir.File("ons.csv")), File.ReadAllText(dir.File("cal.csv")));
        var back = CliRunner.Invoke("apportion", "--in", Sample("ashe_2022_soc2020.csv"), "--out", dir.File("back.csv"), "--from", "2020", "--code-column", "soc2020",
            "--count", "jobs_thousands", "--estimator", "calibrated", "--margins", Sample("ashe_2023_soc2020.csv"));
        Assert.Equal(1, back.Exit);
        Assert.Contains("SOC2010 to SOC2020", back.Error);
        Assert.False(File.Exists(dir.File("back.csv")));
    }
}
