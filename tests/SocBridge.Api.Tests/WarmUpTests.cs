using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class WarmUpTests(ApiFixture api)
{
    /// <summary>A warm-up step that finishes when the test says so.</summary>
    private sealed class Gate : IWarmUpStep
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "test gate";

        public Task RunAsync(CancellationToken cancellationToken) => Open.Task.WaitAsync(cancellationToken);
    }

    [Fact]
    public async Task Readiness_is_false_until_every_model_is_built_and_then_coding_answers_within_its_timeout()
    {
        var gate = new Gate();
        using var factory = api.Configure(new Dictionary<string, string?> { ["Api:WarmUpAtStart"] = "true" })
            .WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<IWarmUpStep>(gate)));
        using var client = factory.CreateClient();

        var live = await client.Fetch("/health");
        var warming = await client.Fetch("/health/ready");

        Assert.Equal(200, live.Status);
        Assert.Equal(503, warming.Status);
        Assert.Equal("1", warming.Header("Retry-After"));
        var state = warming.As<ReadinessResponse>();
        Assert.Equal("warming up", state.Status);
        Assert.Contains("test gate", state.Pending);

        gate.Open.SetResult();
        var coder = factory.Services.GetRequiredService<CodeService>();
        ApiResponse ready;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            ready = await client.Fetch("/health/ready");
            if (ready.Status == 200) break;
            Assert.Equal(503, ready.Status);
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), $"ready within 4 minutes; last answer {ready.Body}");
            await Task.Delay(100);
        }
        Assert.True(coder.IsReady, "ready only once the coder is built");
        Assert.Equal("ready", ready.As<ReadinessResponse>().Status);

        var first = await client.Fetch("/v1/code?title=staff%20nurse");
        Assert.Equal(200, first.Status);
        Assert.NotEmpty(first.As<CodeResponse>().Candidates);
    }

    [Fact]
    public async Task Liveness_and_readiness_are_never_cached()
    {
        var live = await api.Client.Fetch("/health");
        var ready = await api.Client.Fetch("/health/ready");

        Assert.Equal("no-store", live.Header("Cache-Control"));
        Assert.Equal("no-store", ready.Header("Cache-Control"));
        Assert.Contains(ready.Status, new[] { 200, 503 });
    }
}
