using SocBridge.Core.Release;
using SocBridge.Reporting.Diff;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Reporting;

public class ReleaseDiffTests
{
    /// <summary>A copy of the committed release with one weight and one title edited, its manifest re-hashed so it loads.</summary>
    internal static void EditedCopy(string dir)
    {
        foreach (var f in Directory.GetFiles(RepoPaths.Crosswalks)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var links = Path.Combine(dir, ReleaseFiles.RelationshipLinks);
        var lines = File.ReadAllLines(links);
        var i = Array.FindIndex(lines, l => l.StartsWith("3545,3556,lfs,men,", StringComparison.Ordinal));
        lines[i] = "3545,3556,lfs,men,0.8,1126";
        File.WriteAllText(links, string.Join('\n', lines) + "\n");
        var groups = Path.Combine(dir, ReleaseFiles.Soc2020Groups);
        var text = File.ReadAllText(groups);
        File.WriteAllText(groups, text.Replace("2134,4,213,Programmers and software development professionals,Programmers and software development professionals",
            "2134,4,213,Programmers and software development professionals,Software developers and programmers", StringComparison.Ordinal));
        var manifestPath = Path.Combine(dir, ReleaseFiles.Manifest);
        var manifest = ReleaseManifest.Parse(File.ReadAllText(manifestPath));
        var outputs = manifest.Outputs.Select(o => o with { Sha256 = ReleaseVerifier.Sha256Hex(File.ReadAllBytes(Path.Combine(dir, o.File))) }).ToArray();
        File.WriteAllText(manifestPath, (manifest with { Outputs = outputs }).ToJson());
    }

    [Fact]
    public void A_copy_with_one_weight_and_one_title_edited_shows_exactly_those_changes()
    {
        using var temp = new TempDirectory();
        EditedCopy(temp.Path);
        var diff = ReleaseDiff.Compare(SocRelease.LoadEmbedded(), SocRelease.LoadDirectory(temp.Path));
        var content = diff.ContentChanges.ToArray();
        Assert.Equal(3, content.Length);
        Assert.Contains(content, c => c is { Kind: ChangeKind.Weight, Key: "3545→3556 lfs/men", Field: "proportion", New: "0.8" });
        Assert.Contains(content, c => c is { Kind: ChangeKind.Weight, Key: "3545→3556 lfs/men", Field: "joint_count", Old: "1148", New: "1126" });
        Assert.Contains(content, c => c is { Kind: ChangeKind.Title, Key: "soc2020 2134", Field: "display_title", New: "Software developers and programmers" });
        Assert.Single(content.Where(c => c.Kind == ChangeKind.Weight).Select(c => c.Key).Distinct());
        Assert.Equal([ReleaseFiles.Soc2020Groups, ReleaseFiles.RelationshipLinks],
            diff.Changes.Where(c => c.Kind == ChangeKind.File).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray().Reverse().ToArray());
    }

    [Fact]
    public void Cli_diff_as_csv_lists_the_changes_and_nothing_between_equal_releases()
    {
        using var temp = new TempDirectory();
        EditedCopy(temp.Path);
        var run = CliRunner.Invoke("release", "diff", "builtin", temp.Path, "--format", "csv");
        Assert.Equal(0, run.Exit);
        var rows = run.Out.Trim().Split('\n');
        Assert.Equal("kind,key,field,old,new", rows[0]);
        Assert.Equal(5, rows.Length - 1);
        Assert.Contains(rows, r => r.StartsWith("title,soc2020 2134,display_title,", StringComparison.Ordinal));

        var same = CliRunner.Invoke("release", "diff", "builtin", RepoPaths.Crosswalks);
        Assert.Equal(0, same.Exit);
        Assert.Contains("no change", same.Out);
    }
}
