using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Serve;

public static class ServeCommandDefinition
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default: loopback only)",
            DefaultValueFactory = _ => DefaultUrls,
            HelpName = "URLS",
        };
        urls.Validators.Add(r =>
        {
            foreach (var url in ServeCommand.SplitUrls(r.GetValueOrDefault<string>() ?? ""))
                if (!Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ||
                    uri.Scheme is not ("http" or "https"))
                    r.AddError($"--urls: '{url}' is not an http:// or https:// address such as {DefaultUrls}");
        });
        var command = new Command("serve",
            "Serve the HTTP API (lookups, maps, search, coding, apportionment, compatibility routes, audit page; OpenAPI at /openapi/v1.json, reference at /docs). " +
            "Any setting of the API can follow as --Section:Key=value or --Section:Key value, e.g. --Api:Cors:Origins https://jobs.example.org --Api:RateLimit:Enabled=false")
        {
            urls,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((pr, cancellationToken) =>
            Task.FromResult(CliContext.Run(pr, ctx => new ServeCommand(ctx).Execute(pr.GetValue(urls) ?? DefaultUrls, pr.UnmatchedTokens, cancellationToken))));
        return command;
    }
}
