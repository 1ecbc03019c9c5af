using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class SocLookupTests(ApiFixture api)
{
    private readonly CodeLookup _library = new(api.Release);

    [Fact]
    public async Task Soc2010_unit_group_matches_the_library()
    {
        var response = await api.Client.Fetch("/v1/soc/2010/2136");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.ContentType);
        var body = response.As<SocCodeResponse>();
        var expected = _library.Lookup("2136", SocVersion.Soc2010).Value;
        Assert.Equal(api.Release.ReleaseId, body.ReleaseId);
        Assert.Equal("2010", body.Version);
        Assert.Equal("2136", body.Code);
        Assert.Equal(4, body.Level);
        Assert.Equal("unit group", body.LevelName);
        Assert.Equal(expected.Title, body.Title);
        Assert.Equal(expected.OnsTitle, body.OnsTitle);
        Assert.Equal("213", body.Parent!.Code);
        Assert.Equal(["2", "21", "213"], body.Ancestors.Select(a => a.Code));
        Assert.Empty(body.Children);
        Assert.Null(body.Description);
        Assert.Empty(body.Extensions);
        Assert.Equal(expected.IndexEntryCount, body.IndexEntryCount);
        Assert.Equal(expected.IndexSample.Select(e => e.Id), body.IndexTitles.Select(t => t.Id));
        Assert.Equal("2020", body.Related.Target.Version);
        Assert.Equal(expected.Related.Relationship.Name(), body.Related.Relationship);
        Assert.Equal(expected.Related.Targets.Select(t => (t.Code.ToString(), t.Weight, t.JointCount)),
            body.Related.Targets.Select(t => (t.Code, t.Weight, t.JointCount)));
    }

    [Fact]
    public async Task Soc2020_unit_group_carries_the_ons_description_and_sub_unit_groups()
    {
        var body = (await api.Client.Fetch("/v1/soc/2020/2134")).As<SocCodeResponse>();

        var expected = api.Release.Descriptions[SocCode.Parse("2134", SocVersion.Soc2020)];
        Assert.Equal("2020", body.Version);
        Assert.NotNull(body.Description);
        Assert.Equal(expected.Description, body.Description!.Text);
        Assert.Equal(expected.EntryRoutes, body.Description.EntryRoutes);
        Assert.Equal(expected.Tasks, body.Description.Tasks);
        Assert.Equal(expected.RelatedJobTitles, body.Description.RelatedJobTitles);
        Assert.NotEmpty(body.Description.Tasks);
        Assert.NotEmpty(body.Extensions);
        Assert.All(body.Extensions, e => Assert.StartsWith("2134/", e.Code));
        Assert.Equal("2010", body.Related.Target.Version);
        Assert.Contains(body.Related.Targets, t => t.Code == "2136");
    }

    [Theory]
    [InlineData("2010", "2", 1, "major group")]
    [InlineData("2010", "21", 2, "sub-major group")]
    [InlineData("2020", "213", 3, "minor group")]
    public async Task Coarser_groups_list_their_children(string version, string code, int level, string levelName)
    {
        var body = (await api.Client.Fetch($"/v1/soc/{version}/{code}")).As<SocCodeResponse>();

        var hierarchy = api.Release.Hierarchy(version == "2010" ? SocVersion.Soc2010 : SocVersion.Soc2020);
        var group = hierarchy.Get(SocCode.Parse(code, version == "2010" ? SocVersion.Soc2010 : SocVersion.Soc2020));
        Assert.Equal(level, body.Level);
        Assert.Equal(levelName, body.LevelName);
        Assert.Equal(group.Children.Select(c => c.ToString()), body.Children.Select(c => c.Code));
        Assert.Equal(level, body.Related.Target.Level);
    }

    [Theory]
    [InlineData("SOC2010:2136")]
    [InlineData(" 2136 ")]
    [InlineData("soc2010 2136")]
    public async Task Code_spellings_the_library_accepts_resolve_to_the_same_group(string spelling)
    {
        var body = (await api.Client.Fetch($"/v1/soc/2010/{Uri.EscapeDataString(spelling)}")).As<SocCodeResponse>();

        Assert.Equal("2136", body.Code);
    }

    [Theory]
    [InlineData("soc2020")]
    [InlineData("20")]
    public async Task Version_spellings_are_accepted_and_answered_canonically(string version)
    {
        var body = (await api.Client.Fetch($"/v1/soc/{version}/2134")).As<SocCodeResponse>();

        Assert.Equal("2020", body.Version);
    }

    [Fact]
    public async Task Weights_and_sex_choose_the_related_weights()
    {
        var body = (await api.Client.Fetch("/v1/soc/2010/2136?weights=pooled&sex=women")).As<SocCodeResponse>();

        var expected = api.Release.Crosswalk.Map(SocCode.Parse("2136", SocVersion.Soc2010), new WeightSelection(WeightSet.Pooled, SexSet.Women));
        Assert.Equal(new WeightsRef("pooled", "women"), body.Related.Requested);
        Assert.Equal(expected.Targets.Select(t => (t.Code.ToString(), t.Weight)), body.Related.Targets.Select(t => (t.Code, t.Weight)));
    }

    [Fact]
    public async Task Unknown_code_is_404_naming_the_code_with_near_codes()
    {
        var response = await api.Client.Fetch("/v1/soc/2010/2199");

        var problem = Problems.Assert(response, 404);
        Assert.Equal("code", (string?)problem["parameter"]);
        Assert.Equal("2199", (string?)problem["value"]);
        Assert.Contains("2199", (string?)problem["detail"]);
        var suggestions = problem["suggestions"]!.AsArray().Select(s => (string?)s!["code"]).ToArray();
        var expected = api.Release.Soc2010.Suggest("2199").Select(g => g.Code.ToString()).ToArray();
        Assert.NotEmpty(suggestions);
        Assert.Equal(expected, suggestions);
        Assert.All(problem["suggestions"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string?)s!["title"])));
    }

    [Fact]
    public async Task A_soc2020_only_code_is_unknown_in_soc2010()
    {
        var soc2020Only = api.Release.Soc2020.UnitGroups.Select(g => g.Code.Value).First(v => !api.Release.Soc2010.Contains(SocCode.Create(SocVersion.Soc2010, v)));

        var response = await api.Client.Fetch($"/v1/soc/2010/{soc2020Only}");

        var problem = Problems.Assert(response, 404);
        Assert.Contains($"SOC2010 {soc2020Only}", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("21x6", "not a digit")]
    [InlineData("21366", "1 to 4 digits")]
    [InlineData("0136", "never start with 0")]
    [InlineData("2134%2F01", "sub-unit")]
    public async Task Malformed_code_is_400_saying_why(string code, string why)
    {
        var response = await api.Client.Fetch($"/v1/soc/2020/{code}");

        var problem = Problems.BadParameter(response, "code");
        Assert.Contains(why, (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("/v1/soc/2030/2136", "version")]
    [InlineData("/v1/soc/latest/2136", "version")]
    [InlineData("/v1/soc/2010/2136?weights=ons", "weights")]
    [InlineData("/v1/soc/2010/2136?weights=", "weights")]
    [InlineData("/v1/soc/2010/2136?sex=other", "sex")]
    public async Task Bad_version_or_parameter_is_400_naming_it(string url, string parameter)
    {
        var response = await api.Client.Fetch(url);

        Problems.BadParameter(response, parameter);
    }
}
