namespace SocBridge.Api.Infrastructure;

/// <summary>The 503 answer of the middlewares that turn a request away for now: problem details and Retry-After: 1.</summary>
internal static class RetryLater
{
    public static ValueTask WriteAsync(IProblemDetailsService problems, HttpContext context, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        });
    }
}
