using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Release;

public static class ReleaseBuildCommand
{
    public static Command Create()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "Folder with the original ONS files (see its SOURCES.md)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the release to", DefaultValueFactory = _ => new DirectoryInfo("crosswalks") };
        var command = new Command("build", "Build the normalised release from the original ONS files") { from, output };
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            ctx.Error.WriteLine("error: the release builder is not part of this build");
            return ExitCodes.Failed;
        }));
        return command;
    }
}
