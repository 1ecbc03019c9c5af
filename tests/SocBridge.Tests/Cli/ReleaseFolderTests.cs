using System.Security.Cryptography;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Cli;

/// <summary>A release given with --release is read and never written: no command may put an output inside its folder.</summary>
public sealed class ReleaseFolderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _release;

    public ReleaseFolderTests()
    {
        _release = Directory.CreateDirectory(_dir.File("release")).FullName;
        foreach (var f in Directory.GetFiles(RepoPaths.Crosswalks)) File.Copy(f, Path.Combine(_release, Path.GetFileName(f)));
        _dir.Write("titles.csv", "job,code\nNurse,2231\n");
        _dir.Write("series.csv", "soc2010,employment\n2136,100\n");
    }

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(_release, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Theory]
    [InlineData("audit", "report", "--out", "{release}/manifest.json")]
    [InlineData("audit", "export", "--out", "{release}")]
    [InlineData("release", "export", "--out", "{release}/exports")]
    [InlineData("code", "--in", "{dir}/titles.csv", "--title-column", "job", "--out", "{release}/coded.csv")]
    [InlineData("recode", "--in", "{dir}/titles.csv", "--title-column", "job", "--code-column", "code", "--out", "{dir}/out.csv", "--rejects", "{release}/coding_index.csv")]
    [InlineData("apportion", "--in", "{dir}/series.csv", "--code-column", "soc2010", "--count", "employment", "--out", "{release}/series_soc2020.csv")]
    [InlineData("recode", "evaluate", "--run-folds", "1", "--sample", "5", "--skip-coder", "--predictions", "{release}/manifest.json")]
    [InlineData("code", "Nurse", "--model-cache", "{release}/models")]
    public void An_output_inside_the_release_folder_is_refused_and_the_release_is_left_as_it_was(params string[] args)
    {
        var before = Snapshot();
        var resolved = args.Select(a => a.Replace("{release}", _release).Replace("{dir}", _dir.Path)).ToArray();
        var run = CliRunner.Invoke([.. resolved, "--release", _release]);
        Assert.Equal(1, run.Exit);
        Assert.Contains($"is inside the release folder {_release}; the release is read, never written", run.Error);
        Assert.Equal(before, Snapshot());
        Assert.Equal(before.Keys.Order(), Directory.GetFileSystemEntries(_release, "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void An_output_beside_the_release_folder_is_written()
    {
        var run = CliRunner.Invoke("audit", "export", "--out", _dir.File("exports"), "--release", _release);
        Assert.Equal(0, run.Exit);
        Assert.NotEmpty(Directory.GetFiles(_dir.File("exports")));
    }
}
