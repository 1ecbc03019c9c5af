using Microsoft.Extensions.DependencyInjection;
using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;
using SocBridge.Recode.Coding;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class CodeTests(ApiFixture api) : IAsyncLifetime
{
    // The shared instance builds its coder on first use; wait for it here rather than in each request.
    public Task InitializeAsync() => api.Factory.Services.GetRequiredService<SocBridge.Api.Services.CodeService>().Ready().WaitAsync(TimeSpan.FromMinutes(3));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_title_is_coded_as_the_library_codes_it()
    {
        var response = await api.Client.Fetch("/v1/code?title=senior%20software%20engineer");

        Assert.Equal(200, response.Status);
        var body = response.As<CodeResponse>();
        var expected = api.Coder.Code("senior software engineer", 5);
        Assert.Equal(api.Release.ReleaseId, body.ReleaseId);
        Assert.Equal(5, body.Top);
        Assert.Equal("senior software engineer", body.Title);
        Assert.Equal(expected.Understood, body.Understood);
        Assert.Equal(expected.Candidates.Select(c => (c.Rank, c.Soc2020.ToString(), c.Score, c.Soc2010?.ToString())),
            body.Candidates.Select(c => (c.Rank, c.Soc2020.Code, c.Score, c.Soc2010?.Code)));
        Assert.Equal(expected.Soc2010Candidates.Select(c => (c.Soc2010.ToString(), c.Score)), body.Soc2010Candidates.Select(c => (c.Code, c.Score)));
        var best = body.Candidates[0];
        Assert.Equal("2134", best.Soc2020.Code);
        Assert.Equal("2136", best.Soc2010!.Code);
        Assert.NotEmpty(best.Matches);
        Assert.InRange(best.Score, 0, 100);
        Assert.NotNull(response.Header("ETag"));
    }

    [Fact]
    public async Task Top_sets_how_many_candidates()
    {
        var body = (await api.Client.Fetch("/v1/code?title=nurse&top=2")).As<CodeResponse>();

        Assert.Equal(2, body.Top);
        Assert.InRange(body.Candidates.Count, 1, 2);
        Assert.InRange(body.Soc2010Candidates.Count, 1, 2);
    }

    [Fact]
    public async Task A_title_nothing_resembles_has_no_candidates_rather_than_a_placeholder()
    {
        var response = await api.Client.Fetch("/v1/code?title=qqqq%20zzzz");
        var body = response.As<CodeResponse>();

        Assert.Equal(200, response.Status);
        Assert.Empty(body.Candidates);
    }

    [Theory]
    [InlineData("/v1/code", "title")]
    [InlineData("/v1/code?title=%20", "title")]
    [InlineData("/v1/code?title=nurse&top=0", "top")]
    [InlineData("/v1/code?title=nurse&top=21", "top")]
    [InlineData("/v1/code?title=nurse&top=five", "top")]
    public async Task Bad_parameter_is_400_naming_it(string url, string parameter)
    {
        Problems.BadParameter(await api.Client.Fetch(url), parameter);
    }

    [Fact]
    public async Task An_over_long_title_is_400()
    {
        var problem = Problems.BadParameter(await api.Client.Fetch("/v1/code?title=" + new string('a', 201)), "title");

        Assert.Contains("201 characters", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_batch_is_coded_in_input_order_like_single_titles()
    {
        var response = await api.Client.PostJson("/v1/code", """{"titles": ["software engineer", "", "staff nurse", null], "top": 3}""");

        Assert.Equal(200, response.Status);
        var body = response.As<CodeBatchResponse>();
        Assert.Equal(4, body.Count);
        Assert.Equal(3, body.Top);
        Assert.Equal([0, 1, 2, 3], body.Results.Select(r => r.Index));
        Assert.Equal("software engineer", body.Results[0].Title);
        Assert.Empty(body.Results[1].Candidates);
        Assert.Empty(body.Results[3].Candidates);
        var single = (await api.Client.Fetch("/v1/code?title=staff%20nurse&top=3")).As<CodeResponse>();
        Assert.Equal(single.Candidates.Select(c => (c.Soc2020.Code, c.Score)), body.Results[2].Candidates.Select(c => (c.Soc2020.Code, c.Score)));
    }

    /// <summary>An index title with an industry qualifier whose best SOC2020 group the industry changes.</summary>
    private (string Title, string Industry, CodingResult Plain, CodingResult WithIndustry) TitleTheIndustryDecides()
    {
        foreach (var entry in api.Release.Index.Entries.Where(e => e.IndustryQualifier.Length > 0 && e.AdditionalQualifier.Length == 0 && !e.IsSeeReference))
        {
            var plain = api.Coder.Code(entry.Title, 3);
            var withIndustry = api.Coder.Code(entry.Title, 3, entry.IndustryQualifier);
            if (plain.Candidates.Count > 0 && withIndustry.Candidates.Count > 0 && plain.Candidates[0].Soc2020 != withIndustry.Candidates[0].Soc2020)
                return (entry.Title, entry.IndustryQualifier, plain, withIndustry);
        }
        throw new InvalidOperationException("no index title whose industry changes its best group");
    }

    [Fact]
    public async Task An_industry_is_read_against_the_index_qualifiers_as_the_library_reads_it()
    {
        var (title, industry, plain, withIndustry) = TitleTheIndustryDecides();
        var url = $"/v1/code?title={Uri.EscapeDataString(title)}&top=3";

        var without = (await api.Client.Fetch(url)).As<CodeResponse>();
        var with = (await api.Client.Fetch($"{url}&industry={Uri.EscapeDataString(industry)}")).As<CodeResponse>();

        Assert.Null(without.Industry);
        Assert.Equal(industry, with.Industry);
        Assert.Equal(plain.Candidates.Select(c => (c.Soc2020.ToString(), c.Score)), without.Candidates.Select(c => (c.Soc2020.Code, c.Score)));
        Assert.Equal(withIndustry.Candidates.Select(c => (c.Soc2020.ToString(), c.Score)), with.Candidates.Select(c => (c.Soc2020.Code, c.Score)));
        Assert.NotEqual(without.Candidates[0].Soc2020.Code, with.Candidates[0].Soc2020.Code);
    }

    [Fact]
    public async Task A_batch_takes_an_industry_per_title()
    {
        var (title, industry, plain, withIndustry) = TitleTheIndustryDecides();
        var json = System.Text.Json.JsonSerializer.Serialize(new { titles = new[] { title, title }, top = 3, industries = new[] { null, industry } });

        var body = (await api.Client.PostJson("/v1/code", json)).As<CodeBatchResponse>();

        Assert.Null(body.Results[0].Industry);
        Assert.Equal(industry, body.Results[1].Industry);
        Assert.Equal(plain.Candidates.Select(c => c.Soc2020.ToString()), body.Results[0].Candidates.Select(c => c.Soc2020.Code));
        Assert.Equal(withIndustry.Candidates.Select(c => c.Soc2020.ToString()), body.Results[1].Candidates.Select(c => c.Soc2020.Code));
    }

    [Fact]
    public async Task A_bad_industry_is_400_naming_it()
    {
        Problems.BadParameter(await api.Client.Fetch("/v1/code?title=manager&industry=" + new string('b', 101)), "industry");
        var problem = Problems.Assert(await api.Client.PostJson("/v1/code", """{"titles": ["manager", "nurse"], "industries": ["K"]}"""), 400);
        Assert.Equal("industries", (string?)problem["parameter"]);
    }

    [Theory]
    [InlineData("""{"titles": []}""", "titles")]
    [InlineData("""{"top": 3}""", "titles")]
    [InlineData("""{"titles": ["nurse"], "top": 0}""", "top")]
    [InlineData("""{"titles": "nurse"}""", "titles")]
    [InlineData("""{"titles": ["nurse"]""", "body")]
    public async Task A_bad_batch_is_400_naming_the_field(string json, string field)
    {
        var problem = Problems.Assert(await api.Client.PostJson("/v1/code", json), 400);

        Assert.Contains(field, (string?)problem["parameter"] + " " + (string?)problem["detail"]);
    }

    [Fact]
    public async Task An_over_long_title_in_a_batch_is_400_naming_it()
    {
        var problem = Problems.Assert(await api.Client.PostJson("/v1/code", $$"""{"titles": ["nurse", "{{new string('a', 201)}}"]}"""), 400);

        Assert.Equal("titles[1]", (string?)problem["parameter"]);
    }

    [Fact]
    public async Task Too_many_titles_is_400_and_too_large_a_body_413()
    {
        using var small = api.Configure(new Dictionary<string, string?> { ["Api:MaxTitlesPerRequest"] = "2", ["Api:MaxRequestBodyBytes"] = "100" });
        using var client = small.CreateClient();

        var tooMany = Problems.Assert(await client.PostJson("/v1/code", """{"titles": ["a", "b", "c"]}"""), 400);
        Problems.Assert(await client.PostJson("/v1/code", $$"""{"titles": ["{{new string('a', 120)}}"]}"""), 413);

        Assert.Contains("at most 2", (string?)tooMany["detail"]);
    }

    [Fact]
    public async Task A_batch_that_is_not_json_is_415()
    {
        Problems.Assert(await api.Client.PostJson("/v1/code", "nurse\nengineer", "text/plain"), 415);
    }
}
