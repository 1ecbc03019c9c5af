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

        var oldRelease = new Argument<string>("old") { Description = "The older release: a release folder, or 'builtin'" };
        var newRelease = new Argument<string>("new") { Description = "The newer release: a release folder, or 'builtin'" };
        var diffFormat = CommonOptions.Format();
        var diff = new Command("diff", "Which codes, titles, descriptions, index entries, weights, bases and file hashes changed between two releases") { oldRelease, newRelease, diffFormat };
        diff.SetAction(pr => CliContext.Run(pr, ctx => new ReleaseCommand(ctx).Diff(pr.GetRequiredValue(oldRelease), pr.GetRequiredValue(newRelease), pr.GetValue(diffFormat))));

        return new Command("release", "Build, verify, describe and compare crosswalk releases") { verify, info, diff, ReleaseBuildCommand.Create() };
    }
}
