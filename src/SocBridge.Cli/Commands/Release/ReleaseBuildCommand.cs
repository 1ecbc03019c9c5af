using System.CommandLine;
using SocBridge.Cli.Infrastructure;
using SocBridge.Release;

namespace SocBridge.Cli.Commands.Release;

public static class ReleaseBuildCommand
{
    public static Command Create()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "Folder with the original ONS files (see its SOURCES.md)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the release to", DefaultValueFactory = _ => new DirectoryInfo("crosswalks") };
        var samples = new Option<DirectoryInfo?>("--samples") { Description = "Also derive the tidy sample series (ASHE, LFS, APS) into this folder" };
        var command = new Command("build", "Build the normalised release from the original ONS files (deterministic: the same sources give the same bytes)") { from, output, samples };
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            var source = pr.GetRequiredValue(from);
            if (!source.Exists)
            {
                ctx.Error.WriteLine($"error: {source.FullName}: folder not found; it should hold the original ONS files listed in SOURCES.md");
                return ExitCodes.BadInput;
            }
            ReleaseBuildReport report;
            try
            {
                report = ReleaseBuilder.Build(source.FullName, pr.GetRequiredValue(output).FullName);
            }
            catch (OnsSourceException e)
            {
                ctx.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            ctx.Out.WriteLine($"release {report.ReleaseId} written to {report.OutputDirectory}");
            foreach (var o in report.Outputs) ctx.Out.WriteLine($"  {o.File,-28} {o.Rows,7} rows  {o.Sha256}");
            foreach (var (k, v) in report.Counts) ctx.Out.WriteLine($"  {k} = {v}");
            foreach (var w in report.Warnings) ctx.Error.WriteLine($"warning: {w}");
            if (pr.GetValue(samples) is { } samplesDir)
            {
                try
                {
                    var sampleReport = SocBridge.Release.Samples.SampleBuilder.Build(source.FullName, samplesDir.FullName,
                        SocBridge.Core.Release.SocRelease.LoadDirectory(report.OutputDirectory));
                    ctx.Out.WriteLine($"samples written to {samplesDir.FullName}");
                    foreach (var f in sampleReport.Files) ctx.Out.WriteLine($"  {f.FileName,-40} {f.DataRows,8} rows  {f.Sha256}");
                }
                catch (OnsSourceException e)
                {
                    ctx.Error.WriteLine($"error: {e.Message}");
                    return ExitCodes.BadInput;
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
