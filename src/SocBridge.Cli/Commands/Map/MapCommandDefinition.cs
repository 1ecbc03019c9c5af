using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Map;

public static class MapCommandDefinition
{
    public static Command Create()
    {
        var code = new Argument<string?>("code") { Description = "Code to map, any level (e.g. 2136, 213, 21)", Arity = ArgumentArity.ZeroOrOne };
        var from = CommonOptions.Version("--from", "Edition of the code: 2010 or 2020", "2010");
        var to = CommonOptions.TargetVersion();
        var level = CommonOptions.Level();
        var weights = CommonOptions.Weights();
        var sex = CommonOptions.Sex();
        var all = new Option<bool>("--all") { Description = "List every pair at the level (--level, default 4)" };
        var format = CommonOptions.Format();
        var command = new Command("map", "Weighted counterparts of a code in the other SOC edition")
        {
            code, from, to, level, weights, sex, all, format,
        };
        command.Validators.Add(r =>
        {
            CommonOptions.RequireDifferentEditions(r, from, to);
            var hasCode = !string.IsNullOrWhiteSpace(r.GetValue(code));
            if (hasCode == r.GetValue(all)) r.AddError("give either a CODE or --all");
        });
        command.SetAction(pr => CliContext.Run(pr, ctx => new MapCommand(ctx).Execute(new MapRequest(
            pr.GetValue(code), CommonOptions.ParseVersion(pr.GetValue(from)!), pr.GetValue(level),
            CommonOptions.Selection(pr, weights, sex), pr.GetValue(all), pr.GetValue(format)))));
        return command;
    }
}
