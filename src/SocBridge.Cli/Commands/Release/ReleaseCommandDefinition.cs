using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Release;

public static class ReleaseCommandDefinition
{
    public static Command Create()
    {
        var verifyFormat = CommonOptions.Format();
        var verify = new Command("verify", "Check every release file against the SHA-256 in its manifest") { verifyFormat };
        verify.SetAction(pr => CliContext.Run(pr, ctx => new ReleaseCommand(ctx).Verify(pr.GetValue(verifyFormat))));

        var infoFormat = CommonOptions.Format();
        var info = new Command("info", "Release id, sources, licence and what the release holds") { infoFormat };
        info.SetAction(pr => CliContext.Run(pr, ctx => new ReleaseCommand(ctx).Info(pr.GetValue(infoFormat))));

        return new Command("release", "Build, verify and describe the crosswalk release") { verify, info, ReleaseBuildCommand.Create() };
    }
}
