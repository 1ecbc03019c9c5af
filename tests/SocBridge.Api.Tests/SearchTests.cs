using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class SearchTests(ApiFixture api)
{
    [Fact]
    public async Task Results_follow_the_library_ranking_with_both_codes()
    {
        var body = (await api.Client.Fetch("/v1/search?q=software%20developer")).As<SearchResponse>();

        var expected = api.Release.Index.Search("software developer", 30);
        Assert.Equal("software developer", body.Query);
        Assert.Equal("both", body.Soc);
        Assert.Equal(30, body.Limit);
        Assert.Equal(expected.Count, body.Count);
        Assert.Equal(expected.Select(h => (h.Entry.Id, h.Score)), body.Results.Select(r => (r.Id, r.Score)));
        Assert.Equal(Enumerable.Range(1, body.Count), body.Results.Select(r => r.Rank));
        var top = body.Results[0];
        Assert.Equal("Software developer", top.Title);
        Assert.Equal("2136", top.Soc2010!.Code);
        Assert.Equal("2134", top.Soc2020!.Code);
        Assert.Equal("Programmers and software development professionals", top.Soc2020.Title);
    }

    [Fact]
    public async Task Default_limit_is_30_as_the_existing_service()
    {
        var body = (await api.Client.Fetch("/v1/search?q=manager")).As<SearchResponse>();

        Assert.Equal(30, body.Count);
    }

    [Fact]
    public async Task Limit_caps_the_results()
    {
        var body = (await api.Client.Fetch("/v1/search?q=nurse&limit=5")).As<SearchResponse>();

        Assert.Equal(5, body.Count);
        Assert.Equal(api.Release.Index.Search("nurse", 5).Select(h => h.Entry.Id), body.Results.Select(r => r.Id));
    }

    [Theory]
    [InlineData("2010")]
    [InlineData("2020")]
    public async Task Soc_scope_keeps_the_best_title_of_each_unit_group(string soc)
    {
        var body = (await api.Client.Fetch($"/v1/search?q=engineer&soc={soc}&limit=10")).As<SearchResponse>();

        var codes = body.Results.Select(r => soc == "2010" ? r.Soc2010!.Code : r.Soc2020!.Code).ToArray();
        Assert.Equal(soc, body.Soc);
        Assert.Equal(10, body.Count);
        Assert.Equal(codes.Length, codes.Distinct().Count());
        var firstPerGroup = api.Release.Index.Search("engineer", 3000)
            .Where(h => (soc == "2010" ? h.Entry.Soc2010 : h.Entry.Soc2020) is not null)
            .DistinctBy(h => soc == "2010" ? h.Entry.Soc2010 : h.Entry.Soc2020)
            .Take(10)
            .Select(h => h.Entry.Id);
        Assert.Equal(firstPerGroup, body.Results.Select(r => r.Id));
    }

    [Fact]
    public async Task A_query_that_matches_nothing_is_an_empty_list()
    {
        var body = (await api.Client.Fetch("/v1/search?q=zzzxqv")).As<SearchResponse>();

        Assert.Equal(0, body.Count);
        Assert.Empty(body.Results);
    }

    [Theory]
    [InlineData("/v1/search", "q")]
    [InlineData("/v1/search?q=", "q")]
    [InlineData("/v1/search?q=%20%20", "q")]
    [InlineData("/v1/search?q=%21%3F", "q")]
    [InlineData("/v1/search?q=nurse&limit=0", "limit")]
    [InlineData("/v1/search?q=nurse&limit=101", "limit")]
    [InlineData("/v1/search?q=nurse&limit=ten", "limit")]
    [InlineData("/v1/search?q=nurse&soc=2030", "soc")]
    public async Task Bad_parameter_is_400_naming_it(string url, string parameter)
    {
        Problems.BadParameter(await api.Client.Fetch(url), parameter);
    }

    [Fact]
    public async Task An_over_long_query_is_400()
    {
        var problem = Problems.BadParameter(await api.Client.Fetch("/v1/search?q=" + new string('a', 201)), "q");

        Assert.Contains("201 characters", (string?)problem["detail"]);
    }
}
