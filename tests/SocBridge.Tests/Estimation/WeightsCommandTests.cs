using SocBridge.Apportion.Estimation;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Estimation;

[Collection(ReleaseCollection.Name)]
public class WeightsCommandTests(ReleaseFixture fixture)
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Samples, name);

    private static string[] Inputs(params string[] more) =>
    [
        "--series", Sample("ashe_2021_soc2010.csv"), "--margins", Sample("ashe_2022_soc2020.csv"), "--margins", Sample("ashe_2023_soc2020.csv") + ":2023",
        "--series-year", "2021", "--count", "jobs_thousands", "--code-column", "soc2010", "--where", "sex=all", "--where", "pay_period=weekly", "--fill-suppressed", .. more,
    ];

    [Fact]
    public void Fit_writes_a_folder_that_loads_and_prints_the_audit()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Invoke(["weights", "fit", .. Inputs("--out", dir.Path)]);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("converged after", run.Out);
        Assert.Contains("share of the series reallocated", run.Out);
        var loaded = FittedWeightsFolder.Load(dir.Path, fixture.Release);
        Assert.Equal([2022, 2023], loaded.Manifest.MarginYears.Select(y => y.Year));
        Assert.Equal(3, loaded.Manifest.Inputs.Count);
    }

    [Fact]
    public void A_capped_fit_fails_with_status_5_and_still_records_the_folder()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Invoke(["weights", "fit", .. Inputs("--out", dir.Path, "--max-passes", "3")]);
        Assert.Equal(5, run.Exit);
        Assert.Contains("NOT converged", run.Error);
        Assert.False(FittedWeightsFolder.Load(dir.Path, fixture.Release).Manifest.Fit.Converged);
    }

    [Fact]
    public void Bad_input_names_the_file_line_column_and_value()
    {
        using var dir = new TempDirectory();
        var series = dir.Write("series.csv", "soc2010,jobs\n1115,10\n1116,lots\n");
        var run = CliRunner.Invoke("weights", "fit", "--series", series, "--margins", Sample("ashe_2022_soc2020.csv"), "--series-year", "2021",
            "--count", "jobs", "--code-column", "soc2010", "--margins-code-column", "soc2020", "--out", dir.File("out"));
        Assert.Equal(4, run.Exit);
        Assert.Contains("series.csv:3, column 'jobs': value 'lots'", run.Error);
    }

    [Fact]
    public void Backtest_prints_the_table_and_the_recommended_values()
    {
        var run = CliRunner.Invoke(["weights", "backtest", .. Inputs("--gammas", "0,0.9,0.95", "--year-decays", "0.5,1", "--format", "json")]);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("\"recommended\"", run.Out);
        Assert.Contains("same-year synthetic", run.Out);
        var strength = CliRunner.Invoke(["weights", "fit", .. Inputs("--out", "unused", "--calibration-strength", "1")]);
        Assert.Equal(1, strength.Exit);
        Assert.Contains("hard raking", strength.Error);
    }
}
