using System.Globalization;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Csv;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Search;

public sealed class SearchCommand(CliContext context)
{
    public int Execute(string text, SocVersion primary, int limit, OutputFormat format)
    {
        var release = context.LoadRelease();
        var hits = release.Index.Search(text, limit);
        var rows = hits.Select((h, i) => new
        {
            rank = i + 1,
            score = h.Score,
            id = h.Entry.Id,
            title = h.Entry.QualifiedTitle,
            soc2010 = h.Entry.Soc2010?.ToString() ?? "",
            soc2010_title = h.Entry.Soc2010 is { } a ? release.Soc2010.Get(a).DisplayTitle : "",
            soc2020 = h.Entry.Soc2020?.ToString() ?? "",
            soc2020_title = h.Entry.Soc2020 is { } b ? release.Soc2020.Get(b).DisplayTitle : "",
            soc2020_ext = h.Entry.Soc2020Ext,
            via = h.ReachedThrough?.Title,
        }).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                // The same object, field for field, as GET /v1/search answers.
                var results = hits.Select((h, i) => SocBridge.Api.Services.Views.Hit(release, i + 1, h)).ToArray();
                context.WriteJson(new SocBridge.Api.Contracts.SearchResponse(release.ReleaseId, text, "both", limit, results.Length, results));
                break;
            case OutputFormat.Csv:
                var csv = new CsvFieldWriter(context.Out);
                csv.WriteRow("rank", "score", "id", "title", "soc2010", "soc2010_title", "soc2020", "soc2020_title", "soc2020_ext");
                foreach (var r in rows)
                    csv.WriteRow(r.rank.ToString(CultureInfo.InvariantCulture), CsvFieldWriter.FormatNumber(r.score), r.id, r.title,
                        r.soc2010, r.soc2010_title, r.soc2020, r.soc2020_title, r.soc2020_ext);
                csv.Flush();
                break;
            default:
                var console = context.Console();
                if (rows.Count == 0)
                {
                    console.MarkupLine($"no index title matches \"{Markup.Escape(text)}\"");
                    break;
                }
                var first = primary == SocVersion.Soc2010 ? "SOC2010" : "SOC2020";
                var second = primary == SocVersion.Soc2010 ? "SOC2020" : "SOC2010";
                var table = new Table().AddColumns("#", "title", first, second, "score");
                foreach (var r in rows)
                {
                    var a = primary == SocVersion.Soc2010 ? $"{r.soc2010} {r.soc2010_title}" : $"{r.soc2020} {r.soc2020_title}";
                    var b = primary == SocVersion.Soc2010 ? $"{r.soc2020} {r.soc2020_title}" : $"{r.soc2010} {r.soc2010_title}";
                    table.AddRow(r.rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.title), Markup.Escape(a), Markup.Escape(b),
                        r.score.ToString("0.00", CultureInfo.InvariantCulture));
                }
                console.Write(table);
                break;
        }
        return ExitCodes.Ok;
    }
}
