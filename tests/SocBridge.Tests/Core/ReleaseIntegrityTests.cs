using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

public sealed class ReleaseIntegrityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string CopyRelease()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Crosswalks))
            File.Copy(file, Path.Combine(_dir.Path, Path.GetFileName(file)));
        return _dir.Path;
    }

    [Fact]
    public void The_committed_release_and_the_embedded_one_are_the_same_and_verify()
    {
        var embedded = new EmbeddedReleaseSource();
        Assert.True(embedded.IsPresent);
        var onDisk = ReleaseVerifier.Verify(new DirectoryReleaseSource(RepoPaths.Crosswalks));
        Assert.Equal(onDisk.ReleaseId, ReleaseVerifier.Verify(embedded).ReleaseId);
        foreach (var file in ReleaseFiles.DataFiles)
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Crosswalks, file)), embedded.TryRead(file));
    }

    /// <summary>Loads the release and reads every part of it, so files checked on first use are checked too.</summary>
    private static void LoadAndUseAll(string dir)
    {
        var release = SocRelease.LoadDirectory(dir);
        _ = release.Descriptions;
        _ = release.Extensions;
        _ = release.Index;
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Changing_one_byte_of_any_release_file_makes_reading_it_fail_naming_that_file(string file)
    {
        var dir = CopyRelease();
        var path = Path.Combine(dir, file);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<ReleaseIntegrityException>(() => LoadAndUseAll(dir));
        Assert.Equal(path, e.File);
        Assert.Contains(file, e.Message);
        Assert.Contains("edited or corrupted", e.Message);
    }

    [Fact]
    public void A_missing_file_or_manifest_is_named()
    {
        var dir = CopyRelease();
        File.Delete(Path.Combine(dir, ReleaseFiles.CodingIndex));
        var e = Assert.Throws<ReleaseIntegrityException>(() => LoadAndUseAll(dir));
        Assert.Contains(ReleaseFiles.CodingIndex, e.Message);
        Assert.Contains("missing", e.Message);

        File.Delete(Path.Combine(dir, ReleaseFiles.Manifest));
        e = Assert.Throws<ReleaseIntegrityException>(() => SocRelease.LoadDirectory(dir));
        Assert.Contains("no manifest", e.Message);
    }

    [Fact]
    public void The_manifest_carries_the_licence_attribution_and_source_hashes()
    {
        var manifest = ReleaseVerifier.Verify(new DirectoryReleaseSource(RepoPaths.Crosswalks));
        Assert.Equal("Open Government Licence v3.0", manifest.Licence);
        Assert.Contains("Contains public sector information licensed under the Open Government Licence v3.0", manifest.Attribution);
        Assert.All(manifest.Sources, s => Assert.Matches("^[0-9a-f]{64}$", s.Sha256));
        Assert.Equal(ReleaseFiles.DataFiles, manifest.Outputs.Select(o => o.File));
    }

    [Theory]
    [InlineData(ReleaseFiles.Soc2020Descriptions)]
    [InlineData(ReleaseFiles.Soc2020Extensions)]
    [InlineData(ReleaseFiles.CodingIndex)]
    public void A_file_read_on_first_use_is_checked_before_it_is_parsed(string file)
    {
        var dir = CopyRelease();
        var path = Path.Combine(dir, file);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var release = SocRelease.LoadDirectory(dir);
        Assert.NotNull(release.Crosswalk);
        var e = Assert.Throws<ReleaseIntegrityException>(() => LoadAndUseAll(dir));
        Assert.Equal(path, e.File);
        Assert.False(ReleaseVerifier.Check(new DirectoryReleaseSource(dir), release.Manifest).Single(c => c.File == file).Ok);
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_refused_at_load()
    {
        var dir = CopyRelease();
        var manifestPath = Path.Combine(dir, ReleaseFiles.Manifest);
        var manifest = ReleaseManifest.Parse(File.ReadAllText(manifestPath));
        File.WriteAllText(manifestPath, (manifest with { Outputs = manifest.Outputs.Where(o => o.File != ReleaseFiles.CodingIndex).ToArray() }).ToJson());
        var e = Assert.Throws<ReleaseIntegrityException>(() => SocRelease.LoadDirectory(dir));
        Assert.Contains(ReleaseFiles.CodingIndex, e.Message);
    }

    public static TheoryData<string> DataFiles() => new(ReleaseFiles.DataFiles);

    public void Dispose() => _dir.Dispose();
}
