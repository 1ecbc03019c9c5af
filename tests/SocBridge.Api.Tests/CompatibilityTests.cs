using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;
using SocBridge.Core.Classification;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class CompatibilityTests(ApiFixture api)
{
    [Fact]
    public async Task Code_defaults_to_soc2010_in_the_existing_shape()
    {
        var response = await api.Client.Fetch("/soc/code/2136");

        Assert.Equal(200, response.Status);
        var json = response.Json.AsObject();
        Assert.Equal(["soc", "version", "title", "description", "qualifications", "tasks", "add_titles"], json.Select(p => p.Key));
        var body = response.As<CompatOccupation>();
        Assert.Equal(2136, body.Soc);
        Assert.Equal(2010, body.Version);
        Assert.Equal(api.Release.Soc2010.Get(SocCode.Parse("2136", SocVersion.Soc2010)).DisplayTitle, body.Title);
        Assert.Null(body.Description);
        Assert.NotEmpty(body.AddTitles);
        Assert.DoesNotContain("Missing", response.Body);
    }

    [Fact]
    public async Task Version_2020_gives_the_ons_description_entry_routes_and_tasks()
    {
        var body = (await api.Client.Fetch("/soc/code/2134?version=2020")).As<CompatOccupation>();

        var d = api.Release.Descriptions[SocCode.Parse("2134", SocVersion.Soc2020)];
        Assert.Equal(2020, body.Version);
        Assert.Equal(d.Description, body.Description);
        Assert.Equal(d.EntryRoutes, body.Qualifications);
        Assert.Equal(string.Join("; ", d.Tasks), body.Tasks);
        Assert.Equal(d.RelatedJobTitles, body.AddTitles);
    }

    [Fact]
    public async Task Search_returns_distinct_occupations_of_the_edition_best_first()
    {
        var response = await api.Client.Fetch("/soc/search?q=software%20developer");
        var body = response.As<IReadOnlyList<CompatOccupation>>();

        Assert.Equal(200, response.Status);
        Assert.InRange(body.Count, 1, 30);
        Assert.Equal(2136, body[0].Soc);
        Assert.All(body, o => Assert.Equal(2010, o.Version));
        Assert.Equal(body.Count, body.Select(o => o.Soc).Distinct().Count());
    }

    [Fact]
    public async Task Search_in_soc2020()
    {
        var body = (await api.Client.Fetch("/soc/search?q=software%20developer&version=2020")).As<IReadOnlyList<CompatOccupation>>();

        Assert.Equal(2134, body[0].Soc);
        Assert.All(body, o => Assert.Equal(2020, o.Version));
    }

    [Fact]
    public async Task Unknown_code_is_404_problem()
    {
        var problem = Problems.Assert(await api.Client.Fetch("/soc/code/9999"), 404);

        Assert.Equal("9999", (string?)problem["value"]);
        Assert.NotEmpty(problem["suggestions"]!.AsArray());
    }

    [Theory]
    [InlineData("/soc/code/2136?version=2015", "version")]
    [InlineData("/soc/code/abc", "code")]
    [InlineData("/soc/search", "q")]
    [InlineData("/soc/search?q=nurse&version=x", "version")]
    public async Task Bad_parameter_is_400_naming_it(string url, string parameter)
    {
        Problems.BadParameter(await api.Client.Fetch(url), parameter);
    }
}
