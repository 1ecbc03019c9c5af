using Microsoft.Extensions.Hosting;
using SocBridge.Api;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Serve;

/// <summary>Runs the HTTP API over the release until stopped (Ctrl+C or SIGTERM).</summary>
public sealed class ServeCommand(CliContext context)
{
    public static IReadOnlyList<string> SplitUrls(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public int Execute(string urls, CancellationToken cancellationToken)
    {
        var release = context.LoadRelease();
        var listen = SplitUrls(urls);
        using var app = ApiHost.Build(["--urls", string.Join(';', listen)], release);
        try
        {
            app.StartAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"error: cannot listen on {string.Join(", ", listen)}: {e.Message}");
            return ExitCodes.Failed;
        }
        var first = listen[0].TrimEnd('/');
        context.Out.WriteLine($"serving release {release.ReleaseId} at {string.Join(", ", app.Urls)}; reference at {first}/docs, OpenAPI at {first}/openapi/v1.json; Ctrl+C stops");
        app.WaitForShutdownAsync(cancellationToken).GetAwaiter().GetResult();
        app.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
