using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class MapTests(ApiFixture api)
{
    private static readonly WeightSelection Pooled = new(WeightSet.Pooled, SexSet.All);

    private MappingResult Library(string code, SocVersion from, WeightSelection selection, SocLevel? level = null) =>
        api.Release.Crosswalk.Map(SocCode.Parse(code, from), selection, level);

    private static void AssertSameTargets(MappingResult expected, MapResponse actual)
    {
        Assert.Equal(expected.Targets.Select(t => (t.Code.ToString(), t.Title, t.Weight, t.JointCount)),
            actual.Targets.Select(t => (t.Code, t.Title, t.Weight, t.JointCount)));
        Assert.Equal(expected.SampleTotal, actual.SampleTotal);
        Assert.Equal(expected.SourceBase, actual.SourceBase);
        Assert.Equal(expected.ResidualShare, actual.ResidualShare);
        Assert.Equal(expected.Relationship.Name(), actual.Relationship);
        Assert.Equal(expected.FallbackReason, actual.FallbackReason);
    }

    [Fact]
    public async Task Soc2010_2136_maps_to_2134_with_pooled_weight_0_994()
    {
        var body = (await api.Client.Fetch("/v1/soc/2010/2136/map?to=2020&level=4&weights=pooled&sex=all")).As<MapResponse>();

        Assert.Equal(0.994, body.Targets.Single(t => t.Code == "2134").Weight, 3);
        Assert.Equal("2134", body.Targets[0].Code);
        Assert.Equal(new WeightsRef("pooled", "all"), body.Requested);
        Assert.Equal(new WeightsRef("pooled", "all"), body.Used);
        Assert.False(body.Fallback);
        Assert.Equal(new MappingSource("2010", "2136", 4, "Programmers and software development professionals"), body.Source);
        Assert.Equal(new MappingTarget("2020", 4, "unit group"), body.Target);
        AssertSameTargets(Library("2136", SocVersion.Soc2010, Pooled), body);
        Assert.Equal(1.0, body.Targets.Sum(t => t.Weight), 9);
    }

    [Fact]
    public async Task Soc2020_2134_maps_back_to_2136_with_pooled_weight_0_880()
    {
        var body = (await api.Client.Fetch("/v1/soc/2020/2134/map?weights=pooled")).As<MapResponse>();

        Assert.Equal(0.880, body.Targets.Single(t => t.Code == "2136").Weight, 3);
        Assert.Equal("2010", body.Target.Version);
        Assert.Null(body.SourceBase);
        Assert.Null(body.ResidualShare);
        AssertSameTargets(Library("2134", SocVersion.Soc2020, Pooled), body);
    }

    [Fact]
    public async Task Default_lfs_weights_give_0_999_and_0_912()
    {
        var forward = (await api.Client.Fetch("/v1/soc/2010/2136/map")).As<MapResponse>();
        var back = (await api.Client.Fetch("/v1/soc/2020/2134/map")).As<MapResponse>();

        Assert.Equal(new WeightsRef("lfs", "all"), forward.Requested);
        Assert.Equal(0.999, forward.Targets.Single(t => t.Code == "2134").Weight, 3);
        Assert.Equal(0.912, back.Targets.Single(t => t.Code == "2136").Weight, 3);
        AssertSameTargets(Library("2136", SocVersion.Soc2010, WeightSelection.Default), forward);
        AssertSameTargets(Library("2134", SocVersion.Soc2020, WeightSelection.Default), back);
    }

    [Fact]
    public async Task Soc2010_mappings_report_base_and_residual()
    {
        var body = (await api.Client.Fetch("/v1/soc/2010/3545/map?weights=census")).As<MapResponse>();

        var expected = Library("3545", SocVersion.Soc2010, new WeightSelection(WeightSet.Census, SexSet.All));
        Assert.NotNull(body.SourceBase);
        Assert.NotNull(body.ResidualShare);
        Assert.Equal("complex", body.Relationship);
        AssertSameTargets(expected, body);
    }

    [Theory]
    [InlineData("2010", "21", null, 2)]
    [InlineData("2010", "2136", "2", 2)]
    [InlineData("2020", "2134", "1", 1)]
    [InlineData("2010", "213", "4", 4)]
    public async Task Level_sets_the_level_of_the_targets(string version, string code, string? level, int expectedLevel)
    {
        var query = level is null ? "" : $"?level={level}";
        var body = (await api.Client.Fetch($"/v1/soc/{version}/{code}/map{query}")).As<MapResponse>();

        var from = version == "2010" ? SocVersion.Soc2010 : SocVersion.Soc2020;
        Assert.Equal(expectedLevel, body.Target.Level);
        Assert.All(body.Targets, t => Assert.Equal(expectedLevel, t.Code.Length));
        AssertSameTargets(Library(code, from, WeightSelection.Default, (SocLevel)expectedLevel), body);
    }

    [Fact]
    public async Task A_requested_sample_without_records_falls_back_and_says_why()
    {
        var (code, selection) = FirstFallback();

        var body = (await api.Client.Fetch($"/v1/soc/2010/{code}/map?weights={WeightSets.Name(selection.Set)}&sex={WeightSets.Name(selection.Sex)}")).As<MapResponse>();

        var expected = Library(code.ToString(), SocVersion.Soc2010, selection);
        Assert.True(body.Fallback);
        Assert.False(string.IsNullOrWhiteSpace(body.FallbackReason));
        Assert.Equal(Views(selection), body.Requested);
        Assert.Equal(Views(expected.Used), body.Used);
        Assert.NotEqual(body.Requested, body.Used);
        AssertSameTargets(expected, body);
    }

    private (SocCode Code, WeightSelection Selection) FirstFallback()
    {
        foreach (var group in api.Release.Soc2010.UnitGroups)
            foreach (var selection in WeightSelection.All)
                if (api.Release.Crosswalk.Map(group.Code, selection) is { IsFallback: true, HasData: true })
                    return (group.Code, selection);
        throw new InvalidOperationException("the release has no fallback case");
    }

    private static WeightsRef Views(WeightSelection s) => new(WeightSets.Name(s.Set), WeightSets.Name(s.Sex));

    [Fact]
    public async Task Interval_gives_bounds_around_each_weight()
    {
        var body = (await api.Client.Fetch("/v1/soc/2020/2134/map?weights=pooled&interval=0.95")).As<MapResponse>();

        Assert.Equal(0.95, body.Interval);
        Assert.All(body.Targets, t =>
        {
            Assert.NotNull(t.Lower);
            Assert.NotNull(t.Upper);
            Assert.InRange(t.Weight, t.Lower!.Value, t.Upper!.Value);
            Assert.InRange(t.Lower.Value, 0, 1);
            Assert.InRange(t.Upper.Value, 0, 1);
        });
        var main = body.Targets.Single(t => t.Code == "2136");
        Assert.True(main.Upper - main.Lower < 0.05, "thousands of joint records give a narrow interval");
    }

    [Fact]
    public async Task Without_interval_the_bounds_are_left_out()
    {
        var response = await api.Client.Fetch("/v1/soc/2020/2134/map");

        Assert.Null(response.Json["interval"]);
        Assert.DoesNotContain("\"lower\"", response.Body);
    }

    [Fact]
    public async Task Unknown_code_is_404_with_near_codes()
    {
        var problem = Problems.Assert(await api.Client.Fetch("/v1/soc/2020/9999/map"), 404);

        Assert.Contains("SOC2020 9999", (string?)problem["detail"]);
        Assert.NotEmpty(problem["suggestions"]!.AsArray());
    }

    [Theory]
    [InlineData("/v1/soc/2010/2136/map?to=2010", "to")]
    [InlineData("/v1/soc/2020/2134/map?to=2020", "to")]
    [InlineData("/v1/soc/2010/2136/map?to=2030", "to")]
    [InlineData("/v1/soc/2010/2136/map?level=5", "level")]
    [InlineData("/v1/soc/2010/2136/map?level=0", "level")]
    [InlineData("/v1/soc/2010/2136/map?level=unit", "level")]
    [InlineData("/v1/soc/2010/2136/map?weights=all", "weights")]
    [InlineData("/v1/soc/2010/2136/map?sex=x", "sex")]
    [InlineData("/v1/soc/2010/2136/map?interval=95", "interval")]
    [InlineData("/v1/soc/2010/2136/map?interval=0", "interval")]
    [InlineData("/v1/soc/2010/2136/map?interval=abc", "interval")]
    [InlineData("/v1/soc/2010/21a6/map", "code")]
    [InlineData("/v1/soc/2011/2136/map", "version")]
    public async Task Bad_parameter_is_400_naming_it(string url, string parameter)
    {
        Problems.BadParameter(await api.Client.Fetch(url), parameter);
    }
}
