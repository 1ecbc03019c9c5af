using System.Globalization;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Map;

public sealed record MapRequest(string? Code, SocVersion From, int? Level, WeightSelection Selection, bool All, OutputFormat Format);

public sealed class MapCommand(CliContext context)
{
    public int Execute(MapRequest request)
    {
        var release = context.LoadRelease();
        List<MappingResult> results;
        if (request.All)
        {
            var level = (SocLevel)(request.Level ?? 4);
            results = release.Crosswalk.MapAll(request.From, level, request.Selection).ToList();
        }
        else
        {
            var lookup = new CodeLookup(release);
            var mapped = lookup.Map(request.Code!, request.From, request.Selection, (SocLevel?)request.Level);
            if (mapped.Failure is { } failure) return FailureOutput.Report(context, failure);
            results = [mapped.Value];
        }

        switch (request.Format)
        {
            case OutputFormat.Json:
                // The same object, field for field, as GET /v1/soc/{version}/{code}/map answers.
                if (request.All) context.WriteJson(results.Select(r => SocBridge.Api.Services.Views.Map(release.ReleaseId, r, null)));
                else context.WriteJson(SocBridge.Api.Services.Views.Map(release.ReleaseId, results[0], null));
                break;
            case OutputFormat.Csv:
                MappingCsv.Write(context.Out, results);
                break;
            default:
                var console = context.Console();
                foreach (var r in results) Render(console, r);
                break;
        }
        return ExitCodes.Ok;
    }

    public static void Render(IAnsiConsole console, MappingResult r)
    {
        var defaults = r.Requested == WeightSelection.Default ? " (default)" : "";
        console.MarkupLine($"[bold]{r.Source.ToQualifiedString()}[/] {Markup.Escape(r.SourceTitle)} → SOC{r.TargetVersion.Year()} {r.TargetLevel.Name()}s");
        console.MarkupLine($"weights: {WeightSets.Name(r.Requested.Set)}, sex: {WeightSets.Name(r.Requested.Sex)}{defaults}; relationship: {r.Relationship.Name()}; sample records: {r.SampleTotal.ToString("0.##", CultureInfo.InvariantCulture)}");
        if (r.IsFallback || r.FallbackReason is not null)
            console.MarkupLine($"[yellow]fallback:[/] {Markup.Escape(r.FallbackReason ?? "")}; used {r.Used}");
        if (r.ResidualShare is > 0)
            console.MarkupLine($"residual: {r.ResidualShare.Value.ToString("P2", CultureInfo.InvariantCulture)} of the sample was not allocated to a listed group (weights are renormalised over the listed groups)");
        var table = new Table().AddColumns("code", "title", "weight", "joint count");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var t in r.Targets)
            table.AddRow(t.Code.ToString(), Markup.Escape(t.Title), t.Weight.ToString("0.0000", CultureInfo.InvariantCulture),
                t.JointCount.ToString("0.##", CultureInfo.InvariantCulture));
        console.Write(table);
    }
}
