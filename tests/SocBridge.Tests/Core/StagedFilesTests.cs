using SocBridge.Core.Files;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

public sealed class StagedFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Files_appear_only_when_the_set_is_published_together()
    {
        using var files = new StagedFiles();
        files.WriteText(_dir.File("a.csv"), w => w.Write("a"));
        files.WriteText(_dir.File("b.csv"), w => w.Write("b"));
        Assert.DoesNotContain("a.csv", _dir.Names());
        files.Publish();
        Assert.Equal(["a.csv", "b.csv"], _dir.Names());
        Assert.Equal("b", File.ReadAllText(_dir.File("b.csv")));
    }

    [Fact]
    public void A_temporary_file_removed_by_another_process_fails_the_publish_and_nothing_is_published()
    {
        using (var files = new StagedFiles())
        {
            files.WriteText(_dir.File("a.csv"), w => w.Write("a"));
            files.WriteText(_dir.File("b.csv"), w => w.Write("b"));
            File.Delete(Directory.GetFiles(_dir.Path, ".b.csv.*.tmp").Single());
            var e = Assert.Throws<IOException>(() => files.Publish());
            Assert.Contains("has gone before it could be renamed into place", e.Message);
        }
        Assert.Empty(_dir.Names());
    }

    [Fact]
    public void Stale_files_of_dead_runs_are_removed_and_those_of_running_ones_and_other_names_are_kept()
    {
        const string guid = "0123456789abcdef0123456789abcdef";
        var dead = _dir.Write($".out.csv.{int.MaxValue - 7}.{guid}.tmp", "");
        var deadPart = _dir.Write($".out.csv.{int.MaxValue - 7}.{guid}.3.part", "");
        var running = _dir.Write($".out.csv.{Environment.ProcessId}.{guid}.tmp", "");
        var notOurs = _dir.Write(".out.csv.notes.tmp", "a user's file");
        var otherOutput = _dir.Write($".other.csv.{int.MaxValue - 7}.{guid}.tmp", "");
        StagedFiles.RemoveStale([_dir.File("out.csv")]);
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(deadPart));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(notOurs));
        Assert.True(File.Exists(otherOutput));
    }
}
