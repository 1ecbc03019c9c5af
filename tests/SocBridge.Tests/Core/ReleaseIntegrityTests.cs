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

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Changing_one_byte_of_any_release_file_makes_loading_fail_naming_that_file(string file)
    {
        var dir = CopyRelease();
        var path = Path.Combine(dir, file);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<ReleaseIntegrityException>(() => SocRelease.LoadDirectory(dir));
        Assert.Equal(path, e.File);
        Assert.Contains(file, e.Message);
        Assert.Contains("edited or corrupted", e.Message);
    }

    [Fact]
    public void A_missing_file_or_manifest_is_named()
    {
        var dir = CopyRelease();
        File.Delete(Path.Combine(dir, ReleaseFiles.CodingIndex));
        var e = Assert.Throws<ReleaseIntegrityException>(() => SocRelease.LoadDirectory(dir));
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

    public static TheoryData<string> DataFiles() => new(ReleaseFiles.DataFiles);

    public void Dispose() => _dir.Dispose();
}
