using System.IO.Compression;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;
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
/// Builds the SocBridge web application. Used by the standalone server (src/SocBridge.Api.Host) and by <c>socbridge serve</c>;
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

    /// <summary>
    /// The application configured from <paramref name="args"/> (settings as <c>--Section:Key=value</c>, <c>--urls</c>),
    /// the environment and <c>appsettings.json</c> in the content root, serving <paramref name="release"/> when given.
    /// </summary>
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

    /// <summary>
    /// Waits until <paramref name="app"/> has built every model and warmed every path (what <c>/health/ready</c>
    /// reports), or until a warm-up step has failed.
    /// </summary>
    /// <param name="app">An application made by <see cref="Build"/>, started.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>True when ready; false when a warm-up step failed.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public static async Task<bool> WaitUntilReadyAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var readiness = app.Services.GetRequiredService<Readiness>();
        while (!readiness.IsReady)
        {
            if (readiness.State().Failed.Length > 0) return false;
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private static void ConfigureServices(IServiceCollection services, SocRelease? release)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true)
            .Validate(o => o.CacheMaxAgeSeconds >= 0 && o.ResponseCacheMegabytes >= 0 && o.RequestTimeoutSeconds > 0 && o.MaxRequestBodyBytes > 0,
                "Api settings: CacheMaxAgeSeconds and ResponseCacheMegabytes must be >= 0; RequestTimeoutSeconds and MaxRequestBodyBytes > 0")
            .Validate(o => o.CompatibilityEdition is 2010 or 2020, "Api:CompatibilityEdition must be 2010 or 2020")
            .Validate(o => o.MinRequestBodyBytesPerSecond >= 0 && o.RequestBodyGraceSeconds >= 2,
                "Api:MinRequestBodyBytesPerSecond must be >= 0 (0: no minimum) and Api:RequestBodyGraceSeconds >= 2")
            .Validate(o => MethodCorsPolicyProvider.Origins(o.Cors.Origins).Concat(MethodCorsPolicyProvider.Origins(o.Cors.PostOrigins))
                    .All(origin => origin == "*" || (Uri.TryCreate(origin, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.AbsolutePath == "/")),
                "Api:Cors:Origins and Api:Cors:PostOrigins must be '*' or origins such as https://jobs.example.org separated by ';'")
            .ValidateOnStart();
        if (release is not null) services.AddSingleton(release);
        else services.AddSingleton(sp => LoadRelease(sp.GetRequiredService<IOptions<ApiOptions>>().Value));

        services.AddSingleton<Readiness>();
        services.AddSingleton<IWarmUpStep, SearchIndexWarmUp>();
        services.AddSingleton<IWarmUpStep, CoderWarmUp>();
        services.AddSingleton<IWarmUpStep, AuditWarmUp>();
        services.AddHostedService<WarmUpService>();

        services.AddSingleton<ResponseCache>();
        services.AddSingleton<SocService>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<ReleaseService>();
        services.AddSingleton<ApportionService>();
        services.AddSingleton<CodeService>();
        services.AddSingleton<AuditService>();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.PropertyNamingPolicy = ApiJson.NamingPolicy;
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Describe);
        services.AddClientRateLimiting();

        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, MethodCorsPolicyProvider>();
        services.AddResponseCompression();
        services.AddOptions<ResponseCompressionOptions>().Configure<IOptions<ApiOptions>>((compression, api) =>
        {
            compression.EnableForHttps = api.Value.Compression.Https;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["application/json", "application/problem+json", "text/html", "text/plain", "text/css", "text/javascript", "application/javascript"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
        {
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = api.Value.MinRequestBodyBytesPerSecond > 0
                ? new MinDataRate(api.Value.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(api.Value.RequestBodyGraceSeconds))
                : null;
        });
        services.AddSingleton<ApiExamples>();
        services.AddApiDocumentation();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        // Outermost: logs the status actually sent, after every other middleware (errors included) has run.
        app.UseMiddleware<RequestLoggingMiddleware>();
        if (options.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        // Before routing and error handling, so that errors, 404s and 429s carry the CORS headers too.
        app.UseCors();
        if (options.Compression.Enabled) app.UseResponseCompression();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A request Kestrel refuses while the body is read (too slow: 408; too large: 413) keeps its status.
            StatusCodeSelector = e => e is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseMiddleware<LoadSheddingMiddleware>();
        app.UseMiddleware<RequestDeadlineMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();

        app.MapSocEndpoints();
        app.MapSearchEndpoints();
        app.MapApportionEndpoints();
        app.MapCodeEndpoints();
        app.MapReleaseEndpoints();
        app.MapCompatibilityEndpoints();
        app.MapAuditEndpoints();
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
        // One naming convention: snake_case, like every other field of the API.
        if (problem.Extensions.TryGetValue("traceId", out var traceId))
        {
            problem.Extensions.Remove("traceId");
            problem.Extensions["trace_id"] = traceId;
        }
        problem.Type ??= problem.Status switch
        {
            StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
            StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
            _ => null,
        };
        if (problem.Detail is not null) return;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint answers {request.Path.Value}; the endpoints are listed at /openapi/v1.json and /docs",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path.Value}",
            StatusCodes.Status408RequestTimeout => "the request body arrived too slowly and was not read to the end; send it at once",
            StatusCodes.Status415UnsupportedMediaType => "send the body as JSON with 'Content-Type: application/json'",
            StatusCodes.Status500InternalServerError => "an unexpected error occurred; it has been logged with the trace id",
            _ => null,
        };
    }
}

