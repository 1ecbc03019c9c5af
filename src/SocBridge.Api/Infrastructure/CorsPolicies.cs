using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// Chooses the CORS policy by method, before routing, so that every answer (errors, 404, 429 included) carries
/// the headers: GET and HEAD follow <see cref="CorsSettings.Origins"/> (default any origin), POST follows
/// <see cref="CorsSettings.PostOrigins"/> (default none). A preflight is judged by the method it asks about.
/// Credentials are never allowed: the API has no cookies or authentication.
/// </summary>
internal sealed class MethodCorsPolicyProvider : ICorsPolicyProvider
{
    private static readonly string[] Exposed = ["ETag", "Retry-After", "Content-Encoding"];

    private readonly CorsPolicy _read;
    private readonly CorsPolicy _write;

    public MethodCorsPolicyProvider(IOptions<ApiOptions> options)
    {
        var cors = options.Value.Cors;
        var maxAge = TimeSpan.FromSeconds(Math.Max(0, cors.PreflightMaxAgeSeconds));
        _read = Build(cors.Origins, maxAge, HttpMethods.Get, HttpMethods.Head);
        _write = Build(cors.PostOrigins, maxAge, HttpMethods.Post);
    }

    /// <summary>"*" for any origin, or origins separated by ';' or ','.</summary>
    public static IReadOnlyList<string> Origins(string? setting) =>
        (setting ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o == "*" ? o : o.TrimEnd('/'))
            .ToArray();

    private static CorsPolicy Build(string setting, TimeSpan maxAge, params string[] methods)
    {
        var builder = new CorsPolicyBuilder().WithMethods(methods).AllowAnyHeader().WithExposedHeaders(Exposed).SetPreflightMaxAge(maxAge);
        var origins = Origins(setting);
        if (origins.Contains("*")) builder.AllowAnyOrigin();
        else builder.WithOrigins([.. origins]);
        return builder.Build();
    }

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var request = context.Request;
        var method = HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod is { Count: > 0 } asked
            ? asked.ToString()
            : request.Method;
        CorsPolicy? policy = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? _read : HttpMethods.IsPost(method) ? _write : null;
        return Task.FromResult(policy);
    }
}
