using System.CommandLine;
using SocBridge.Cli.Infrastructure;
using SocBridge.Reporting.Export;

namespace SocBridge.Cli.Commands.Audit;

public static class AuditCommandDefinition
{
    public static Command Create()
    {
        var reportOut = new Option<FileInfo>("--out") { Description = "HTML file to write (one self-contained page that opens offline)", Required = true };
        var reportWeights = CommonOptions.Weights();
        var reportSex = CommonOptions.Sex();
        var smallBase = new Option<double>("--small-base") { Description = "Groups whose weights rest on fewer records are flagged as small-base (default 30)", DefaultValueFactory = _ => 30 };
        var report = new Command("report", "Write the audit report of the weights: overview, flows, every group in both directions, inconsistencies, disagreement")
        {
            reportOut, reportWeights, reportSex, smallBase,
        };
        report.SetAction(pr => CliContext.Run(pr, ctx => new AuditCommand(ctx).Report(
            pr.GetRequiredValue(reportOut), CommonOptions.Selection(pr, reportWeights, reportSex), pr.GetValue(smallBase))));

        var code = new Argument<string>("code") { Description = "Unit group code, e.g. 3545" };
        var soc = CommonOptions.Version("--soc", "Edition of the code: 2010 (forward weights) or 2020 (reverse weights)", "2010");
        var groupWeights = CommonOptions.Weights();
        var groupSex = CommonOptions.Sex();
        var groupFormat = CommonOptions.Format();
        var group = new Command("group", "The evidence behind one unit group's weights: every target with its four proportions, joint counts, bases, intervals and index titles")
        {
            code, soc, groupWeights, groupSex, groupFormat,
        };
        group.SetAction(pr => CliContext.Run(pr, ctx => new AuditCommand(ctx).Group(
            pr.GetRequiredValue(code), CommonOptions.ParseVersion(pr.GetValue(soc)!), CommonOptions.Selection(pr, groupWeights, groupSex), pr.GetValue(groupFormat))));

        var exportOut = new Option<DirectoryInfo>("--out") { Description = "Folder to write the tables to", Required = true };
        var exportFormat = new Option<string>("--format") { Description = "csv, json or parquet", DefaultValueFactory = _ => "csv", HelpName = "csv|json|parquet" };
        exportFormat.AcceptOnlyFromAmong("csv", "json", "parquet");
        var export = new Command("export", "Export every weight of every selection, the index pairs without weight and the hierarchies (for R, Stata, Python)")
        {
            exportOut, exportFormat,
        };
        export.SetAction(pr => CliContext.Run(pr, ctx => new AuditCommand(ctx).Export(
            pr.GetRequiredValue(exportOut), Enum.Parse<ExportFormat>(pr.GetValue(exportFormat)!, ignoreCase: true))));

        return new Command("audit", "See and challenge the weights: an offline report, one group's evidence, exports") { report, group, export };
    }
}
