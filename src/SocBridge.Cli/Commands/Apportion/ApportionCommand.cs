using System.Globalization;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Apportion;

public sealed class ApportionCommand(CliContext context)
{
    public int Execute(string input, string output, string rejectsPath, string? auditPath, ApportionOptions options,
        SocBridge.Apportion.Calibration.CalibrationOptions? calibration = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var e in errors) context.Error.WriteLine($"error: {e}");
            return ExitCodes.UsageError;
        }
        var release = context.LoadRelease();
        var report = RunWithProgress(release, new CsvRunRequest(input, output, options, rejectsPath, auditPath, calibration));
        PrintSummary(context.Console(), report);
        return report.Result.Reconciliation.Balances ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private CsvRunReport RunWithProgress(SocRelease release, CsvRunRequest request)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
            return CsvApportionRunner.Run(release, request);
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        CsvRunReport? report = null;
        progress.Progress().Start(p =>
        {
            var task = p.AddTask(Path.GetFileName(request.InputPath), maxValue: 1);
            report = CsvApportionRunner.Run(release, request, f => task.Value = f);
        });
        return report!;
    }

    /// <summary>Prints what went in, what came out, what was rejected, and where the files are.</summary>
    public static void PrintSummary(IAnsiConsole console, CsvRunReport report)
    {
        var r = report.Result.Reconciliation;
        var o = report.Request.Options;
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(report.Request.InputPath))}[/]: SOC{o.From.Year()} → SOC{o.To.Year()}, weights {(o.SexColumn is null ? o.Selection.ToString() : $"{WeightName(o)} by '{o.SexColumn}'")}, residual {(o.Residual == ResidualPolicy.Renormalise ? "renormalised" : "kept as 'unallocated'")}");
        if (report.IgnoredColumns.Count > 0) console.MarkupLine($"columns ignored: {Markup.Escape(string.Join(", ", report.IgnoredColumns))}");
        console.MarkupLine($"rows: {r.RowsRead:N0} read, {r.RowsApportioned:N0} apportioned, {r.RowsRejected:N0} rejected; {r.ValueProblems:N0} values rejected; {report.Result.Cells.Count:N0} output rows");
        var table = new Table().AddColumns("count column", "total in", "total out", "rejected", "cells without value", "balance");
        foreach (var c in r.Columns)
            table.AddRow(Markup.Escape(c.Column), N(c.In), N(c.Out), N(c.Rejected), c.CellsWithoutValue.ToString("N0", CultureInfo.InvariantCulture),
                c.Balances ? "ok" : $"[red]off by {N(c.Difference)}[/]");
        console.Write(table);
        var fallbacks = report.Result.ShareSets.Count(s => s.IsFallback);
        if (fallbacks > 0) console.MarkupLine($"[yellow]{fallbacks} source group(s) used fallback weights[/] (listed in the metadata; affected rows flagged 'fallback')");
        if (report.Result.Calibration is { } cal)
        {
            console.MarkupLine($"calibration of '{Markup.Escape(cal.Column)}': {cal.Iterations} iterations, {(cal.Converged ? "converged" : "[yellow]not converged[/]")} ({Markup.Escape(cal.StopReason)}); strength {cal.Strength}");
            console.MarkupLine($"  margins {N(cal.MarginTotal)} vs series {N(cal.SeriesTotal)}{(cal.MarginScale != 1 ? $" (margins rescaled by {cal.MarginScale:0.#####})" : "")}; largest remaining misfit {N(cal.MaxAbsoluteMisfit)}; weights moved by {cal.MeanWeightChange:0.####} on average, {cal.MaxWeightChange:0.####} at most");
            foreach (var conflict in cal.Conflicts.Take(5)) console.MarkupLine($"  [yellow]{Markup.Escape(conflict)}[/]");
        }
        console.MarkupLine($"wrote {Markup.Escape(report.Request.OutputPath)}");
        if (report.Rejects > 0 || report.Request.RejectsPath is not null)
            console.MarkupLine($"wrote {Markup.Escape(report.Request.RejectsPath!)} ({report.Rejects:N0} rejects)");
        if (report.Request.AuditPath is not null) console.MarkupLine($"wrote {Markup.Escape(report.Request.AuditPath)} ({report.Result.Audit.Count:N0} contributions)");
        console.MarkupLine($"wrote {Markup.Escape(report.MetadataPath)}");
        var t = report.Timings;
        console.MarkupLine($"time: {t.Total.TotalSeconds:0.00} s (reading and summing {t.Reading.TotalSeconds:0.00} s, sharing out {t.Sharing.TotalSeconds:0.00} s, writing {t.Writing.TotalSeconds:0.00} s); {r.RowsRead / Math.Max(t.Total.TotalSeconds, 1e-9) / 1e6:0.00} million rows/s");
    }

    private static string WeightName(ApportionOptions o) => SocBridge.Core.Crosswalk.WeightSets.Name(o.Selection.Set);

    private static string N(double v) => v.ToString("#,##0.###", CultureInfo.InvariantCulture);
}
