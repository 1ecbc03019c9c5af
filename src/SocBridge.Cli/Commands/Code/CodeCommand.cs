using System.Diagnostics;
using System.Globalization;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Csv;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Io;
using SocBridge.Recode.Recoding;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Code;

public sealed class CodeCommand(CliContext context)
{
    public int Execute(string title, int top, OutputFormat format, string? industry, DirectoryInfo? modelCache)
    {
        var store = ModelLoading.Store(context, modelCache);
        var corpus = new RecodeCorpus(context.LoadRelease(store.Directory));
        var coder = ModelLoading.Load(context, "coder", p => store.LoadCoder(corpus, null, p), l => l.Report).Coder;
        var result = coder.Code(title, top, industry);
        switch (format)
        {
            case OutputFormat.Json:
                // The same object, field for field, as GET /v1/code answers.
                context.WriteJson(SocBridge.Api.Services.Views.Code(corpus.Release.ReleaseId, top, industry, result));
                break;
            case OutputFormat.Csv:
                var csv = new CsvFieldWriter(context.Out);
                csv.WriteRow("rank", "soc2020", "soc2020_title", "score", "probability", "soc2010", "soc2010_title", "soc2010_source", "matched_titles");
                foreach (var c in result.Candidates)
                    csv.WriteRow(c.Rank.ToString(CultureInfo.InvariantCulture), c.Soc2020.ToString(), c.Soc2020Title, c.Score.ToString("0.0", CultureInfo.InvariantCulture),
                        c.Probability.ToString("0.####", CultureInfo.InvariantCulture),
                        c.Soc2010?.ToString() ?? "", c.Soc2010Title, c.Soc2010Source, string.Join(" | ", c.Matches.Select(m => m.Title)));
                csv.Flush();
                break;
            default:
                var console = context.Console();
                if (result.Candidates.Count == 0)
                {
                    console.MarkupLine($"no index title resembles \"{Markup.Escape(title)}\"");
                    break;
                }
                console.MarkupLine($"\"{Markup.Escape(title)}\" read as: {Markup.Escape(result.Understood)}");
                var table = new Table().AddColumns("#", "SOC2020", "score", "probability", "SOC2010", "matched index titles");
                table.Columns[2].RightAligned();
                table.Columns[3].RightAligned();
                foreach (var c in result.Candidates)
                    table.AddRow(c.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{c.Soc2020} {c.Soc2020Title}"),
                        c.Score.ToString("0.0", CultureInfo.InvariantCulture), c.Probability.ToString("0.00", CultureInfo.InvariantCulture),
                        Markup.Escape($"{c.Soc2010} {c.Soc2010Title}"),
                        Markup.Escape(string.Join("; ", c.Matches.Select(m => m.Title))));
                console.Write(table);
                break;
        }
        return result.Candidates.Count > 0 ? ExitCodes.Ok : ExitCodes.UnknownCode;
    }

    public int ExecuteBatch(CodeCsvRequest request, DirectoryInfo? modelCache)
    {
        var watch = Stopwatch.StartNew();
        request.CheckPaths();
        var store = ModelLoading.Store(context, modelCache);
        var corpus = new RecodeCorpus(context.LoadRelease(request.OutputPath, request.RejectsPath, store.Directory));
        FreeTextCoder coder;
        Recoder? recoder = null;
        if (request.CodeColumn is null)
        {
            coder = ModelLoading.Load(context, "coder", p => store.LoadCoder(corpus, null, p), l => l.Report).Coder;
        }
        else
        {
            // Neither model needs the other: they are read (or trained) side by side.
            var (c, r) = ModelLoading.LoadBoth(context,
                ("coder", p => store.LoadCoder(corpus, null, p), l => l.Report),
                ("recoder", p => store.LoadRecoder(corpus, null, p), l => l.Report));
            (coder, recoder) = (c.Coder, r.Recoder);
        }
        var report = CodeCsvRunner.Run(coder, recoder, request);
        var console = context.Console();
        var seconds = report.Elapsed.TotalSeconds;
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(request.InputPath))}[/]: {report.RowsRead:N0} rows read, {report.Coded:N0} coded, {report.Uncoded:N0} not coded (review or no match), {report.Rejected:N0} rejected; {report.Recoded:N0} recoded from their SOC2010 code");
        console.MarkupLine($"{report.DistinctTitles:N0} distinct titles as written, {report.TitlesCoded:N0} distinct normalised titles coded");
        console.MarkupLine($"wrote {Markup.Escape(request.OutputPath)}");
        console.MarkupLine($"wrote {Markup.Escape(request.RejectsPath)} ({report.Rejected:N0} rejects)");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"coding {seconds:0.0} s ({report.RowsRead / Math.Max(seconds, 1e-9):N0} rows/s, {report.TitlesCoded / Math.Max(seconds, 1e-9):N0} distinct titles/s); total {watch.Elapsed.TotalSeconds:0.0} s"));
        return ExitCodes.Ok;
    }
}
