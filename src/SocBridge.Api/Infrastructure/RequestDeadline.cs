using Microsoft.Extensions.Options;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// Cancels a request still running after <see cref="ApiOptions.RequestTimeoutSeconds"/>: the request's
/// cancellation token fires and, if nothing has been sent yet, the answer is 503 problem details with
/// Retry-After. If the answer had already begun the connection is aborted instead, so a client never gets
/// one body followed by another. A handler that finishes its answer despite the deadline keeps it whole.
/// </summary>
internal sealed class RequestDeadlineMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems)
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds);
    private readonly int _seconds = options.Value.RequestTimeoutSeconds;

    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(original);
        deadline.CancelAfter(_timeout);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !original.IsCancellationRequested)
        {
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            // The deadline's token is cancelled: the problem is written under the connection's own token.
            context.RequestAborted = original;
            context.Response.Clear();
            await RetryLater.WriteAsync(problems, context, "Request timed out",
                $"the request took longer than {_seconds} s and was cancelled; retry after 1 second");
        }
        finally
        {
            context.RequestAborted = original;
        }
    }
}
