using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Search;

public static class SearchCommandDefinition
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "Job title words, e.g. \"software developer\"" };
        var soc = CommonOptions.Version("--soc", "Edition listed first (both are always shown)", "2020");
        var limit = new Option<int>("--limit") { Description = "Most results to show", DefaultValueFactory = _ => 30 };
        limit.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) r.AddError("--limit must be between 1 and 1000"); });
        var format = CommonOptions.Format();
        var command = new Command("search", "Search the ONS coding index by job title; returns both SOC codes") { text, soc, limit, format };
        command.SetAction(pr => CliContext.Run(pr, ctx => new SearchCommand(ctx).Execute(
            pr.GetRequiredValue(text), CommonOptions.ParseVersion(pr.GetValue(soc)!), pr.GetValue(limit), pr.GetValue(format))));
        return command;
    }
}
