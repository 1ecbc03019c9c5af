using System.Diagnostics;
using System.Globalization;
using System.Text;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Apportion.SeriesFileSupport;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// File safety: no output may be the input or another output; outputs appear as one unit only after the run
/// succeeds; a full disk, a killed process, a concurrent run or an unwritable folder leaves the output folder
/// as it was (and the next run removes what a killed run left).
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SeriesFileSafetyTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private const string Csv = "region,soc2010,jobs\nnorth,2136,100\nsouth,3545,50\n";

    private static ApportionOptions Options() => new() { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };

    /// <summary>Runs the command line in process with the given paths and options after the common ones.</summary>
    private static CliRunner.Run Cli(string input, string output, params string[] more) =>
        CliRunner.Invoke(["apportion", "--in", input, "--out", output, "--code-column", "soc2010", "--count", "jobs", .. more]);

    public static TheoryData<string> Conflicts => new() { "out-is-in", "out-is-in-by-symlink", "rejects-is-in", "audit-is-in", "rejects-is-out", "audit-is-out", "default-rejects-is-in" };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void An_output_on_the_input_or_on_another_output_is_refused_before_anything_is_read(string conflict)
    {
        var input = _dir.Write("series.rejects.csv", Csv);
        var link = Path.Combine(_dir.Path, "link.csv");
        File.CreateSymbolicLink(link, input);
        var output = _dir.File("other.csv");
        string[] args = conflict switch
        {
            "out-is-in" => ["--in", input, "--out", input],
            "out-is-in-by-symlink" => ["--in", input, "--out", link],
            "rejects-is-in" => ["--in", input, "--out", output, "--rejects", input],
            "audit-is-in" => ["--in", input, "--out", output, "--audit", input],
            "rejects-is-out" => ["--in", input, "--out", output, "--rejects", output],
            "audit-is-out" => ["--in", input, "--out", output, "--audit", output],
            // --out series.csv: the default rejects file series.rejects.csv is the input itself.
            "default-rejects-is-in" => ["--in", input, "--out", _dir.File("series.csv")],
            _ => throw new ArgumentOutOfRangeException(nameof(conflict)),
        };
        var before = Snapshot(_dir.Path);
        var run = CliRunner.Invoke(["apportion", .. args, "--code-column", "soc2010", "--count", "jobs"]);
        Assert.Equal(1, run.Exit);
        Assert.StartsWith("error: ", run.Error);
        Assert.True(run.Error.Contains("is the input file") || run.Error.Contains("are both"), run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal(Csv, File.ReadAllText(input));
        Assert.Equal(before, Snapshot(_dir.Path));
    }

    [Fact]
    public void A_conflict_is_found_before_the_input_is_read_even_when_the_input_is_not_valid()
    {
        // The input is not a series at all: a run that read it first would fail on its header instead.
        var input = _dir.Write("in.csv", "\"never closed\n");
        var e = Assert.Throws<RunFileConflictException>(() => SeriesFileRunner.Run(_release, new SeriesFileRequest(input, input, Options())));
        Assert.Contains("is the input file", e.Message);
        Assert.Equal("\"never closed\n", File.ReadAllText(input));
    }

    [TmpfsFact]
    public void A_full_filesystem_fails_the_run_with_a_clear_message_and_leaves_the_folder_as_it_was()
    {
        // Enough rows that the output (about 20 bytes a line, several lines a row) cannot fit in 64 KiB.
        var text = new StringBuilder("region,soc2010,jobs\n");
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).ToArray();
        for (var i = 0; i < 20_000; i++) text.Append(CultureInfo.InvariantCulture, $"r{i % 50},{codes[i % codes.Length]},{i + 1}\n");
        var input = _dir.Write("in.csv", text.ToString());
        using var mount = new TmpfsMount(_dir.File("small"), "64k");
        Assert.True(mount.Mounted, mount.Problem);
        // An earlier, complete output set is there and must survive.
        File.WriteAllText(Path.Combine(mount.Path, "out.csv"), "old output\n");
        File.WriteAllText(Path.Combine(mount.Path, "out.meta.json"), "{\"old\": true}\n");
        var before = Snapshot(mount.Path);

        var run = Cli(input, Path.Combine(mount.Path, "out.csv"));
        Assert.Equal(5, run.Exit);
        Assert.Contains("No space left on device", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(before, Snapshot(mount.Path));
    }

    [TmpfsFact]
    public void An_unwritable_output_folder_fails_the_run_with_a_clear_message()
    {
        var input = _dir.Write("in.csv", Csv);
        using var mount = new TmpfsMount(_dir.File("ro"), "64k");
        Assert.True(mount.Mounted, mount.Problem);
        File.WriteAllText(Path.Combine(mount.Path, "out.csv"), "old output\n");
        Assert.True(mount.RemountReadOnly(), "cannot remount the tmpfs read-only");
        var before = Snapshot(mount.Path);

        var run = Cli(input, Path.Combine(mount.Path, "out.csv"));
        Assert.Equal(5, run.Exit);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("Read-only file system", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal(before, Snapshot(mount.Path));
        Assert.Equal(Csv, File.ReadAllText(input));
    }

    [Fact]
    public void An_output_under_proc_fails_with_a_message_not_a_stack()
    {
        if (!Directory.Exists("/proc/self")) return; // no /proc on this system: nothing to check
        var input = _dir.Write("in.csv", Csv);
        var run = Cli(input, "/proc/self/socbridge-out/out.csv");
        Assert.Equal(5, run.Exit);
        Assert.StartsWith("error: ", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void A_second_run_to_an_output_that_is_being_written_fails_at_once_and_leaves_it_alone()
    {
        var input = _dir.Write("in.csv", Csv);
        var output = _dir.File("out.csv");
        File.WriteAllText(output, "the other run's output\n");
        using (OutputLock.Acquire(output))
        {
            var before = Snapshot(_dir.Path);
            var e = Assert.Throws<OutputLockedException>(() => SeriesFileRunner.Run(_release, new SeriesFileRequest(input, output, Options())));
            Assert.Contains("another run is writing", e.Message);
            Assert.Contains(output, e.Message);
            var run = Cli(input, output);
            Assert.Equal(5, run.Exit);
            Assert.Contains("another run is writing", run.Error);
            Assert.Equal(before, Snapshot(_dir.Path));
        }
        // Once the other run is done the output can be written, and no lock is left behind.
        SeriesFileRunner.Run(_release, new SeriesFileRequest(input, output, Options()));
        Assert.StartsWith("region,soc2020,jobs", File.ReadAllText(output));
        Assert.False(File.Exists(OutputLock.For(output)));
    }

    [Fact]
    public void A_lock_on_one_output_does_not_hold_another()
    {
        var input = _dir.Write("in.csv", Csv);
        using var held = OutputLock.Acquire(_dir.File("a.csv"));
        SeriesFileRunner.Run(_release, new SeriesFileRequest(input, _dir.File("b.csv"), Options()));
        Assert.True(File.Exists(_dir.File("b.csv")));
    }

    /// <summary>The built command-line tool, run as its own process.</summary>
    private static ProcessStartInfo Tool(params string[] args)
    {
        var bin = Path.Combine(RepoPaths.Root, "src", "SocBridge.Cli", "bin", "Release", "net10.0");
        var host = Path.Combine(bin, "socbridge");
        var start = File.Exists(host) ? new ProcessStartInfo(host) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(bin, "socbridge.dll") } };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    [Fact]
    public void A_killed_run_leaves_no_output_and_the_next_run_succeeds_and_removes_its_temporary_files()
    {
        var bin = Path.Combine(RepoPaths.Root, "src", "SocBridge.Cli", "bin", "Release", "net10.0", "socbridge.dll");
        Assert.True(File.Exists(bin), $"the command-line tool is not built at {bin} (build the solution in Release first)");
        // Large, with a rejected value on every other row so the rejects temporaries grow while it reads;
        // semicolons make it go through the general reader on one thread.
        var input = _dir.File("big.csv");
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).ToArray();
        using (var w = new StreamWriter(input, false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write("region;soc2010;jobs\n");
            for (var i = 0; i < 1_500_000; i++)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"r{i % 97};{codes[i % codes.Length]};{(i % 2 == 0 ? "x" : (i % 1000).ToString(CultureInfo.InvariantCulture))}\n"));
        }
        var output = Path.Combine(_dir.Path, "out", "out.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var folder = Path.GetDirectoryName(output)!;
        var args = new[] { "apportion", "--in", input, "--out", output, "--code-column", "soc2010", "--count", "jobs", "--delimiter", ";", "--sum-duplicates" };

        using (var process = Process.Start(Tool(args))!)
        {
            // Wait for the run to be writing its rejects, then kill it without warning.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!process.HasExited && DateTime.UtcNow < deadline && Directory.GetFiles(folder, ".out.rejects.csv.*.part").Length == 0) Thread.Sleep(5);
            if (process.HasExited) Assert.Fail($"the run ended (exit {process.ExitCode}) before it could be killed: {process.StandardError.ReadToEnd()}");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var left = Directory.GetFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(Path.GetFileName).ToArray();
        Assert.DoesNotContain("out.csv", left);
        Assert.DoesNotContain("out.meta.json", left);
        Assert.DoesNotContain("out.rejects.csv", left);
        Assert.Contains(left, f => f!.StartsWith(".out.rejects.csv.", StringComparison.Ordinal) && f.EndsWith(".part", StringComparison.Ordinal));

        using (var again = Process.Start(Tool(args))!)
        {
            string? stderr = null;
            var errors = new Thread(() => stderr = again.StandardError.ReadToEnd());
            errors.Start();
            again.StandardOutput.ReadToEnd();
            again.WaitForExit();
            errors.Join();
            Assert.True(again.ExitCode == 0, $"second run exit {again.ExitCode}: {stderr}");
        }
        var after = Directory.GetFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["out.csv", "out.meta.json", "out.rejects.csv"], after);
    }

    public void Dispose() => _dir.Dispose();
}
