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
        var d = outcome.Details!;
        switch (format)
        {
            case OutputFormat.Json:
                context.WriteJson(new
                {
                    version = d.Version.Year(),
                    code = d.Code.ToString(),
                    level = (int)d.Level,
                    level_name = d.Level.Name(),
                    title = d.Title,
                    ons_title = d.OnsTitle,
                    parent = d.Parent,
                    ancestors = d.Ancestors,
                    children = d.Children,
                    description = d.Description,
                    extensions = d.Extensions.Select(e => new { e.Code, e.Title }),
                    index_entry_count = d.IndexEntryCount,
                    index_titles = d.IndexSample.Select(e => new { e.Id, title = e.QualifiedTitle, soc2010 = e.Soc2010?.ToString(), soc2020 = e.Soc2020?.ToString() }),
                    related = MappingView.Of(d.Related),
                });
                break;
            case OutputFormat.Csv:
                var csv = new CsvFieldWriter(context.Out);
                csv.WriteRow("version", "code", "level", "title", "parent", "children");
                csv.WriteRow(d.Version.Year(), d.Code.ToString(), ((int)d.Level).ToString(CultureInfo.InvariantCulture), d.Title,
                    d.Parent?.Code ?? "", string.Join(' ', d.Children.Select(c => c.Code)));
                csv.Flush();
                break;
            default:
                Render(context.Console(), d);
                break;
        }
        return ExitCodes.Ok;
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
