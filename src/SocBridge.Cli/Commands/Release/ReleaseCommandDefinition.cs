using System.CommandLine;
using SocBridge.Cli.Infrastructure;
using SocBridge.Reporting.Export;

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

        var exportOut = new Option<DirectoryInfo>("--out") { Description = "Folder to write weights.csv or weights.parquet to", Required = true };
        var exportFormat = new Option<string>("--format") { Description = "csv or parquet", DefaultValueFactory = _ => "csv", HelpName = "csv|parquet" };
        exportFormat.AcceptOnlyFromAmong("csv", "parquet");
        var export = new Command("export", "Write the weights in long form (every selection, direction and level) for DuckDB, Spark SQL or a warehouse") { exportOut, exportFormat };
        export.SetAction(pr => CliContext.Run(pr, ctx => new ReleaseCommand(ctx).Export(
            pr.GetRequiredValue(exportOut), Enum.Parse<ExportFormat>(pr.GetValue(exportFormat)!, ignoreCase: true))));

        return new Command("release", "Build, verify, describe, compare and export crosswalk releases") { verify, info, diff, export, ReleaseBuildCommand.Create() };
    }
}
