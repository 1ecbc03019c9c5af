using System.CommandLine;
using System.Text.RegularExpressions;
using SocBridge.Cli;

namespace SocBridge.Api.Tests;

public partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_answers_on_loopback_until_cancelled()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var parse = CliApp.Create().Parse(["serve", "--urls", "http://127.0.0.1:0"]);
        var serving = Task.Run(() => parse.InvokeAsync(new InvocationConfiguration { Output = TextWriter.Synchronized(output), Error = TextWriter.Synchronized(error) }, stop.Token));

        string? url = null;
        for (var i = 0; i < 1200 && url is null && !serving.IsCompleted; i++)
        {
            url = Address().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : null;
            if (url is null) await Task.Delay(100);
        }
        Assert.True(url is not null, $"serve printed its address; out: {output}; error: {error}");
        using var client = new HttpClient { BaseAddress = new Uri(url!) };
        var health = await client.GetStringAsync("/health");
        var map = await client.GetStringAsync("/v1/soc/2010/2136/map?weights=pooled");
        await stop.CancelAsync();
        var exit = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("\"status\":\"ok\"", health);
        Assert.Contains("\"code\":\"2134\"", map);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Serve_rejects_an_address_that_is_not_http()
    {
        var error = new StringWriter();

        var exit = CliApp.Create().Parse(["serve", "--urls", "ftp://127.0.0.1:21"]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.NotEqual(0, exit);
        Assert.Contains("--urls", error.ToString());
    }

    [Fact]
    public async Task Serve_takes_api_settings_on_its_command_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var parse = CliApp.Create().Parse(["serve", "--urls", "http://127.0.0.1:0", "--Api:Cors:Origins", "https://jobs.example.org",
            "--Api:RateLimit:Enabled=false", "--Api:WarmUpAtStart=false", "--Api:CompatibilityEdition", "2020"]);
        var serving = Task.Run(() => parse.InvokeAsync(new InvocationConfiguration { Output = TextWriter.Synchronized(output), Error = TextWriter.Synchronized(error) }, stop.Token));

        string? url = null;
        for (var i = 0; i < 1200 && url is null && !serving.IsCompleted; i++)
        {
            url = Address().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : null;
            if (url is null) await Task.Delay(100);
        }
        Assert.True(url is not null, $"serve printed its address; out: {output}; error: {error}");
        using var client = new HttpClient { BaseAddress = new Uri(url!) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/soc/code/2134");
        request.Headers.Add("Origin", "https://jobs.example.org");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/soc/code/2134");
        other.Headers.Add("Origin", "https://elsewhere.example.org");
        using var refused = await client.SendAsync(other);
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("https://jobs.example.org", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("\"version\":2020", body);
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--Api:Cors:Origins", "has no value")]
    [InlineData("--Api:Cros:Origins=https://a.example.org", "Cros")]
    [InlineData("--Api:CompatibilityEdition=2015", "CompatibilityEdition")]
    public void Serve_refuses_settings_it_does_not_know(string setting, string message)
    {
        var error = new StringWriter();

        var exit = CliApp.Create().Parse(["serve", "--urls", "http://127.0.0.1:0", setting]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(1, exit);
        Assert.Contains(message, error.ToString());
    }

    [GeneratedRegex(@"at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Address();
}
