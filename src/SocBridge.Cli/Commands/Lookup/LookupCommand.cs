using System.Globalization;
using SocBridge.Cli.Commands.Map;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Csv;
using SocBridge.Core.Lookup;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Lookup;

public sealed class LookupCommand(CliContext context)
{
    public int Execute(string input, SocVersion version, WeightSelection selection, OutputFormat format)
    {
        var lookup = new CodeLookup(context.LoadRelease());
        var outcome = lookup.Lookup(input, version, selection);
        if (outcome.Failure is { } failure) return FailureOutput.Report(context, failure);
        var d = outcome.Value;
        switch (format)
        {
            case OutputFormat.Json:
                // The same object, field for field, as GET /v1/soc/{version}/{code} answers.
                context.WriteJson(SocBridge.Api.Services.Views.Details(lookup.Release.ReleaseId, d));
                break;
            case OutputFormat.Csv:
                WriteCsv(context.Out, d);
                break;
            default:
                Render(context.Console(), d);
                break;
        }
        return ExitCodes.Ok;
    }

    public static readonly string[] CsvHeader =
    [
        "version", "code", "level", "title", "parent", "children", "index_entries",
        "related_version", "related_code", "related_title", "weight", "joint_count",
        "weights", "sex", "weights_used", "sex_used", "fallback", "relationship", "sample_total", "source_base", "residual",
    ];

    /// <summary>One row per related code of the other edition (one row with empty related fields when there is none).</summary>
    public static void WriteCsv(TextWriter writer, CodeDetails d)
    {
        var csv = new CsvFieldWriter(writer);
        csv.WriteRow(CsvHeader);
        var r = d.Related;
        var targets = r.Targets.Count > 0 ? r.Targets.Cast<MappedTarget?>() : [null];
        foreach (var t in targets)
        {
            csv.Write(d.Version.Year()); csv.Write(d.Code.ToString()); csv.Write((long)d.Level); csv.Write(d.Title);
            csv.Write(d.Parent?.Code ?? ""); csv.Write(string.Join(' ', d.Children.Select(c => c.Code))); csv.Write(d.IndexEntryCount);
            csv.Write(r.TargetVersion.Year()); csv.Write(t?.Code.ToString() ?? ""); csv.Write(t?.Title ?? "");
            csv.Write(t?.Weight ?? double.NaN); csv.Write(t?.JointCount ?? double.NaN);
            csv.Write(WeightSets.Name(r.Requested.Set)); csv.Write(WeightSets.Name(r.Requested.Sex));
            csv.Write(WeightSets.Name(r.Used.Set)); csv.Write(WeightSets.Name(r.Used.Sex)); csv.Write(r.FallbackReason ?? ""); csv.Write(r.Relationship.Name());
            csv.Write(r.SampleTotal); csv.Write(r.SourceBase ?? double.NaN); csv.Write(r.ResidualShare ?? double.NaN);
            csv.EndRow();
        }
        csv.Flush();
    }

    private static void Render(IAnsiConsole console, CodeDetails d)
    {
        console.MarkupLine($"[bold]{d.Code.ToQualifiedString()}[/] {Markup.Escape(d.Title)} ({d.Level.Name()})");
        if (d.Title != d.OnsTitle) console.MarkupLine($"ONS title: {Markup.Escape(d.OnsTitle)}");
        if (d.Ancestors.Count > 0)
            console.MarkupLine("within: " + Markup.Escape(string.Join(" › ", d.Ancestors.Select(a => $"{a.Code} {a.Title}"))));
        if (d.Children.Count > 0)
        {
            console.MarkupLine($"contains {d.Children.Count}:");
            foreach (var c in d.Children) console.MarkupLine($"  {c.Code} {Markup.Escape(c.Title)}");
        }
        if (d.Description is { } desc)
        {
            if (desc.Description.Length > 0) console.MarkupLine("\n[bold]description[/]\n" + Markup.Escape(desc.Description));
            if (desc.EntryRoutes.Length > 0) console.MarkupLine("\n[bold]entry routes[/]\n" + Markup.Escape(desc.EntryRoutes));
            if (desc.Tasks.Count > 0) console.MarkupLine("\n[bold]tasks[/]\n" + Markup.Escape(string.Join("\n", desc.Tasks.Select(t => "• " + t))));
            if (desc.RelatedJobTitles.Count > 0) console.MarkupLine("\n[bold]related job titles[/]\n" + Markup.Escape(string.Join("; ", desc.RelatedJobTitles)));
        }
        if (d.Extensions.Count > 0)
            console.MarkupLine("\n[bold]sub-unit groups[/]\n" + Markup.Escape(string.Join("\n", d.Extensions.Select(e => $"  {e.Code} {e.Title}"))));
        if (d.IndexEntryCount > 0)
            console.MarkupLine($"\n[bold]index titles[/] ({d.IndexEntryCount} in all): " + Markup.Escape(string.Join("; ", d.IndexSample.Select(e => e.QualifiedTitle))));
        console.WriteLine();
        MapCommand.Render(console, d.Related);
    }
}
