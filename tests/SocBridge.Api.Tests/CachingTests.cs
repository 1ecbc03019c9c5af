using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class CachingTests(ApiFixture api)
{
    public static TheoryData<string> CacheableUrls() =>
    [
        "/v1/soc/2010/2136",
        "/v1/soc/2020/2134/map?weights=pooled",
        "/v1/search?q=nurse",
        "/v1/release",
        "/soc/code/2136",
        "/soc/search?q=nurse",
    ];

    [Theory]
    [MemberData(nameof(CacheableUrls))]
    public async Task Answers_carry_an_etag_from_the_release_and_cache_control(string url)
    {
        var response = await api.Client.Fetch(url);

        Assert.Equal(200, response.Status);
        var etag = response.Header("ETag");
        Assert.NotNull(etag);
        Assert.StartsWith($"\"{api.Release.ReleaseId}-", etag);
        Assert.Equal("public, max-age=3600", response.Header("Cache-Control"));
    }

    [Theory]
    [MemberData(nameof(CacheableUrls))]
    public async Task If_none_match_with_the_etag_gives_304_without_a_body(string url)
    {
        var etag = (await api.Client.Fetch(url)).Header("ETag")!;

        var again = await api.Client.Fetch(url, etag);

        Assert.Equal(304, again.Status);
        Assert.Equal("", again.Body);
        Assert.Equal(etag, again.Header("ETag"));
    }

    [Fact]
    public async Task Weak_list_and_star_forms_of_if_none_match_are_honoured()
    {
        var etag = (await api.Client.Fetch("/v1/soc/2010/2136")).Header("ETag")!;

        Assert.Equal(304, (await api.Client.Fetch("/v1/soc/2010/2136", $"W/{etag}")).Status);
        Assert.Equal(304, (await api.Client.Fetch("/v1/soc/2010/2136", $"\"other\", {etag}")).Status);
        Assert.Equal(304, (await api.Client.Fetch("/v1/soc/2010/2136", "*")).Status);
    }

    [Fact]
    public async Task A_stale_etag_gets_the_full_answer()
    {
        var response = await api.Client.Fetch("/v1/soc/2010/2136", "\"soc-crosswalk-000000000000-0000000000000000\"");

        Assert.Equal(200, response.Status);
        Assert.NotEmpty(response.Body);
    }

    [Fact]
    public async Task Different_answers_have_different_etags_and_equal_answers_equal_ones()
    {
        var lfs = (await api.Client.Fetch("/v1/soc/2010/2136/map")).Header("ETag");
        var pooled = (await api.Client.Fetch("/v1/soc/2010/2136/map?weights=pooled")).Header("ETag");
        var spelled = (await api.Client.Fetch("/v1/soc/soc2010/SOC2010:2136/map?weights=lfs&sex=all")).Header("ETag");

        Assert.NotEqual(lfs, pooled);
        Assert.Equal(lfs, spelled);
    }

    [Fact]
    public async Task Separate_instances_serving_the_same_release_give_identical_answers_and_etags()
    {
        using var other = api.Configure(new Dictionary<string, string?> { ["Api:RateLimit:Enabled"] = "false", ["Api:ResponseCacheMegabytes"] = "0" });
        using var client = other.CreateClient();

        foreach (var url in CacheableUrls())
        {
            var a = await api.Client.Fetch(url);
            var b = await client.Fetch(url);
            Assert.Equal(a.Body, b.Body);
            Assert.Equal(a.Header("ETag"), b.Header("ETag"));
        }
    }

    [Fact]
    public async Task Errors_are_not_marked_cacheable()
    {
        var response = await api.Client.Fetch("/v1/soc/2010/9999");

        Assert.Equal(404, response.Status);
        Assert.Null(response.Header("ETag"));
        Assert.Null(response.Header("Cache-Control"));
    }
}
