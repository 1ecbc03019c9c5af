using System.Diagnostics;
using System.Globalization;
using SocBridge.Cli.Infrastructure;
using SocBridge.Recode;
using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Io;
using SocBridge.Recode.Recoding;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Recode;

public sealed class RecodeCommand(CliContext context)
{
    public int Execute(RecodeCsvRequest request, RecodeOptions options, DirectoryInfo? modelCache)
    {
        var watch = Stopwatch.StartNew();
        request.CheckPaths();
        var store = ModelLoading.Store(context, modelCache);
        var corpus = new RecodeCorpus(context.LoadRelease(request.OutputPath, request.ReviewPath, request.RejectsPath, store.Directory));
        var recoder = ModelLoading.Load(context, "recoder", p => store.LoadRecoder(corpus, options, p), l => l.Report).Recoder;
        var report = WithProgress(Path.GetFileName(request.InputPath), p => RecodeCsvRunner.Run(recoder, request, p));
        PrintSummary(context.Console(), report, options, watch.Elapsed);
        return ExitCodes.Ok;
    }

    public int Evaluate(EvaluationOptions options, bool includeCoder, bool json, FileInfo? predictions = null)
    {
        var release = context.LoadRelease(predictions?.FullName);
        if (predictions is not null && Directory.Exists(predictions.FullName))
            throw new ArgumentException($"the predictions path {predictions.FullName} is a folder; give a file path");
        var corpus = new RecodeCorpus(release);
        var report = RecodeEvaluation.Run(corpus, options with { IncludeCoder = includeCoder }, line => context.Error.WriteLine(line));
        if (json) context.WriteJson(report);
        else context.Out.Write(report.ToText());
        if (predictions is null) return ExitCodes.Ok;
        report.WritePredictions(predictions.FullName);
        context.Error.WriteLine($"wrote {predictions.FullName}");
        return ExitCodes.Ok;
    }

    private T WithProgress<T>(string name, Func<Action<double>, T> run)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error)) return run(_ => { });
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        progress.Progress().Start(p =>
        {
            var task = p.AddTask(name, maxValue: 1);
            result = run(f => task.Value = f);
        });
        return result;
    }

    public static void PrintSummary(IAnsiConsole console, RecodeCsvReport report, RecodeOptions options, TimeSpan elapsed)
    {
        var r = report.Request;
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(r.InputPath))}[/]: {report.RowsRead:N0} rows read, {report.Written:N0} written, {report.Rejected:N0} rejected; threshold {options.Threshold.ToString("0.###", CultureInfo.InvariantCulture)}");
        var table = new Table().AddColumns("method", "rows", "share");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        foreach (var (method, count) in report.ByMethod)
            table.AddRow(method.Name(), count.ToString("N0", CultureInfo.InvariantCulture),
                (count / (double)Math.Max(1, report.Written)).ToString("P1", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine($"wrote {Markup.Escape(r.OutputPath)}");
        console.MarkupLine($"wrote {Markup.Escape(r.ReviewPath)} ({report.ForReview:N0} titles for review)");
        console.MarkupLine($"wrote {Markup.Escape(r.RejectsPath)} ({report.Rejected:N0} rejects)");
        console.MarkupLine($"time {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }
}
