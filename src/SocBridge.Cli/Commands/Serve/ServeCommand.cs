using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocBridge.Api;
using SocBridge.Api.Infrastructure;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Serve;

/// <summary>Runs the HTTP API over the release until stopped (Ctrl+C or SIGTERM).</summary>
public sealed class ServeCommand(CliContext context)
{
    /// <summary>Configuration sections a setting given on the command line may belong to.</summary>
    public static readonly string[] SettingSections = ["Api", "Logging", "Kestrel", "AllowedHosts"];

    public static IReadOnlyList<string> SplitUrls(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Null when every token is a setting (<c>--Api:Key=value</c>, or <c>--Api:Key value</c>) of a known section;
    /// else what is wrong. The API itself then refuses keys of the Api section it does not know.
    /// </summary>
    public static string? CheckSettings(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
                return $"unexpected '{token}': settings are given as --Section:Key=value or --Section:Key value (e.g. --Api:Cors:Origins https://jobs.example.org)";
            var key = token[2..].Split('=', 2)[0];
            var section = key.Split(':', 2)[0];
            if (!SettingSections.Contains(section, StringComparer.OrdinalIgnoreCase))
                return $"unknown option '{token}': serve takes --urls and settings of the sections {string.Join(", ", SettingSections)} (e.g. --Api:RateLimit:Enabled=false); see 'socbridge serve --help'";
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return $"the setting '{token}' has no value: give --{key}=value or --{key} value";
                i++;
            }
        }
        return null;
    }

    public int Execute(string urls, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        if (CheckSettings(settings) is { } problem)
        {
            context.Error.WriteLine($"error: {problem}");
            return ExitCodes.UsageError;
        }
        var release = context.LoadRelease();
        var listen = SplitUrls(urls);
        Microsoft.AspNetCore.Builder.WebApplication built;
        try
        {
            built = ApiHost.Build(["--urls", string.Join(';', listen), .. settings], release);
        }
        catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
        {
            // An unknown Api key ("'Cros' was not found") or a value out of range.
            context.Error.WriteLine($"error: invalid setting: {e.Message}");
            return ExitCodes.UsageError;
        }
        using var app = built;
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
        context.Out.WriteLine($"serving release {release.ReleaseId} at {string.Join(", ", app.Urls)}; reference at {first}/docs, OpenAPI at {first}/openapi/v1.json; " +
                              $"warming up (ready when {first}/health/ready answers 200); Ctrl+C stops");
        _ = Task.Run(async () =>
        {
            if (await ApiHost.WaitUntilReadyAsync(app, cancellationToken).ConfigureAwait(false)) context.Out.WriteLine("ready");
        }, cancellationToken);
        app.WaitForShutdownAsync(cancellationToken).GetAwaiter().GetResult();
        app.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
