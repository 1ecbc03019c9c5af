using System.Globalization;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Apportion;

public sealed class ApportionCommand(CliContext context)
{
    /// <summary>Prints each problem and returns the usage exit status.</summary>
    public static int Refuse(CliContext context, IEnumerable<string> problems)
    {
        foreach (var p in problems) context.Error.WriteLine($"error: {p}");
        return ExitCodes.UsageError;
    }

    public int Execute(SeriesFileRequest request)
    {
        var errors = request.Options.Validate().Concat(request.Validate()).Distinct().ToArray();
        if (errors.Length > 0) return Refuse(context, errors);
        var release = context.LoadRelease([.. request.Files.Outputs().Select(o => o.Path)]);
        var report = RunWithProgress(release, request);
        PrintSummary(context.Console(), report);
        return ExitCodes.Ok;
    }

    /// <summary>Translates every partition of a folder into the output folder and prints one summary per partition.</summary>
    public int ExecuteFolder(SeriesFileRequest request, string outputExtension)
    {
        var errors = request.Options.Validate().Concat(request.Validate()).Distinct().ToArray();
        if (errors.Length > 0) return Refuse(context, errors);
        var report = PartitionedRunner.Run(context.LoadRelease(request.OutputPath), request, outputExtension);
        var console = context.Console();
        foreach (var partition in report.Partitions)
        {
            console.Write(new Rule(Markup.Escape(Path.GetFileName(partition.Request.InputPath))).LeftJustified());
            PrintSummary(console, partition);
        }
        console.MarkupLine($"{report.Partitions.Count} partitions of {Markup.Escape(report.InputFolder)} translated into {Markup.Escape(report.OutputFolder)}");
        return ExitCodes.Ok;
    }

    private SeriesFileReport RunWithProgress(SocBridge.Core.Release.SocRelease release, SeriesFileRequest request)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
            return SeriesFileRunner.Run(release, request);
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SeriesFileReport? report = null;
        progress.Progress().Start(p =>
        {
            var task = p.AddTask(Path.GetFileName(request.InputPath), maxValue: 1);
            report = SeriesFileRunner.Run(release, request, f => task.Value = f);
        });
        return report!;
    }

    /// <summary>Prints what went in, what came out, what was rejected, what was checked, and where the files are.</summary>
    public static void PrintSummary(IAnsiConsole console, SeriesFileReport report)
    {
        var r = report.Result.Reconciliation;
        var o = report.Options;
        console.MarkupLine($"[bold]{Markup.Escape(report.InputDescription)}[/]: SOC{o.From.Year()} → SOC{o.To.Year()}, weights {(report.Estimator is not null ? "calibrated" : o.SexColumn is null ? o.Selection.ToString() : $"{WeightName(o)} by '{o.SexColumn}'")}, residual {(o.Residual == ResidualPolicy.Renormalise ? "renormalised" : "kept as 'unallocated'")}");
        console.MarkupLine($"values: {Markup.Escape(string.Join(", ", o.Values.Select(v => $"{v.Name} ({v.KindName}{(v.WeightColumn is null ? "" : " by " + v.WeightColumn)})")))}");
        console.MarkupLine($"dimensions: {(report.Dimensions.Count == 0 ? "none" : Markup.Escape(string.Join(", ", report.Dimensions)))}");
        if (report.IgnoredColumns.Count > 0) console.MarkupLine($"columns ignored: {Markup.Escape(string.Join(", ", report.IgnoredColumns))}");
        foreach (var w in report.ColumnWarnings) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w.Message)}");
        console.MarkupLine($"rows: {r.RowsRead:N0} read, {r.RowsApportioned:N0} apportioned, {r.RowsRejected:N0} rejected{(r.TotalRows > 0 ? $", {r.TotalRows:N0} total rows kept out as checks" : "")}; {r.ValueProblems:N0} values rejected; {report.OutputRows:N0} output rows");
        var reading = report.Reading;
        if (reading.Streamed)
            console.MarkupLine($"read as a stream: the rows arrive grouped by their dimensions, so they were shared out and written {reading.Windows:N0} windows at a time{(reading.Reordered ? ", then put in output order" : "")}");
        else if (reading.Reason is { } why) console.MarkupLine($"read whole: {Markup.Escape(why)}");
        var flows = r.Columns.Any(c => c.Kind == "flow");
        var table = new Table().AddColumns("column", "kind", "total in", "total out", "rejected", "cells without value", "balance");
        if (flows) table.AddColumns("in: gains / losses", "out: gains / losses");
        foreach (var c in r.Columns)
        {
            var row = new List<string> { Markup.Escape(c.Column), c.Kind, N(c.In), N(c.Out), N(c.Rejected), c.CellsWithoutValue.ToString("N0", CultureInfo.InvariantCulture),
                c.Balances ? "ok" : $"[red]off by {N(c.Difference)}[/]" };
            if (flows) row.AddRange(c.Kind == "flow" ? [$"{N(c.InPositive)} / {N(c.InNegative)}", $"{N(c.OutPositive)} / {N(c.OutNegative)}"] : ["", ""]);
            table.AddRow([.. row]);
        }
        console.Write(table);
        var checks = report.Result.TotalChecks;
        if (checks.Count > 0)
        {
            var off = checks.Where(t => !t.Matches).ToArray();
            console.MarkupLine($"total rows: {checks.Count:N0} checks of stated totals against their data rows, {(off.Length == 0 ? "all match" : $"[yellow]{off.Length:N0} differ by more than {TotalCheckTolerance}[/]")}");
            foreach (var c in off.Take(5))
                console.MarkupLine($"  [yellow]line {c.Line} '{Markup.Escape(c.Label)}' ({Markup.Escape(string.Join(", ", c.Dimensions))}) {Markup.Escape(c.Column)}: stated {N(c.Stated ?? 0)}, data rows {N(c.DataSum)}[/]");
        }
        if (report.Result.LabelledCodes > 0) console.MarkupLine($"codes given as labels: {report.Result.LabelledCodes:N0}, read by their code");
        foreach (var m in report.Result.TitleMismatches.Take(5))
            console.MarkupLine($"[yellow]warning:[/] line {m.Line}: '{Markup.Escape(m.Label)}' — the release's title of {m.Code} is '{Markup.Escape(m.ReleaseTitle)}' (the code was used)");
        var fallbacks = report.Result.ShareSets.Count(s => s.IsFallback);
        if (fallbacks > 0) console.MarkupLine($"[yellow]{fallbacks} source group(s) used fallback weights[/] (listed in the metadata; affected rows flagged 'fallback')");
        if (report.Estimator is { } est)
        {
            if (est.Fit is { } fit)
            {
                console.MarkupLine($"weights: calibrated estimator (family-anchored soft raking), γ {fit.Options.Gamma}, year decay {fit.Options.YearDecay}, series year {fit.SeriesYear}, margin years {string.Join(", ", fit.Years.Select(y => y.Year))}{(fit.Options.FillSuppressed ? ", suppressed values filled for the fit" : "")}");
                console.MarkupLine($"  {(fit.Converged || fit.UsedPrior ? "" : "[yellow]")}{Markup.Escape(fit.StopReason)}{(fit.Converged || fit.UsedPrior ? "" : "[/]")}; {fit.ReallocatedShare.ToString("P2", CultureInfo.InvariantCulture)} of the series reallocated from the prior; {fit.MovedPairs.Count} of {fit.Pairs.Count} weights moved by more than {fit.Options.MoveThreshold}; largest relative residual {fit.MaxRelativeResidual.ToString("P2", CultureInfo.InvariantCulture)}");
                foreach (var note in fit.Notes.Take(3)) console.MarkupLine($"  [yellow]{Markup.Escape(note)}[/]");
            }
            else console.MarkupLine($"weights: calibrated, fitted before, from {Markup.Escape(est.WeightsFrom ?? "")}");
        }
        if (report.Result.Calibration is { } cal)
        {
            console.MarkupLine($"calibration of '{Markup.Escape(cal.Column)}': {cal.Iterations} iterations, {(cal.Converged ? "converged" : "[yellow]not converged[/]")} ({Markup.Escape(cal.StopReason)}); strength {cal.Strength}");
            console.MarkupLine($"  margins {N(cal.MarginTotal)} vs series {N(cal.SeriesTotal)}{(cal.MarginScale != 1 ? $" (margins rescaled by {cal.MarginScale:0.#####})" : "")}; largest remaining misfit {N(cal.MaxAbsoluteMisfit)}; weights moved by {cal.MeanWeightChange:0.####} on average, {cal.MaxWeightChange:0.####} at most");
            foreach (var conflict in cal.Conflicts.Take(5)) console.MarkupLine($"  [yellow]{Markup.Escape(conflict)}[/]");
        }
        if (report.Request.Decimals is { } d) console.MarkupLine($"values written rounded to {d} decimal place{(d == 1 ? "" : "s")}; totals above are before rounding");
        var folder = Path.GetDirectoryName(report.MetadataPath)!;
        foreach (var f in report.Files)
            console.MarkupLine($"wrote {Markup.Escape(Path.Combine(folder, f.Path))}{(f.Role == "rejects" ? $" ({report.Rejects:N0} rejects)" : f.Role == "audit" ? $" ({report.Result.Audit.Count:N0} contributions)" : "")}");
        console.MarkupLine($"wrote {Markup.Escape(report.MetadataPath)} (with the SHA-256 of each file above)");
        var t = report.Timings;
        console.MarkupLine($"time: {t.Total.TotalSeconds:0.00} s (reading and summing {t.Reading.TotalSeconds:0.00} s, sharing out {t.Sharing.TotalSeconds:0.00} s, writing {t.Writing.TotalSeconds:0.00} s); {r.RowsRead / Math.Max(t.Total.TotalSeconds, 1e-9) / 1e6:0.00} million rows/s");
    }

    private static readonly string TotalCheckTolerance = SocBridge.Apportion.Engine.TotalRowCheck.Tolerance.ToString("P1", CultureInfo.InvariantCulture);

    private static string WeightName(ApportionOptions o) => SocBridge.Core.Crosswalk.WeightSets.Name(o.Selection.Set);

    private static string N(double v) => ApportionCommandDefinition.Format(v);
}
