using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class ReleaseAndHealthTests(ApiFixture api)
{
    [Fact]
    public async Task Release_describes_the_manifest()
    {
        var response = await api.Client.Fetch("/v1/release");
        var body = response.As<ReleaseResponse>();

        var manifest = api.Release.Manifest;
        Assert.Equal(200, response.Status);
        Assert.Equal(manifest.ReleaseId, body.ReleaseId);
        Assert.Equal(manifest.FormatVersion, body.FormatVersion);
        Assert.Equal("Open Government Licence v3.0", body.Licence);
        Assert.Equal(manifest.Attribution, body.Attribution);
        Assert.Equal(manifest.Sources.Select(s => (s.File, s.Sha256, s.Bytes, s.Url)), body.Sources.Select(s => (s.File, s.Sha256, s.Bytes, s.Url)));
        Assert.Equal(manifest.Outputs.Select(o => (o.File, o.Sha256, o.Rows)), body.Files.Select(f => (f.File, f.Sha256, f.Rows)));
        Assert.All(body.Sources, s => Assert.Matches("^[0-9a-f]{64}$", s.Sha256));
        Assert.Equal(manifest.Counts.OrderBy(c => c.Key), body.Counts.OrderBy(c => c.Key));
        Assert.NotNull(response.Header("ETag"));
    }

    [Fact]
    public async Task Health_is_ok_names_the_release_and_is_never_cached()
    {
        var response = await api.Client.Fetch("/health");
        var body = response.As<HealthResponse>();

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", body.Status);
        Assert.Equal(api.Release.ReleaseId, body.ReleaseId);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Null(response.Header("ETag"));
    }
}
