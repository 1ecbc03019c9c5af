using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Demo;

public static class DemoCommandDefinition
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the translated series, their reports and the workbook the demo generates (inputs/); written only when every step passes", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var samples = new Option<DirectoryInfo?>("--samples") { Description = "Folder of the sample series (default: the repository's samples/, found from the current folder upwards)" };
        var command = new Command("demo", "Translate the real ONS sample series (ASHE 2021, LFS 2018 by industry, APS 2017–2021 by area) and a Working-Futures-style workbook generated from them to SOC2020, and check them against published SOC2020 figures")
        {
            output, samples,
        };
        command.SetAction(pr => CliContext.Run(pr, ctx => new DemoCommand(ctx).Execute(pr.GetRequiredValue(output).FullName, pr.GetValue(samples)?.FullName)));
        return command;
    }
}
