using System.Diagnostics;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// One structured log event per request: method, path, query, status, duration, client address and
/// trace id, under the category <c>SocBridge.Api.Requests</c> (set its level to Warning to silence it).
/// </summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "SocBridge.Api.Requests";
    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var request = context.Request;
            Handled(_logger, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                context.Response.StatusCode, elapsed, context.Connection.RemoteIpAddress?.ToString() ?? "", Activity.Current?.Id ?? context.TraceIdentifier);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "RequestHandled", Level = LogLevel.Information,
        Message = "{Method} {Path}{Query} {StatusCode} in {ElapsedMs:0.000} ms from {Client} ({TraceId})")]
    private static partial void Handled(ILogger logger, string method, string path, string query, int statusCode, double elapsedMs, string client, string traceId);
}

/// <summary>
/// Sheds load before it queues without bound: when more than <see cref="ApiOptions.MaxConcurrentRequests"/>
/// requests are in progress, a new one is answered at once with 503 and Retry-After.
/// </summary>
public sealed class LoadSheddingMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<ApiOptions> options, IProblemDetailsService problems)
{
    private readonly int _limit = options.Value.MaxConcurrentRequests;
    private int _inFlight;

    public async Task InvokeAsync(HttpContext context)
    {
        if (_limit <= 0)
        {
            await next(context);
            return;
        }
        if (Interlocked.Increment(ref _inFlight) > _limit)
        {
            Interlocked.Decrement(ref _inFlight);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Server busy",
                    Detail = $"this instance is already handling {_limit} requests; retry after 1 second",
                },
            });
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
