using System.Diagnostics;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// One structured log event per request: method, path, query, status, duration, client address, trace id and
/// whether the connection was cut before the answer was complete, under the category <c>SocBridge.Api.Requests</c>
/// (set its level to Warning to silence it). It is the outermost middleware, so the status it records is the one
/// sent, after error handling; an exception that escaped everything is recorded as the 500 the server sends.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILoggerFactory loggers)
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
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var request = context.Request;
            var status = escaped && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            Handled(_logger, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                status, elapsed, context.Connection.RemoteIpAddress?.ToString() ?? "", Activity.Current?.Id ?? context.TraceIdentifier,
                context.RequestAborted.IsCancellationRequested);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "RequestHandled", Level = LogLevel.Information,
        Message = "{Method} {Path}{Query} {StatusCode} in {ElapsedMs:0.000} ms from {Client} ({TraceId}) aborted={Aborted}")]
    private static partial void Handled(ILogger logger, string method, string path, string query, int statusCode, double elapsedMs, string client, string traceId, bool aborted);
}

/// <summary>
/// Sheds load before it queues without bound: when more than <see cref="ApiOptions.MaxConcurrentRequests"/>
/// requests are in progress, a new one is answered at once with 503 and Retry-After.
/// </summary>
internal sealed class LoadSheddingMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<ApiOptions> options, IProblemDetailsService problems)
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
            await RetryLater.WriteAsync(problems, context, "Server busy",
                $"this instance is already handling {_limit} requests; retry after 1 second");
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
