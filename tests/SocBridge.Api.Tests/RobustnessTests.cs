using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class RobustnessTests(ApiFixture api)
{
    [Theory]
    [InlineData("1e308", "rows[0].values[0]")]
    [InlineData("\"1e308\"", "rows[0].values[0]")]
    [InlineData("-9.1e15", "rows[0].values[0]")]
    public async Task A_value_out_of_range_is_400_naming_the_field(string value, string field)
    {
        var response = await api.Client.PostJson("/v1/apportion", $$"""
            {"from": "2010", "values": [{"name": "employment", "kind": "count"}],
             "rows": [{"code": "2136", "values": [{{value}}]}, {"code": "2136", "values": [1e308]}]}
            """);

        var problem = Problems.Assert(response, 400);
        Assert.Equal(field, (string?)problem["parameter"]);
        Assert.Contains("out of range", (string?)problem["detail"]);
        Assert.Contains("employment", (string?)problem["detail"]);
        Assert.NotNull(problem["errors"]!["rows[1].values[0]"]);
    }

    [Fact]
    public async Task A_number_too_large_for_json_is_400_too()
    {
        var response = await api.Client.PostJson("/v1/apportion", """
            {"from": "2010", "values": [{"name": "employment"}], "rows": [{"code": "2136", "values": [1e400]}]}
            """);

        Problems.Assert(response, 400);
    }

    private sealed class CapturedRequests : ILoggerProvider, ILogger
    {
        public List<(string Path, int Status)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => categoryName == RequestLoggingMiddleware.Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields) return;
            var path = (string)fields.Single(f => f.Key == "Path").Value!;
            var status = (int)fields.Single(f => f.Key == "StatusCode").Value!;
            lock (Entries) Entries.Add((path, status));
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task The_request_log_records_the_status_sent()
    {
        var captured = new CapturedRequests();
        using var factory = api.Configure(new Dictionary<string, string?> { ["Logging:LogLevel:SocBridge.Api.Requests"] = "Information" })
            .WithWebHostBuilder(web =>
            {
                web.ConfigureLogging(logging => logging.AddProvider(captured));
                // /v1/release fails inside the endpoint: the answer is a 500 from the error handler.
                web.ConfigureTestServices(services => services.AddSingleton<ReleaseService>(_ => throw new InvalidOperationException("broken on purpose")));
            });
        using var client = factory.CreateClient();

        var sent = new Dictionary<string, int>();
        foreach (var url in new[] { "/v1/soc/2010/2136", "/v1/soc/2010/9999", "/v1/search", "/nowhere", "/v1/release" })
            sent[url.Split('?')[0]] = (await client.Fetch(url)).Status;

        Assert.Equal(500, sent["/v1/release"]);
        Assert.Equal(404, sent["/nowhere"]);
        var logged = await WaitFor(() => captured.Entries.Count >= sent.Count, () => captured.Entries.ToDictionary(e => e.Path, e => e.Status));
        Assert.Equal(sent.OrderBy(e => e.Key), logged.OrderBy(e => e.Key));
    }

    private static async Task<T> WaitFor<T>(Func<bool> done, Func<T> value)
    {
        for (var i = 0; i < 100 && !done(); i++) await Task.Delay(50);
        return value();
    }

    [Fact]
    public async Task A_slow_request_body_is_answered_408()
    {
        await using var app = SocBridge.Api.ApiHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Api:RequestBodyGraceSeconds=2", "--Api:RateLimit:Enabled=false", "--Api:WarmUpAtStart=false",
             "--Logging:LogLevel:Default=Warning"], api.Release);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /v1/apportion HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"from\""));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, n);
                if (Encoding.ASCII.GetString(received.ToArray()).Contains("}", StringComparison.Ordinal)) break;
            }
        }
        catch (IOException)
        {
            // The server may close the connection after answering.
        }
        await app.StopAsync();

        var answer = Encoding.UTF8.GetString(received.ToArray());
        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Contains("application/problem+json", answer);
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class Lifetime : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }

    private static (RequestDeadlineMiddleware Middleware, IServiceProvider Services) Deadline(RequestDelegate next, int seconds = 1)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return (new RequestDeadlineMiddleware(next, Options.Create(new ApiOptions { RequestTimeoutSeconds = seconds }),
            services.GetRequiredService<IProblemDetailsService>()), services);
    }

    [Fact]
    public async Task A_request_past_its_deadline_gets_one_problem_body_and_nothing_else()
    {
        var (middleware, services) = Deadline(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };

        await middleware.InvokeAsync(context).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        var body = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Request timed out", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_request_past_its_deadline_after_its_answer_began_is_cut_off_rather_than_given_a_second_body()
    {
        var lifetime = new Lifetime();
        var (middleware, services) = Deadline(async context =>
        {
            await context.Response.Body.WriteAsync("{\"partial\":"u8.ToArray());
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        context.Features.Set<IHttpResponseFeature>(new StartedResponse { Body = context.Response.Body });
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        await middleware.InvokeAsync(context).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(lifetime.Aborted);
        Assert.Equal("{\"partial\":", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task A_handler_that_finishes_its_answer_keeps_it_whole()
    {
        var (middleware, services) = Deadline(async context =>
        {
            await context.Response.WriteAsync("{\"ok\":true}");
        });
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };

        await middleware.InvokeAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}
