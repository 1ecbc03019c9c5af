using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Release;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Recoding;

namespace SocBridge.Api.Tests.Support;

/// <summary>The committed release, loaded once, and an API over it with rate limiting off.</summary>
public sealed class ApiFixture : IDisposable
{
    private readonly WebApplicationFactory<Program> _root = new();

    private readonly Lazy<FreeTextCoder> _coder;

    public ApiFixture()
    {
        Factory = Configure(new Dictionary<string, string?>());
        Client = Factory.CreateClient();
        _coder = new Lazy<FreeTextCoder>(() => new SocBridge.Recode.ModelStore().LoadCoder(new RecodeCorpus(Release)).Coder);
    }

    public SocRelease Release { get; } = SocRelease.LoadEmbedded();

    /// <summary>The library's free-text coder over the same release, to compare answers with.</summary>
    public FreeTextCoder Coder => _coder.Value;

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Another instance over the same release with the given settings on top of the test defaults
    /// (rate limiting off; the coder built on first use rather than at start-up).
    /// </summary>
    public WebApplicationFactory<Program> Configure(IDictionary<string, string?> settings, string environment = "Production")
    {
        var merged = new Dictionary<string, string?>
        {
            ["Api:RateLimit:Enabled"] = "false",
            ["Api:WarmUpAtStart"] = "false",
        };
        foreach (var (key, value) in settings) merged[key] = value;
        return _root.WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(merged));
            web.ConfigureServices(services => services.AddSingleton(Release));
        });
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        _root.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>A response read whole: status, headers and the body parsed as JSON when it is JSON.</summary>
public sealed record ApiResponse(HttpResponseMessage Message, string Body)
{
    public int Status => (int)Message.StatusCode;

    public string? ContentType => Message.Content.Headers.ContentType?.MediaType;

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("the body is JSON null");

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, ApiJson.Options) ?? throw new InvalidOperationException("the body is JSON null");

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) || Message.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}

public static class HttpClientExtensions
{
    public static async Task<ApiResponse> Fetch(this HttpClient client, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await client.SendAsync(request);
        return new ApiResponse(response, await response.Content.ReadAsStringAsync());
    }

    public static async Task<ApiResponse> PostJson(this HttpClient client, string url, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await client.PostAsync(url, content);
        return new ApiResponse(response, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Checks shared by the tests of error answers.</summary>
public static class Problems
{
    /// <summary>The answer is RFC 7807 problem details with the status, and the detail carries no stack trace.</summary>
    public static JsonNode Assert(ApiResponse response, int status)
    {
        Xunit.Assert.Equal(status, response.Status);
        Xunit.Assert.Equal("application/problem+json", response.ContentType);
        var problem = response.Json;
        Xunit.Assert.Equal(status, (int)problem["status"]!);
        Xunit.Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Xunit.Assert.False(string.IsNullOrWhiteSpace((string?)problem["type"]));
        Xunit.Assert.DoesNotContain("   at ", response.Body);
        Xunit.Assert.DoesNotContain(".cs:line", response.Body);
        return problem;
    }

    /// <summary>A 400 that names the parameter and says what is allowed.</summary>
    public static JsonNode BadParameter(ApiResponse response, string parameter)
    {
        var problem = Assert(response, 400);
        Xunit.Assert.Equal(parameter, (string?)problem["parameter"]);
        Xunit.Assert.False(string.IsNullOrWhiteSpace((string?)problem["allowed"]), "the problem says what is allowed");
        Xunit.Assert.Contains(parameter, (string?)problem["detail"] ?? "");
        return problem;
    }
}
