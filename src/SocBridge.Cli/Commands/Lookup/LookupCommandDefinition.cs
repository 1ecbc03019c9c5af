using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Lookup;

public static class LookupCommandDefinition
{
    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "SOC code at any level, e.g. 2136, 213, 21, 2" };
        var soc = CommonOptions.Version("--soc", "Edition of the code: 2010 or 2020", "2010");
        var weights = CommonOptions.Weights();
        var sex = CommonOptions.Sex();
        var format = CommonOptions.Format();
        var command = new Command("lookup", "Title, hierarchy, description and related codes of a SOC code") { code, soc, weights, sex, format };
        command.SetAction(pr => CliContext.Run(pr, ctx => new LookupCommand(ctx).Execute(
            pr.GetRequiredValue(code), CommonOptions.ParseVersion(pr.GetValue(soc)!), CommonOptions.Selection(pr, weights, sex), pr.GetValue(format))));
        return command;
    }
}
