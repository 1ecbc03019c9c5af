using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using SocBridge.Api.Endpoints;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;
using SocBridge.Core.Release;

namespace SocBridge.Api;

/// <summary>
/// Builds the SocBridge web application. Used by the API's own entry point and by <c>socbridge serve</c>;
/// pass a release to serve one already loaded, or leave it null for the configured or embedded release.
/// </summary>
public static class ApiHost
{
    /// <summary>Settings that apply unless configuration says otherwise (lowest precedence).</summary>
    private static KeyValuePair<string, string?>[] Defaults() =>
    [
        new("Logging:LogLevel:Default", "Information"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
        new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"),
    ];

    public static WebApplication Build(string[] args, SocRelease? release = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ApiHost).Assembly.GetName().Name,
        });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults() });
        ConfigureServices(builder.Services, release);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(IServiceCollection services, SocRelease? release)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.CacheMaxAgeSeconds >= 0 && o.ResponseCacheMegabytes >= 0 && o.RequestTimeoutSeconds > 0 && o.MaxRequestBodyBytes > 0,
                "Api settings: CacheMaxAgeSeconds and ResponseCacheMegabytes must be >= 0; RequestTimeoutSeconds and MaxRequestBodyBytes > 0")
            .ValidateOnStart();
        if (release is not null) services.AddSingleton(release);
        else services.AddSingleton(sp => LoadRelease(sp.GetRequiredService<IOptions<ApiOptions>>().Value));
        services.AddHostedService<ReleaseWarmUp>();

        services.AddSingleton<ResponseCache>();
        services.AddSingleton<SocService>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<ReleaseService>();
        services.AddSingleton<ApportionService>();
        services.AddSingleton<CodeService>();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Describe);
        services.AddClientRateLimiting();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiOptions>>((timeouts, api) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(api.Value.RequestTimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context =>
                {
                    context.Response.Headers.RetryAfter = "1";
                    return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status503ServiceUnavailable,
                            Title = "Request timed out",
                            Detail = $"the request took longer than {api.Value.RequestTimeoutSeconds} s and was cancelled",
                        },
                    }).AsTask();
                },
            });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddApiDocumentation();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        if (options.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<LoadSheddingMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        app.MapSocEndpoints();
        app.MapSearchEndpoints();
        app.MapApportionEndpoints();
        app.MapCodeEndpoints();
        app.MapReleaseEndpoints();
        app.MapCompatibilityEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", scalar =>
        {
            scalar.Title = "SocBridge API";
            scalar.OpenApiRoutePattern = "/openapi/{documentName}.json";
            scalar.Telemetry = false;
            scalar.DisableAgent().DisableMcp().HideDeveloperTools();
        });
    }

    private static SocRelease LoadRelease(ApiOptions options) =>
        string.IsNullOrWhiteSpace(options.ReleaseDirectory) ? SocRelease.LoadEmbedded() : SocRelease.LoadDirectory(options.ReleaseDirectory);

    /// <summary>Adds the request path and, for unknown routes and methods, a detail that says what to do.</summary>
    private static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Instance ??= request.Path.Value;
        problem.Type ??= problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
            _ => null,
        };
        if (problem.Detail is not null) return;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint answers {request.Path.Value}; the endpoints are listed at /openapi/v1.json and /docs",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path.Value}",
            StatusCodes.Status415UnsupportedMediaType => "send the body as JSON with 'Content-Type: application/json'",
            StatusCodes.Status500InternalServerError => "an unexpected error occurred; it has been logged with the trace id",
            _ => null,
        };
    }
}

/// <summary>Loads and verifies the release and builds the search index before the first request needs them.</summary>
internal sealed class ReleaseWarmUp(SocRelease release, CodeService coder, IOptions<ApiOptions> options, ILogger<ReleaseWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        release.Index.Search("warm up", 1);
        logger.LogInformation("Serving crosswalk release {ReleaseId} ({Soc2010} SOC2010 and {Soc2020} SOC2020 groups, {IndexEntries} index entries)",
            release.ReleaseId, release.Soc2010.Count, release.Soc2020.Count, release.Index.Count);
        if (options.Value.PrepareCoderAtStart)
            _ = Task.Run(() =>
            {
                try
                {
                    coder.Prepare();
                    logger.LogInformation("Free-text coder ready");
                }
                catch (Exception e)
                {
                    logger.LogError(e, "The free-text coder could not be built; /v1/code will try again on its first request");
                }
            }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
