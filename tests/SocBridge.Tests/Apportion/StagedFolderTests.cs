using System.Text.Json.Nodes;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

[Collection(ReleaseCollection.Name)]
public sealed class StagedFolderTests(ReleaseFixture fixture) : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string Write(string folder, string relative, string content)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(e => Path.GetRelativePath(folder, e)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Publishing_moves_every_staged_file_into_place_with_its_folder_and_the_metadata_last()
    {
        var output = _dir.File("out");
        using (var staged = StagedFolder.Open(output, "demo"))
        {
            Assert.StartsWith(Path.Combine(output, ".demo."), staged.Path, StringComparison.Ordinal);
            Assert.True(Directory.Exists(staged.Path));
            Write(staged.Path, "b.meta.json", "{}");
            Write(staged.Path, "b.csv", "b");
            Write(staged.Path, "a.csv", "a");
            var workbook = Write(staged.Path, Path.Combine("inputs", "w.xlsx"), "w");
            Write(staged.Path, ".b.csv.lock", "");
            Assert.Equal(Path.Combine(output, "inputs", "w.xlsx"), staged.Published(workbook));
            // Until published, the output folder holds only the lock and the staging folder.
            Assert.Equal(new[] { ".demo.lock", Path.GetFileName(staged.Path) }.Order(StringComparer.Ordinal),
                Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

            var published = staged.Publish();

            Assert.Equal(new[] { "a.csv", "b.csv", Path.Combine("inputs", "w.xlsx"), "b.meta.json" }.Select(f => Path.Combine(output, f)), published);
            Assert.Equal("w", File.ReadAllText(Path.Combine(output, "inputs", "w.xlsx")));
            Assert.Throws<InvalidOperationException>(() => staged.Publish());
        }
        // The staging folder, its hidden files and the lock are gone.
        Assert.Equal(["a.csv", "b.csv", "b.meta.json", "inputs", Path.Combine("inputs", "w.xlsx")], Entries(output));
    }

    [Fact]
    public void Publishing_replaces_files_of_the_same_name_and_keeps_the_others()
    {
        var output = Directory.CreateDirectory(_dir.File("out")).FullName;
        Write(output, "a.csv", "old");
        Write(output, "a.meta.json", "old");
        Write(output, "other.csv", "other");
        using (var staged = StagedFolder.Open(output, "demo"))
        {
            Write(staged.Path, "a.csv", "new");
            Write(staged.Path, "a.meta.json", "new");
            staged.Publish();
        }
        Assert.Equal(["a.csv", "a.meta.json", "other.csv"], Entries(output));
        Assert.Equal("new", File.ReadAllText(Path.Combine(output, "a.csv")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(output, "a.meta.json")));
        Assert.Equal("other", File.ReadAllText(Path.Combine(output, "other.csv")));
    }

    [Theory]
    [InlineData("inputs", false)]
    [InlineData("b.csv", true)]
    public void A_publish_that_cannot_place_every_file_moves_none_and_keeps_the_old_metadata(string inTheWay, bool asFolder)
    {
        var output = Directory.CreateDirectory(_dir.File("out")).FullName;
        Write(output, "a.csv", "old");
        Write(output, "a.meta.json", "old");
        if (asFolder) Directory.CreateDirectory(Path.Combine(output, inTheWay));
        else Write(output, inTheWay, "a file where a folder is needed");
        var before = Entries(output);
        using (var staged = StagedFolder.Open(output, "demo"))
        {
            Write(staged.Path, "a.csv", "new");
            Write(staged.Path, "a.meta.json", "new");
            Write(staged.Path, "b.csv", "new");
            Write(staged.Path, Path.Combine("inputs", "w.xlsx"), "w");
            var e = Assert.Throws<IOException>(() => staged.Publish());
            Assert.Contains(Path.Combine(output, inTheWay), e.Message);
        }
        Assert.Equal(before, Entries(output));
        Assert.Equal("old", File.ReadAllText(Path.Combine(output, "a.csv")));
        Assert.Equal("old", File.ReadAllText(Path.Combine(output, "a.meta.json")));
    }

    [Fact]
    public void An_unpublished_folder_leaves_an_existing_output_folder_as_it_was()
    {
        var output = Directory.CreateDirectory(_dir.File("out")).FullName;
        Write(output, "keep.txt", "earlier");
        using (var staged = StagedFolder.Open(output, "demo"))
        {
            Write(staged.Path, "keep.txt", "later");
            Write(staged.Path, Path.Combine("inputs", "w.xlsx"), "w");
        }
        Assert.Equal(["keep.txt"], Entries(output));
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(output, "keep.txt")));
    }

    [Fact]
    public void An_unpublished_folder_removes_the_output_folder_it_created()
    {
        var output = _dir.File("new");
        using (var staged = StagedFolder.Open(output, "demo"))
            Write(staged.Path, "a.csv", "a");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_second_run_under_the_same_name_is_refused_while_the_first_holds_the_folder()
    {
        var output = _dir.File("out");
        using (StagedFolder.Open(output, "demo"))
        {
            var e = Assert.Throws<OutputLockedException>(() => StagedFolder.Open(output, "demo"));
            Assert.Contains("another run", e.Message);
            // Another name is another run's own.
            using var other = StagedFolder.Open(output, "partitions");
        }
        using var again = StagedFolder.Open(output, "demo");
        Assert.True(Directory.Exists(again.Path));
    }

    [Fact]
    public void The_staging_folder_of_a_killed_run_is_removed_by_the_next_run()
    {
        var output = Directory.CreateDirectory(_dir.File("out")).FullName;
        var killed = Directory.CreateDirectory(Path.Combine(output, ".demo.12345.0123456789abcdef.tmp")).FullName;
        Write(killed, "a.csv", "half");
        var otherName = Directory.CreateDirectory(Path.Combine(output, ".partitions.12345.0123456789abcdef.tmp")).FullName;
        using (var staged = StagedFolder.Open(output, "demo"))
        {
            Assert.False(Directory.Exists(killed));
            Assert.True(Directory.Exists(otherName));
            Write(staged.Path, "a.csv", "whole");
            staged.Publish();
        }
        Assert.Equal("whole", File.ReadAllText(Path.Combine(output, "a.csv")));
    }

    [Fact]
    public void An_input_read_from_the_staging_folder_is_named_where_it_will_be_published()
    {
        var output = _dir.File("out");
        using var staged = StagedFolder.Open(output, "demo");
        var input = Write(staged.Path, Path.Combine("inputs", "series.csv"), "soc2010,employment\n2136,100\n");
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")] };
        var request = new SeriesFileRequest(input, Path.Combine(staged.Path, "series_soc2020.csv"), options) { InputShownAs = staged.Published(input) };

        var report = SeriesFileRunner.Run(fixture.Release, request);
        staged.Publish();

        var shown = Path.Combine(output, "inputs", "series.csv");
        Assert.Equal(shown, report.InputDescription);
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "series_soc2020.meta.json")))!["input"]!;
        Assert.Equal(shown, (string?)metadata["read_as"]);
        Assert.Equal("series.csv", (string?)metadata["file"]);
        // Without it, the run names the file it read.
        var plain = SeriesFileRunner.Run(fixture.Release, request with { InputPath = shown, OutputPath = _dir.File("plain.csv"), InputShownAs = null });
        Assert.Equal(shown, plain.InputDescription);
        var moved = SeriesFileRunner.Run(fixture.Release, request with { InputPath = shown, OutputPath = _dir.File("moved.csv"), InputShownAs = "elsewhere/series.csv" });
        Assert.Equal("elsewhere/series.csv", moved.InputDescription);
        Assert.Contains("the path the input is shown as is empty", (request with { InputShownAs = " " }).Validate());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void A_name_that_is_not_a_plain_name_is_refused(string name)
    {
        var output = _dir.File("out");
        Assert.ThrowsAny<ArgumentException>(() => StagedFolder.Open(output, name));
        Assert.False(Directory.Exists(output));
    }

    public void Dispose() => _dir.Dispose();
}
