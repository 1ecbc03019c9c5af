using SocBridge.Cli.Commands.Demo;
using SocBridge.Core.Release;
using SocBridge.Release.Samples;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Packaging;

/// <summary>
/// Runs <c>./publish.sh</c> once into a temporary folder and checks what it publishes: the ahead-of-time compiled
/// <c>socbridge</c> (the series verbs) writes the same bytes, exit statuses and messages as the command run in
/// this process, for CSV, workbook and Parquet inputs and outputs and the whole demo; every other command line
/// reaches the managed build beside it unchanged.
/// </summary>
public sealed class PublishedCommandFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public PublishedCommandFixture()
    {
        Folder = _temp.File("dist");
        if (!HasLinker)
        {
            Problem = "no C toolchain (cc, gcc or clang) on PATH: the native link of ./publish.sh needs one";
            return;
        }
        var run = ChildProcess.Run("bash", RepoPaths.Root, TimeSpan.FromMinutes(15), Path.Combine(RepoPaths.Root, "publish.sh"), Folder);
        if (run.Exit != 0) Problem = $"./publish.sh exited with {run.Exit}:\n{run.All}";
    }

    /// <summary>The published folder.</summary>
    public string Folder { get; }

    /// <summary>Why the folder could not be published; null when it was.</summary>
    public string? Problem { get; }

    /// <summary>The native executable.</summary>
    public string Native => Path.Combine(Folder, "socbridge");

    private static bool HasLinker =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(dir => new[] { "cc", "gcc", "clang" }.Any(name => File.Exists(Path.Combine(dir, name))));

    public void Dispose() => _temp.Dispose();
}

public sealed class PublishedCommandTests(PublishedCommandFixture published) : IClassFixture<PublishedCommandFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Native
    {
        get
        {
            Assert.True(published.Problem is null, published.Problem);
            return published.Native;
        }
    }

    [Fact]
    public void The_series_command_is_a_native_executable_with_no_managed_assembly_beside_it()
    {
        var header = new byte[4];
        using (var file = File.OpenRead(Native)) file.ReadExactly(header);
        Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, header);
        Assert.False(File.Exists(Path.Combine(published.Folder, "socbridge.dll")), "the native folder holds a managed socbridge.dll");
        Assert.True(File.Exists(Path.Combine(published.Folder, "managed", "socbridge.dll")), "the managed build is missing");
    }

    [Fact]
    public void A_one_row_series_gives_the_same_files_as_the_managed_command()
    {
        var input = _dir.Write("one.csv", "year,soc2010,employment\n2021,2136,100.5\n");
        AssertSameRun(["apportion", "--in", input, "--code-column", "soc2010", "--count", "employment"], "one", "csv");
    }

    [Fact]
    public void A_real_series_with_means_gives_the_same_files_as_the_managed_command()
    {
        AssertSameRun(["apportion", "--in", Path.Combine(RepoPaths.Samples, "ashe_2021_soc2010.csv"), "--code-column", "soc2010",
            "--count", "jobs_thousands", "--median", "median=jobs_thousands", "--mean", "mean=jobs_thousands", "--sex-column", "sex",
            "--dimensions", "sex,pay_period,level", "--interval", "0.95", "--titles"], "ashe", "csv", allowRejects: true);
    }

    [Fact]
    public void A_workbook_to_Parquet_and_back_gives_the_same_files_as_the_managed_command()
    {
        // The demo's workbook, written from the APS sample as the demo writes it.
        var workbook = _dir.File(WorkingFuturesSample.FileName);
        WorkingFuturesSample.Write(Path.Combine(RepoPaths.Samples, SampleBuilder.ApsSoc2010File), workbook, SocRelease.LoadEmbedded().Soc2010);
        AssertSameRun(["apportion", "--in", workbook, "--sheet", "Employment UK", "--code-column", "Occupation", "--count", "/^20\\d\\d$/", "--titles"], "wf", "parquet");
        var native = _dir.File("native-wf.parquet");
        AssertSameRun(["apportion", "--in", native, "--from", "2020", "--code-column", "soc2020", "--count", "/^20\\d\\d$/", "--ignore", "flags,soc2020_title"], "back", "csv");
    }

    [Theory]
    [InlineData("soc2010,employment\n2136,12\n3545,\"5\n", new string[0])]
    [InlineData("soc2010,employment\n2136,90\n9999,10\n", new[] { "--max-rejected-share", "0.05" })]
    public void Bad_input_fails_the_same_way_and_leaves_no_file(string csv, string[] more)
    {
        var input = _dir.Write("bad.csv", csv);
        var native = RunNative(["apportion", "--in", input, "--out", _dir.File("bad-native.csv"), "--code-column", "soc2010", "--count", "employment", .. more]);
        var managed = CliRunner.Invoke(["apportion", "--in", input, "--out", _dir.File("bad-managed.csv"), "--code-column", "soc2010", "--count", "employment", .. more]);
        Assert.Equal(4, managed.Exit);
        Assert.Equal(managed.Exit, native.Exit);
        Assert.Equal(managed.Error.Replace("bad-managed", "bad-native"), native.Error);
        Assert.Empty(Directory.GetFiles(_dir.Path, "bad-native*"));
    }

    [Fact]
    public void The_demo_writes_the_same_files_as_the_managed_command()
    {
        var nativeOut = _dir.File("demo-native");
        var managedOut = _dir.File("demo-managed");
        var native = RunNative("demo", "--samples", RepoPaths.Samples, "--out", nativeOut);
        var managed = CliRunner.Invoke("demo", "--samples", RepoPaths.Samples, "--out", managedOut);
        Assert.True(managed.Exit == 0, managed.Error);
        Assert.True(native.Exit == 0, native.Error);
        static string[] Files(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
        var files = Files(managedOut);
        Assert.Equal(files, Files(nativeOut));
        Assert.True(files.Length >= 16, $"the demo wrote {files.Length} files");
        // The workbook it generates and translates is among them, and nothing hidden (staging, locks) is left.
        Assert.Contains(Path.Combine(DemoCommand.InputsFolder, WorkingFuturesSample.FileName), files);
        Assert.DoesNotContain(files, f => f.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
        foreach (var name in files)
            Assert.True(File.ReadAllBytes(Path.Combine(managedOut, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(nativeOut, name))), $"{name} differs");
    }

    [Theory]
    [InlineData("lookup", "2136")]
    [InlineData("lookup", "9999")]
    [InlineData("map", "2136", "--format", "json")]
    [InlineData("search", "software developer", "--limit", "3")]
    [InlineData("release", "verify")]
    public void Other_verbs_run_in_the_managed_build_with_the_same_output_and_exit(params string[] args)
    {
        var native = RunNative(args);
        var managed = CliRunner.Invoke(args);
        Assert.Equal(managed.Exit, native.Exit);
        Assert.Equal(managed.Out, native.Out);
        Assert.Equal(managed.Error, native.Error);
    }

    [Fact]
    public void The_root_help_lists_every_verb_from_the_managed_build()
    {
        var help = RunNative("--help");
        Assert.Equal(0, help.Exit);
        foreach (var verb in new[] { "lookup", "map", "search", "release", "apportion", "recode", "code", "serve", "demo", "audit", "weights" })
            Assert.Contains($"\n  {verb} ", help.Out);
    }

    /// <summary>
    /// Runs <paramref name="args"/> with the native command and in this process, each writing OUT.EXTENSION in
    /// the test folder, and checks the exit status, the output, the rejects and the metadata (whose paths name
    /// the run's own files) are the same.
    /// </summary>
    private void AssertSameRun(string[] args, string name, string extension, bool allowRejects = false)
    {
        var nativeOut = _dir.File($"native-{name}.{extension}");
        var managedOut = _dir.File($"managed-{name}.{extension}");
        var native = RunNative([.. args, "--out", nativeOut]);
        var managed = CliRunner.Invoke([.. args, "--out", managedOut]);
        Assert.True(managed.Exit == 0, managed.Error);
        Assert.True(native.Exit == 0, native.Error);
        Assert.Equal(File.ReadAllBytes(managedOut), File.ReadAllBytes(nativeOut));
        var rejects = Path.ChangeExtension(managedOut, ".rejects.csv");
        Assert.Equal(File.ReadAllText(rejects), File.ReadAllText(Path.ChangeExtension(nativeOut, ".rejects.csv")));
        if (!allowRejects) Assert.Single(File.ReadAllLines(rejects));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(managedOut, ".meta.json")).Replace($"managed-{name}", $"native-{name}"),
            File.ReadAllText(Path.ChangeExtension(nativeOut, ".meta.json")));
    }

    private CliRunner.Run RunNative(params string[] args)
    {
        var run = ChildProcess.Run(Native, _dir.Path, TimeSpan.FromMinutes(5), args);
        return new CliRunner.Run(run.Exit, run.Out, run.Error);
    }

    public void Dispose() => _dir.Dispose();
}
