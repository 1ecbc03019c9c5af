using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class OpenApiTests(ApiFixture api)
{
    public static TheoryData<string, string, string[], string[]> Operations() => new()
    {
        { "get", "/v1/soc/{version}/{code}", ["version", "code", "weights", "sex"], ["200", "304", "400", "404", "429", "503"] },
        { "get", "/v1/soc/{version}/{code}/map", ["version", "code", "to", "level", "weights", "sex", "interval"], ["200", "304", "400", "404", "429", "503"] },
        { "get", "/v1/search", ["q", "soc", "limit"], ["200", "304", "400", "429", "503"] },
        { "post", "/v1/apportion", [], ["200", "400", "413", "415", "429", "503"] },
        { "get", "/v1/code", ["industry", "title", "top"], ["200", "304", "400", "429", "503"] },
        { "post", "/v1/code", [], ["200", "400", "413", "415", "429", "503"] },
        { "get", "/v1/release", [], ["200", "304", "429", "503"] },
        { "get", "/health", [], ["200", "503"] },
        { "get", "/health/ready", [], ["200", "503"] },
        { "get", "/audit", [], ["200", "304", "429", "503"] },
        { "get", "/soc/code/{code}", ["code", "version"], ["200", "304", "400", "404", "429", "503"] },
        { "get", "/soc/search", ["q", "version"], ["200", "304", "400", "429", "503"] },
        { "get", "/api/v1/soc/code/{code}", ["code", "version"], ["200", "304", "400", "404", "429", "503"] },
        { "get", "/api/v1/soc/search", ["q", "version"], ["200", "304", "400", "429", "503"] },
        { "get", "/api/v1/soc2010/code/{code}", ["code", "version"], ["200", "304", "400", "404", "429", "503"] },
        { "get", "/api/v1/soc2010/search", ["q", "version"], ["200", "304", "400", "429", "503"] },
        { "get", "/api/v1/soc2020/code/{code}", ["code", "version"], ["200", "304", "400", "404", "429", "503"] },
        { "get", "/api/v1/soc2020/search", ["q", "version"], ["200", "304", "400", "429", "503"] },
    };

    private async Task<JsonNode> Document() => (await api.Client.Fetch("/openapi/v1.json")).Json;

    [Fact]
    public async Task The_document_is_valid_openapi()
    {
        var response = await api.Client.Fetch("/openapi/v1.json");
        Assert.Equal(200, response.Status);

        var settings = new OpenApiReaderSettings();
        var result = OpenApiDocument.Parse(response.Body, "json", settings);

        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.StartsWith("3.1", (string?)response.Json["openapi"]);
        Assert.Equal("SocBridge API", result.Document!.Info.Title);
        Assert.Contains(api.Release.ReleaseId, result.Document.Info.Description);
    }

    [Fact]
    public async Task The_document_lists_exactly_the_api_endpoints()
    {
        var paths = (await Document())["paths"]!.AsObject();

        var listed = paths.SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key} {p.Key}")).Order(StringComparer.Ordinal);
        var expected = Operations().Select(o => $"{o[0]} {o[1]}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_endpoint_documents_its_parameters_and_error_responses(string method, string path, string[] parameters, string[] statuses)
    {
        var operation = (await Document())["paths"]![path]![method]!;

        var documented = operation["parameters"]?.AsArray().Select(p => (string?)p!["name"]).ToArray() ?? [];
        Assert.Equal(parameters.Order(), documented.Order());
        foreach (var p in operation["parameters"]?.AsArray() ?? [])
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)p!["description"]), $"{path} {p["name"]} has a description");
            Assert.NotNull(p["schema"]);
        }
        var responses = operation["responses"]!.AsObject();
        Assert.Equal(statuses.Order(), responses.Select(r => r.Key).Order());
        foreach (var status in statuses.Where(s => s[0] is '4' or '5'))
            Assert.NotNull(responses[status]!["content"]![path == "/health/ready" ? "application/json" : "application/problem+json"]);
        Assert.NotNull(responses["200"]!["content"]![path == "/audit" ? "text/html" : "application/json"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)operation["operationId"]));
    }

    [Fact]
    public async Task Parameters_list_their_allowed_values()
    {
        var paths = (await Document())["paths"]!;
        var map = paths["/v1/soc/{version}/{code}/map"]!["get"]!["parameters"]!.AsArray();
        string[] Enum(string name) => map.Single(p => (string?)p!["name"] == name)!["schema"]!["enum"]!.AsArray().Select(v => (string)v!).ToArray();

        Assert.Equal(["2010", "2020"], Enum("version"));
        Assert.Equal(["lfs", "census", "pooled"], Enum("weights"));
        Assert.Equal(["all", "men", "women"], Enum("sex"));
        var level = map.Single(p => (string?)p!["name"] == "level")!["schema"]!;
        Assert.Equal("integer", (string?)level["type"]);
        var q = paths["/v1/search"]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "q")!;
        Assert.True((bool)q["required"]!);
    }

    [Theory]
    [InlineData("/v1/apportion")]
    [InlineData("/v1/code")]
    public async Task Post_endpoints_document_their_request_body(string path)
    {
        var body = (await Document())["paths"]![path]!["post"]!["requestBody"]!;

        Assert.NotNull(body["content"]!["application/json"]!["schema"]);
    }

    [Fact]
    public async Task The_document_declares_no_authentication_tag_descriptions_and_a_relative_server()
    {
        var document = await Document();

        var security = document["security"]!.AsArray();
        Assert.Single(security);
        Assert.Empty(security[0]!.AsObject());
        Assert.Equal("/", (string?)document["servers"]![0]!["url"]);
        var tags = document["tags"]!.AsArray();
        var used = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).SelectMany(o => o.Value!["tags"]!.AsArray()).Select(t => (string)t!).Distinct();
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["description"])));
        Assert.Subset(tags.Select(t => (string)t!["name"]!).ToHashSet(), used.ToHashSet());
    }

    [Theory]
    [InlineData("/v1/soc/{version}/{code}", "soc2010-2136", "/v1/soc/2010/2136")]
    [InlineData("/v1/soc/{version}/{code}", "soc2020-2134", "/v1/soc/2020/2134")]
    [InlineData("/v1/search", "software-developer", "/v1/search?q=software%20developer&limit=5")]
    [InlineData("/api/v1/soc/code/{code}", "soc2010-2136", "/api/v1/soc/code/2136")]
    [InlineData("/api/v1/soc/search", "software-developer", "/api/v1/soc/search?q=software%20developer")]
    [InlineData("/api/v1/soc2020/code/{code}", "soc2020-2134", "/api/v1/soc2020/code/2134")]
    public async Task Response_examples_are_real_answers_of_the_release(string path, string example, string url)
    {
        var value = (await Document())["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]![example]!["value"]!;

        var answer = await api.Client.Fetch(url);

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(answer.Json, value), $"the example of {path} is the answer of {url}");
    }

    [Fact]
    public async Task The_cli_and_the_api_write_the_same_objects_under_one_schema()
    {
        await api.Factory.Services.GetRequiredService<SocBridge.Api.Services.CodeService>().Ready().WaitAsync(TimeSpan.FromMinutes(3));
        var document = await Document();
        var schemas = document["components"]!["schemas"]!;
        var cases = new (string Schema, string Url, string[] Cli)[]
        {
            ("MapResponse", "/v1/soc/2010/2136/map?weights=pooled", ["map", "2136", "--from", "2010", "--weights", "pooled", "--format", "json"]),
            ("SocCodeResponse", "/v1/soc/2020/2134", ["lookup", "2134", "--soc", "2020", "--format", "json"]),
            ("SearchResponse", "/v1/search?q=software%20developer&limit=5", ["search", "software developer", "--limit", "5", "--format", "json"]),
            ("CodeResponse", "/v1/code?title=senior%20software%20engineer&top=3", ["code", "senior software engineer", "--top", "3", "--format", "json"]),
            ("CodeResponse", "/v1/code?title=manager&top=2&industry=K", ["code", "manager", "--top", "2", "--industry", "K", "--format", "json"]),
        };
        foreach (var (schema, url, cli) in cases)
        {
            var fromApi = (await api.Client.Fetch(url)).Json;
            var output = new StringWriter();
            var exit = SharedSchema.RunCli(cli, output);
            Assert.Equal(0, exit);
            var fromCli = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;

            Assert.Empty(SharedSchema.Problems(fromApi, schemas[schema]!, schemas, "api"));
            Assert.Empty(SharedSchema.Problems(fromCli, schemas[schema]!, schemas, "cli"));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(fromApi, fromCli), $"{schema}: the CLI writes what the API answers");
        }
    }

    [RedoclyFact]
    public async Task The_document_passes_the_recommended_lint_rules()
    {
        var response = await api.Client.Fetch("/openapi/v1.json");
        var folder = Directory.CreateTempSubdirectory("socbridge-openapi-");
        try
        {
            var file = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(file, response.Body);
            var (exit, output) = await Redocly.Lint(file);

            Assert.True(exit == 0, $"redocly lint --extends=recommended exited {exit}:\n{output}");
            Assert.Contains("0 errors", output.Replace("Woohoo! Your API description is valid", "0 errors", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_reference_page_is_served_at_docs()
    {
        using var client = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        var page = await client.Fetch("/docs/");

        Assert.Equal(200, page.Status);
        Assert.Contains("SocBridge API", page.Body);
        Assert.Contains("openapi/v1.json", page.Body);
        Assert.Equal(200, (await client.Fetch("/docs/scalar.js")).Status);
    }
}
