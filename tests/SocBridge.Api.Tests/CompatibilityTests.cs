using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;
using SocBridge.Core.Classification;
using SocBridge.Core.Lookup;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class CompatibilityTests(ApiFixture api)
{
    private static readonly string[] ExistingShape = ["soc", "version", "title", "description", "qualifications", "tasks", "add_titles", "text_from"];

    [Theory]
    [InlineData("/api/v1/soc/code/2136")]
    [InlineData("/soc/code/2136")]
    [InlineData("/api/v1/soc2010/code/2136")]
    public async Task Soc2010_code_has_the_existing_shape_with_the_text_of_its_dominant_soc2020_group(string url)
    {
        var response = await api.Client.Fetch(url);

        Assert.Equal(200, response.Status);
        var json = response.Json.AsObject();
        Assert.Equal(ExistingShape, json.Select(p => p.Key));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, json["soc"]!.GetValueKind());
        foreach (var field in new[] { "title", "description", "qualifications", "tasks" })
            Assert.Equal(System.Text.Json.JsonValueKind.String, json[field]!.GetValueKind());
        var body = response.As<CompatOccupation>();
        var soc2020 = api.Release.Descriptions[SocCode.Parse("2134", SocVersion.Soc2020)];
        Assert.Equal(2136, body.Soc);
        Assert.Equal(2010, body.Version);
        Assert.Equal(api.Release.Soc2010.Get(SocCode.Parse("2136", SocVersion.Soc2010)).DisplayTitle, body.Title);
        Assert.Equal(soc2020.Description, body.Description);
        Assert.Equal(soc2020.EntryRoutes, body.Qualifications);
        Assert.Equal(string.Join("; ", soc2020.Tasks), body.Tasks);
        Assert.Equal("dominant", body.TextFrom.Kind);
        Assert.Equal(2134, body.TextFrom.Sources[0].Soc);
        Assert.Equal(2020, body.TextFrom.Sources[0].Version);
        Assert.True(body.TextFrom.Sources[0].Weight >= 0.8);
        Assert.NotEmpty(body.AddTitles);
        Assert.DoesNotContain("Missing", response.Body);
    }

    [Fact]
    public async Task A_split_soc2010_group_gives_every_counterparts_text_labelled_with_its_code_and_weight()
    {
        var texts = new OccupationTextBuilder(api.Release);
        var split = api.Release.Soc2010.UnitGroups
            .Select(g => (g.Code, Text: texts.For(g.Code)))
            .First(x => x.Text.Origin == TextOrigin.Counterparts && x.Text.Sources.Count >= 2);

        var body = (await api.Client.Fetch($"/api/v1/soc/code/{split.Code}")).As<CompatOccupation>();

        Assert.Equal("counterparts", body.TextFrom.Kind);
        Assert.Equal(split.Text.Sources.Select(s => s.Code.Value), body.TextFrom.Sources.Select(s => s.Soc));
        Assert.True(body.TextFrom.Sources[0].Weight < 0.8);
        Assert.Equal(1.0, body.TextFrom.Sources.Sum(s => s.Weight), 4);
        foreach (var source in body.TextFrom.Sources)
            Assert.Contains($"SOC2020 {source.Soc} ", body.Description);
        Assert.Contains("(weight 0.", body.Description);
        Assert.False(string.IsNullOrWhiteSpace(body.Tasks));
        Assert.False(string.IsNullOrWhiteSpace(body.Qualifications));
    }

    [Fact]
    public async Task Search_under_api_v1_returns_up_to_30_occupations_with_text_most_relevant_first()
    {
        var response = await api.Client.Fetch("/api/v1/soc/search?q=software");
        var body = response.As<IReadOnlyList<CompatOccupation>>();

        Assert.Equal(200, response.Status);
        Assert.InRange(body.Count, 2, 30);
        Assert.All(response.Json.AsArray(), o => Assert.Equal(ExistingShape, o!.AsObject().Select(p => p.Key)));
        Assert.All(body, o =>
        {
            Assert.Equal(2010, o.Version);
            Assert.False(string.IsNullOrWhiteSpace(o.Description));
            Assert.NotNull(o.Tasks);
            Assert.NotNull(o.Qualifications);
        });
        Assert.Equal(body.Count, body.Select(o => o.Soc).Distinct().Count());
        var expected = await api.Client.Fetch("/v1/search?q=software&soc=2010&limit=30");
        Assert.Equal(expected.Json["results"]!.AsArray().Select(r => int.Parse((string)r!["soc2010"]!["code"]!)), body.Select(o => o.Soc));
    }

    [Fact]
    public async Task Soc2020_clients_have_their_own_routes_and_a_version_that_contradicts_them_is_refused()
    {
        var code = (await api.Client.Fetch("/api/v1/soc2020/code/2134")).As<CompatOccupation>();
        var search = (await api.Client.Fetch("/api/v1/soc2020/search?q=software%20developer")).As<IReadOnlyList<CompatOccupation>>();

        Assert.Equal(2020, code.Version);
        Assert.Equal("own", code.TextFrom.Kind);
        Assert.Equal("Programmers and software development professionals", code.Title);
        Assert.Equal(2134, search[0].Soc);
        Assert.All(search, o => Assert.Equal(2020, o.Version));
        Assert.Equal(200, (await api.Client.Fetch("/api/v1/soc2020/code/2134?version=2020")).Status);
        Problems.BadParameter(await api.Client.Fetch("/api/v1/soc2020/code/2134?version=2010"), "version");
    }

    [Fact]
    public async Task The_default_edition_of_the_compatibility_routes_is_configurable()
    {
        using var configured = api.Configure(new Dictionary<string, string?> { ["Api:CompatibilityEdition"] = "2020" });
        using var client = configured.CreateClient();

        var body = (await client.Fetch("/api/v1/soc/code/2134")).As<CompatOccupation>();
        var asked = (await client.Fetch("/api/v1/soc/code/2134?version=2010")).As<CompatOccupation>();

        Assert.Equal(2020, body.Version);
        Assert.Equal("Programmers and software development professionals", body.Title);
        Assert.Equal(2010, asked.Version);
        Assert.Equal("IT project and programme managers", asked.Title);
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
        Assert.Equal("own", body.TextFrom.Kind);
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
