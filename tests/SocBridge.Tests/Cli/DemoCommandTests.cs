using System.Text.Json.Nodes;
using SocBridge.Cli.Commands.Demo;
using SocBridge.Core.Release;
using SocBridge.Release.Samples;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Cli;

/// <summary>
/// The demo on a samples folder holding the three SOC2010 series only (the comparisons with the SOC2020 years are
/// skipped when those files are absent): it generates the Working-Futures-style workbook into its output folder,
/// translates it from there, and publishes its files only when every step has passed.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class DemoCommandTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static string WorkbookPath(string output) => Path.Combine(output, DemoCommand.InputsFolder, WorkingFuturesSample.FileName);

    /// <summary>A samples folder with copies of the three SOC2010 series and, optionally, other files.</summary>
    private string Samples(params (string Name, string Content)[] others)
    {
        var folder = Directory.CreateDirectory(_dir.File("samples")).FullName;
        foreach (var name in new[] { DemoCommand.AsheFile, DemoCommand.LfsFile, DemoCommand.ApsFile })
            File.Copy(Path.Combine(RepoPaths.Samples, name), Path.Combine(folder, name));
        foreach (var (name, content) in others) File.WriteAllText(Path.Combine(folder, name), content);
        return folder;
    }

    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(e => Path.GetRelativePath(folder, e)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_demo_writes_the_workbook_into_its_output_folder_and_translates_it_from_there()
    {
        var samples = Samples();
        var output = _dir.File("out");
        var run = CliRunner.Invoke("demo", "--samples", samples, "--out", output);
        Assert.True(run.Exit == 0, run.Error);

        string[] series = ["ashe_2021_soc2020", "lfs_2018_soc2020_by_sic2007", "aps_2017_2021_soc2020_submajor",
            "working_futures_employment_uk_soc2020", "working_futures_replacement_demand_uk_soc2020"];
        string[] expected =
        [
            DemoCommand.InputsFolder, Path.Combine(DemoCommand.InputsFolder, WorkingFuturesSample.FileName),
            "ashe_2021_soc2020.audit.csv", "ashe_2021_soc2020.report.html",
            .. series.SelectMany(s => new[] { s + ".csv", s + ".meta.json", s + ".rejects.csv" }),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Entries(output));

        // The workbook is the one the sample writer makes from the samples folder's APS series.
        var direct = _dir.File(WorkingFuturesSample.FileName);
        WorkingFuturesSample.Write(Path.Combine(samples, DemoCommand.ApsFile), direct, _release.Soc2010);
        var workbook = WorkbookPath(output);
        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(workbook));
        Assert.Contains($"wrote {workbook}", run.Out);

        // Both workbook runs read it, and their metadata name it relative to the output folder, where they are.
        foreach (var (name, sheet) in new[] { (series[3], WorkingFuturesSample.EmploymentSheetUk), (series[4], WorkingFuturesSample.ReplacementSheet) })
        {
            var input = JsonNode.Parse(File.ReadAllText(Path.Combine(output, name + ".meta.json")))!["input"]!;
            Assert.Equal(WorkingFuturesSample.FileName, (string?)input["file"]);
            Assert.Equal($"{DemoCommand.InputsFolder}/{WorkingFuturesSample.FileName} (sheet '{sheet}', header on row 4)", (string?)input["read_as"]);
            Assert.Equal("xlsx", (string?)input["kind"]);
            Assert.Equal(new FileInfo(workbook).Length, (long)input["bytes"]!);
            Assert.True(File.ReadLines(Path.Combine(output, name + ".csv")).Skip(1).Count() == 26, $"{name}.csv has not 26 rows");
        }
        Assert.Contains("identity Total requirement = Expansion demand + Replacement demand: holds in all 26 SOC2020 rows", run.Out);
        // The files are named where they were published, not where they were staged.
        Assert.DoesNotContain(".demo.", run.Out);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_demo_that_fails_after_writing_the_workbook_leaves_the_output_folder_as_it_was(bool existing)
    {
        // ASHE 2022 is read after the workbook and its two runs; a row with a sex the comparison does not know fails it.
        var samples = Samples((DemoCommand.Ashe2022File,
            "soc2020,level,description,sex,pay_period,jobs_thousands,jobs_flag,median,median_flag,mean,mean_flag\n" +
            "1111,4,Chief executives and senior officials,unknown,annual,10,,1,,1,\n"));
        var output = _dir.File("out");
        if (existing)
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "keep.txt"), "earlier");
        }

        var run = CliRunner.Invoke("demo", "--samples", samples, "--out", output);

        Assert.NotEqual(0, run.Exit);
        Assert.Contains(DemoCommand.Ashe2022File, run.Error);
        // The failure came after the workbook was written and translated...
        Assert.Contains($"wrote {WorkbookPath(output)}", run.Out);
        Assert.Contains("identity Total requirement", run.Out);
        // ...and none of it, nor the staging folder or its lock, is left.
        if (existing)
        {
            Assert.Equal(["keep.txt"], Entries(output));
            Assert.Equal("earlier", File.ReadAllText(Path.Combine(output, "keep.txt")));
        }
        else if (Directory.Exists(output)) Assert.Fail($"{output} was left behind, holding: {string.Join(", ", Entries(output))}");
    }

    public void Dispose() => _dir.Dispose();
}
