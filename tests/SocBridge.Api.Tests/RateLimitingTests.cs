using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class RateLimitingTests(ApiFixture api)
{
    [Fact]
    public async Task A_client_over_its_budget_gets_429_problem_with_retry_after()
    {
        using var limited = api.Configure(new Dictionary<string, string?>
        {
            ["Api:RateLimit:Enabled"] = "true",
            ["Api:RateLimit:PermitsPerSecond"] = "1",
            ["Api:RateLimit:Burst"] = "3",
        });
        using var client = limited.CreateClient();

        var statuses = new List<int>();
        ApiResponse? rejected = null;
        for (var i = 0; i < 100 && rejected is null; i++)
        {
            var response = await client.Fetch(i % 2 == 0 ? "/v1/soc/2010/2136" : "/v1/search?q=nurse");
            statuses.Add(response.Status);
            if (response.Status == 429) rejected = response;
        }

        Assert.Equal([200, 200, 200], statuses.Take(3));
        Assert.NotNull(rejected);
        var problem = Problems.Assert(rejected!, 429);
        Assert.Contains("requests a second", (string?)problem["detail"]);
        Assert.True(int.Parse(rejected.Header("Retry-After")!) >= 1);
    }

    [Fact]
    public async Task Health_is_never_rate_limited()
    {
        using var limited = api.Configure(new Dictionary<string, string?>
        {
            ["Api:RateLimit:Enabled"] = "true",
            ["Api:RateLimit:PermitsPerSecond"] = "1",
            ["Api:RateLimit:Burst"] = "1",
        });
        using var client = limited.CreateClient();

        for (var i = 0; i < 5; i++) Assert.Equal(200, (await client.Fetch("/health")).Status);
    }

    [Fact]
    public async Task Rate_limiting_is_on_unless_configured_off()
    {
        Assert.True(new ApiOptions().RateLimit.Enabled);
        Assert.False(api.Factory.Services.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit.Enabled);
        for (var i = 0; i < 50; i++) Assert.Equal(200, (await api.Client.Fetch("/v1/soc/2010/2136")).Status);
    }

    [Fact]
    public void Timeouts_and_body_limits_follow_the_settings()
    {
        using var configured = api.Configure(new Dictionary<string, string?>
        {
            ["Api:RequestTimeoutSeconds"] = "3", ["Api:MaxRequestBodyBytes"] = "4096",
            ["Api:MinRequestBodyBytesPerSecond"] = "1000", ["Api:RequestBodyGraceSeconds"] = "2",
        });

        var kestrel = configured.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value;

        Assert.Equal(4096, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(1000, kestrel.Limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), kestrel.Limits.MinRequestBodyDataRate.GracePeriod);
    }

    [Fact]
    public async Task Requests_beyond_the_concurrency_limit_are_shed_with_503_and_recover()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var release = new TaskCompletionSource();
        var middleware = new LoadSheddingMiddleware(
            _ => release.Task,
            Options.Create(new ApiOptions { MaxConcurrentRequests = 1 }),
            services.GetRequiredService<IProblemDetailsService>());
        HttpContext Context() => new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };

        var first = Context();
        var running = middleware.InvokeAsync(first);
        var second = Context();
        await middleware.InvokeAsync(second);
        release.SetResult();
        await running;
        var third = Context();
        await middleware.InvokeAsync(third);

        Assert.Equal(503, second.Response.StatusCode);
        Assert.Equal("1", second.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", second.Response.ContentType);
        Assert.Equal(200, first.Response.StatusCode);
        Assert.Equal(200, third.Response.StatusCode);
    }
}
