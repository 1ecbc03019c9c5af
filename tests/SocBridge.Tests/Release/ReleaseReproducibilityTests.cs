using SocBridge.Core.Release;
using SocBridge.Release;

namespace SocBridge.Tests.Release;

/// <summary>The release is a pure function of the ONS originals, and the committed copy is that function's output.</summary>
[Collection(ReleaseBuildCollection.Name)]
public sealed class ReleaseReproducibilityTests(ReleaseBuildFixture build)
{
    private static IEnumerable<string> AllFiles => ReleaseFiles.DataFiles.Append(ReleaseFiles.Manifest);

    [RequiresOnsSourcesFact]
    public void Building_twice_gives_byte_identical_files()
    {
        var second = Path.Combine(Path.GetTempPath(), "socbridge-release-rebuild-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = ReleaseBuilder.Build(OnsSources.Directory, second);
            Assert.Equal(build.Report.ReleaseId, report.ReleaseId);
            foreach (var file in AllFiles)
                Assert.True(File.ReadAllBytes(build.PathOf(file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))),
                    $"{file} differs between two builds");
            Assert.Equal(AllFiles.Order(StringComparer.Ordinal), Directory.GetFiles(second).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(second)) Directory.Delete(second, recursive: true);
        }
    }

    [RequiresOnsSourcesFact]
    public void Committed_release_equals_a_fresh_build()
    {
        foreach (var file in AllFiles)
        {
            var committed = Path.Combine(OnsSources.CommittedRelease, file);
            Assert.True(File.Exists(committed), $"crosswalks/{file} is missing");
            Assert.True(File.ReadAllBytes(build.PathOf(file)).AsSpan().SequenceEqual(File.ReadAllBytes(committed)),
                $"crosswalks/{file} differs from a fresh build: rebuild the release from the ONS originals and commit it");
        }
    }
}
