using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SocBridge.Apportion.Io;
using SocBridge.Core.Classification;
using SocBridge.Core.Csv;
using SocBridge.Reporting.Html;
using static SocBridge.Reporting.Html.Html;

namespace SocBridge.Reporting.Runs;

/// <summary>
/// The report of one apportionment run, offline and self-contained: what went in and out of each column,
/// the rejects by reason with examples, the source groups that split most of the series' value and where it
/// went, fallbacks and residuals, the total-row checks and warnings, the widest intervals, and with
/// calibration every weight that moved and the misfit per target. Built from the run's own result, metadata
/// and rejects file, and published with the run's other files.
/// </summary>
public sealed partial class RunReport : IRunReportWriter
{
    /// <summary>How many examples of each reject reason are shown.</summary>
    public const int ExamplesPerReason = 3;

    /// <summary>How many source groups are shown among the largest splits.</summary>
    public const int LargestSplits = 25;

    /// <inheritdoc />
    public void Write(string path, SeriesFileReport report, string rejectsPath)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Page(report, RejectSummary.Read(rejectsPath)).Render(writer);
    }

    /// <summary>The page of a run, given its rejects summarised by reason.</summary>
    internal static HtmlPage Page(SeriesFileReport report, RejectSummary rejects)
    {
        var o = report.Options;
        var r = report.Result.Reconciliation;
        var page = new HtmlPage($"Apportionment run: {Path.GetFileName(report.Request.InputPath)}",
            $"SOC{o.From.Year()} → SOC{o.To.Year()} · weights {(report.Estimator is null ? o.Selection.ToString() : "calibrated")} · {r.RowsRead:N0} rows read, {report.OutputRows:N0} output rows")
        {
            Footer = "SocBridge run report. Contains public sector information licensed under the Open Government Licence v3.0 (ONS dual-coded relationship tables).",
        };
        page.AddSection("summary", "Summary", Summary(report));
        page.AddSection("totals", "Totals", Totals(report));
        page.AddSection("rejects", $"Rejects ({rejects.Total:N0})", Rejects(rejects));
        page.AddSection("splits", "Largest splits", Splits(report));
        page.AddSection("weights", "Fallbacks and residuals", FallbacksAndResiduals(report));
        if (report.Estimator?.Fit is not null || report.Result.Calibration is not null) page.AddSection("calibration", "Calibration", Calibration(report));
        if (o.Interval is not null) page.AddSection("intervals", "Intervals", Intervals(report));
        return page;
    }

    private static string Summary(SeriesFileReport report)
    {
        var o = report.Options;
        var r = report.Result.Reconciliation;
        var balances = r.Balances;
        var s = new StringBuilder();
        s.Append("<div class=\"cards\">");
        Card(s, "rows read", Number(r.RowsRead), $"{Number(r.RowsApportioned)} apportioned, {Number(r.RowsRejected)} rejected" + (r.TotalRows > 0 ? $", {Number(r.TotalRows)} total rows kept out as checks" : ""));
        Card(s, "values rejected", Number(r.ValueProblems), "markers, non-numbers, negative counts, out-of-range values and unweighted means");
        Card(s, "output rows", Number(report.OutputRows), $"in {Encode(o.To.ColumnName())}, ordered by dimensions then code");
        Card(s, "reconciliation", balances ? "balanced" : "OFF", "out + rejected = in for every count and flow column");
        s.Append("</div><div class=\"panel\"><table class=\"data compact\"><tbody>");
        Row(s, "input", report.InputDescription);
        Row(s, "translation", $"SOC{o.From.Year()} → SOC{o.To.Year()}{(o.ToLevel is { } l ? $", to level {(int)l}" : ", each row at its own level")}");
        Row(s, "weights", report.Estimator is null ? $"{o.Selection} (the ONS dual-coded proportions)" : "calibrated estimator (family-anchored soft raking)");
        Row(s, "values", string.Join(", ", o.Values.Select(v => $"{v.Name} ({v.KindName}{(v.WeightColumn is null ? "" : " by " + v.WeightColumn)})")));
        Row(s, "dimensions", report.Dimensions.Count == 0 ? "none" : string.Join(", ", report.Dimensions));
        if (report.IgnoredColumns.Count > 0) Row(s, "columns ignored", string.Join(", ", report.IgnoredColumns));
        Row(s, "residual", o.Residual == SocBridge.Apportion.Model.ResidualPolicy.Renormalise ? "renormalised over the listed groups" : "kept as an 'unallocated' row");
        Row(s, "files", string.Join(", ", report.Files.Select(f => f.Path)));
        s.Append("</tbody></table></div>");
        var warnings = report.ColumnWarnings.Select(w => w.Message)
            .Concat(report.Result.TitleMismatches.Select(m => $"line {m.Line}: '{m.Label}' — the release's title of {m.Code} is '{m.ReleaseTitle}' (the code was used)"))
            .ToArray();
        if (warnings.Length > 0)
            s.Append("<div class=\"panel\"><h3>Warnings</h3><ul>").Append(string.Concat(warnings.Select(w => $"<li>{Encode(w)}</li>"))).Append("</ul></div>");
        var checks = report.Result.TotalChecks;
        if (checks.Count > 0)
        {
            var table = new HtmlTable("total-checks", [new("line", ColumnKind.Number), new("total row"), new("dimensions"), new("column"), new("stated", ColumnKind.Number), new("data rows", ColumnKind.Number), new("difference", ColumnKind.Number), new("matches")]);
            foreach (var t in checks)
                table.AddRow([HtmlCell.Number(t.Line), t.Label, string.Join(", ", t.Dimensions), t.Column, t.Stated is { } st ? HtmlCell.Number(st, "N1") : "–",
                    HtmlCell.Number(t.DataSum, "N1"), t.Difference is { } d ? HtmlCell.Number(d, "N1") : "–", t.Matches ? "yes" : "NO"]);
            s.Append("<div class=\"panel\"><h3>Total rows against their data rows</h3>").Append(table.Render()).Append("</div>");
        }
        return s.ToString();
    }

    private static string Totals(SeriesFileReport report)
    {
        var columns = report.Result.Reconciliation.Columns;
        var s = new StringBuilder("<p class=\"intro\">Every count and flow column is conserved: what came in is what went out plus what was rejected. For flows, gains and losses are shown apart (they net out inside an output cell that both reach).</p>");
        var table = new HtmlTable("column-totals", [new("column"), new("kind"), new("total in", ColumnKind.Number), new("total out", ColumnKind.Number), new("rejected", ColumnKind.Number),
            new("rejected share", ColumnKind.Number), new("cells without value", ColumnKind.Number), new("in: gains", ColumnKind.Number), new("in: losses", ColumnKind.Number), new("balance")]);
        foreach (var c in columns)
            table.AddRow([c.Column, c.Kind, HtmlCell.Number(c.In, "N1"), HtmlCell.Number(c.Out, "N1"), HtmlCell.Number(c.Rejected, "N1"), new HtmlCell(Percent(c.RejectedShare), c.RejectedShare),
                HtmlCell.Number(c.CellsWithoutValue), HtmlCell.Number(c.InPositive, "N1"), HtmlCell.Number(c.InNegative, "N1"), c.Balances ? "ok" : "OFF"]);
        s.Append("<div class=\"panel\">").Append(table.Render()).Append("</div>");
        var bars = columns.Take(30).Select(c => new BarRow(c.Column,
        [
            (Math.Abs(c.Out), "#4e79a7", $"{c.Column}: out {Number(c.Out, "N1")}"),
            (Math.Abs(c.Rejected), "#e15759", $"{c.Column}: rejected {Number(c.Rejected, "N1")}"),
        ])).ToArray();
        if (bars.Length > 0)
            s.Append("<div class=\"panel\">").Append(Svg.BarChart("Output and rejected value by column", bars, "N0"))
                .Append(Svg.Legend([("#4e79a7", "apportioned (out)"), ("#e15759", "rejected")])).Append("</div>");
        return s.ToString();
    }

    private static string Rejects(RejectSummary rejects)
    {
        if (rejects.Total == 0) return "<p class=\"intro\">No row or value was rejected.</p>";
        var s = new StringBuilder($"<p class=\"intro\">{rejects.Total:N0} rejects ({rejects.Rows:N0} whole rows, {rejects.Total - rejects.Rows:N0} single values), grouped by reason; every one is in the rejects file with its line, record, column, value and the row's fields.</p>");
        var table = new HtmlTable("reject-reasons", [new("column"), new("reason"), new("rejects", ColumnKind.Number), new("examples (line: value)")]);
        foreach (var g in rejects.Reasons)
            table.AddRow([g.Column ?? "(whole row)", g.Reason, HtmlCell.Number(g.Count),
                new HtmlCell(string.Join("<br>", g.Examples.Select(e => $"line {e.Line}: <span class=\"chip\">{Encode(e.Value.Length > 0 ? e.Value : "(empty)")}</span>")))]);
        s.Append("<div class=\"panel\">").Append(table.Render()).Append("</div>");
        return s.ToString();
    }

    private static string Splits(SeriesFileReport report)
    {
        var result = report.Result;
        var first = result.Reconciliation.Columns.FirstOrDefault();
        if (first is null || result.SourceTotals.Count == 0) return "<p class=\"intro\">No count or flow column was shared out.</p>";
        var splits = result.SourceTotals
            .Select(t => (t.Set, Value: t.Totals[0], Moved: t.Totals[0] * (1 - t.Set.Targets.Select(x => x.Weight).DefaultIfEmpty(1).Max())))
            .Where(t => t.Set.Targets.Length > 1 && t.Value != 0)
            .OrderByDescending(t => Math.Abs(t.Moved)).ThenBy(t => t.Set.Source).Take(LargestSplits).ToArray();
        var s = new StringBuilder($"<p class=\"intro\">The source groups whose '{Encode(first.Column)}' was split most: the value that did not go to the group's largest target, and every target with its weight and share of the value.</p>");
        if (splits.Length == 0) return s.Append("<p>No source group of this series was split.</p>").ToString();
        var table = new HtmlTable("largest-splits", [new("source"), new("weights used"), new($"{first.Column}", ColumnKind.Number), new("not to the largest target", ColumnKind.Number), new("targets (weight → value)")]);
        foreach (var (set, value, moved) in splits)
            table.AddRow([set.Source.ToString(), set.Used.ToString() + (set.IsFallback ? " (fallback)" : ""), HtmlCell.Number(value, "N1"), HtmlCell.Number(moved, "N1"),
                new HtmlCell(string.Join(" ", set.Targets.OrderByDescending(t => t.Weight).Select(t =>
                    $"<span class=\"chip\">{Encode(result.TargetCodes[t.Slot])} {t.Weight.ToString("0.000", CultureInfo.InvariantCulture)} → {Number(value * t.Weight, "N1")}</span>")))]);
        s.Append("<div class=\"panel\">").Append(table.Render()).Append("</div>");
        var top = splits.Take(12).ToArray();
        var left = top.Select((t, i) => new FlowNode("s" + t.Set.Source + t.Set.Used, t.Set.Used.Sex == SocBridge.Core.Crosswalk.SexSet.All ? t.Set.Source.ToString() : $"{t.Set.Source} ({t.Set.Used.Sex.ToString().ToLowerInvariant()})", Svg.Palette[i % Svg.Palette.Count])).DistinctBy(n => n.Key).ToArray();
        var flows = top.SelectMany(t => t.Set.Targets.Where(x => x.Weight > 0).Select(x => new Flow("s" + t.Set.Source + t.Set.Used, "t" + result.TargetCodes[x.Slot], Math.Abs(t.Value * x.Weight),
            $"{t.Set.Source} → {result.TargetCodes[x.Slot]}: {Number(t.Value * x.Weight, "N1")}"))).ToArray();
        var right = flows.Select(f => f.To).Distinct().Order(StringComparer.Ordinal).Select(k => new FlowNode(k, k[1..], "#9aa5b4")).ToArray();
        s.Append("<div class=\"panel\">").Append(Svg.FlowDiagram($"Where the {top.Length} largest splits went", left, right, flows, $"SOC{report.Options.From.Year()}", $"SOC{report.Options.To.Year()}", 420, 900)).Append("</div>");
        return s.ToString();
    }

    private static string FallbacksAndResiduals(SeriesFileReport report)
    {
        var sets = report.Result.SourceTotals;
        var s = new StringBuilder();
        var fallbacks = sets.Where(t => t.Set.IsFallback).ToArray();
        s.Append($"<div class=\"panel\"><h3>Fallbacks ({fallbacks.Length})</h3>");
        if (fallbacks.Length == 0) s.Append("<p class=\"muted\">Every source group had a sample in the weights asked for.</p>");
        else
        {
            var table = new HtmlTable("fallbacks", [new("source"), new("asked for"), new("used"), new("why"), new("value", ColumnKind.Number)]);
            foreach (var t in fallbacks) table.AddRow([t.Set.Source.ToString(), t.Set.Requested.ToString(), t.Set.Used.ToString(), t.Set.FallbackReason ?? "", HtmlCell.Number(t.Totals.FirstOrDefault(), "N1")]);
            s.Append(table.Render());
        }
        s.Append("</div>");
        var residuals = sets.Where(t => t.Set.SourceBase is > 0 && t.Set.SampleTotal < t.Set.SourceBase)
            .Select(t => (t, Residual: 1 - t.Set.SampleTotal / t.Set.SourceBase!.Value)).OrderByDescending(x => x.Residual).ToArray();
        s.Append($"<div class=\"panel\"><h3>Residuals ({residuals.Length})</h3><p class=\"muted\">Source groups whose ONS proportions leave part of the dual-coded base unallocated; it is {(report.Options.Residual == SocBridge.Apportion.Model.ResidualPolicy.Renormalise ? "shared among the listed groups" : "kept as an 'unallocated' row")}.</p>");
        if (residuals.Length > 0)
        {
            var table = new HtmlTable("residuals", [new("source"), new("weights"), new("residual share", ColumnKind.Number), new("base", ColumnKind.Number), new("value", ColumnKind.Number)]);
            foreach (var (t, residual) in residuals) table.AddRow([t.Set.Source.ToString(), t.Set.Used.ToString(), new HtmlCell(Percent(residual), residual), HtmlCell.Number(t.Set.SourceBase ?? 0), HtmlCell.Number(t.Totals.FirstOrDefault(), "N1")]);
            s.Append(table.Render());
        }
        return s.Append("</div>").ToString();
    }

    private static string Calibration(SeriesFileReport report)
    {
        var s = new StringBuilder();
        if (report.Estimator?.Fit is { } fit)
        {
            s.Append($"<p class=\"intro\">Calibrated estimator: γ {fit.Options.Gamma}, year decay {fit.Options.YearDecay}, margin years {string.Join(", ", fit.Years.Select(y => y.Year))}. {Encode(fit.StopReason)}. " +
                     $"{Percent(fit.ReallocatedShare)} of the series reallocated from the prior; {fit.MovedPairs.Count} of {fit.Pairs.Count} weights moved by more than {fit.Options.MoveThreshold}.</p>");
            var moved = fit.Pairs.OrderByDescending(p => Math.Abs(p.Change)).Take(30).ToArray();
            s.Append("<div class=\"panel\" style=\"max-width:820px\">").Append(Svg.DotPlot("The weights that moved most", moved.Select(p => new DotRow($"{p.Soc2010} → {p.Soc2020}",
                [new Dot(p.Prior, "#9aa5b4", $"prior {p.Prior:0.000}"), new Dot(p.Fitted, "#e15759", $"fitted {p.Fitted:0.000}")])).ToArray(), "weight"))
                .Append(Svg.Legend([("#9aa5b4", "prior (½ LFS + ½ Census)"), ("#e15759", "fitted")])).Append("</div>");
            var table = new HtmlTable("weight-moves", [new("SOC2010"), new("SOC2020"), new("before", ColumnKind.Number), new("after", ColumnKind.Number), new("change", ColumnKind.Number)]);
            foreach (var p in fit.Pairs.Where(p => Math.Abs(p.Change) > 1e-9).OrderByDescending(p => Math.Abs(p.Change)))
                table.AddRow([p.Soc2010.ToString(), p.Soc2020.ToString(), HtmlCell.Number(p.Prior, "0.0000"), HtmlCell.Number(p.Fitted, "0.0000"), HtmlCell.Number(p.Change, "+0.0000;-0.0000;+0.0000")]);
            s.Append("<div class=\"panel\"><h3>Every weight that moved</h3>").Append(table.Render()).Append("</div>");
            var sets = new HtmlTable("misfit", [new("constraint set"), new("target", ColumnKind.Number), new("fitted", ColumnKind.Number), new("residual", ColumnKind.Number), new("relative", ColumnKind.Number)]);
            foreach (var c in fit.Sets.OrderByDescending(c => Math.Abs(c.Residual)))
                sets.AddRow([c.Label, HtmlCell.Number(c.Target, "N1"), HtmlCell.Number(c.Fitted, "N1"), HtmlCell.Number(c.Residual, "N1"), new HtmlCell(Percent(c.RelativeResidual), c.RelativeResidual)]);
            s.Append("<div class=\"panel\"><h3>Misfit per target (soft raking leaves some on purpose)</h3>").Append(sets.Render()).Append("</div>");
        }
        else if (report.Result.Calibration is { } cal)
        {
            s.Append($"<p class=\"intro\">One-year raking of '{Encode(cal.Column)}': {cal.Iterations} iterations, {(cal.Converged ? "converged" : "not converged")} ({Encode(cal.StopReason)}); strength {cal.Strength}.</p>");
            var table = new HtmlTable("weight-moves", [new("source"), new("weights"), new("target"), new("before", ColumnKind.Number), new("after", ColumnKind.Number), new("change", ColumnKind.Number)]);
            foreach (var m in cal.Moves.Where(m => Math.Abs(m.Change) > 1e-9).OrderByDescending(m => Math.Abs(m.Change)))
                table.AddRow([m.Source, m.Selection, m.Target, HtmlCell.Number(m.Before, "0.0000"), HtmlCell.Number(m.After, "0.0000"), HtmlCell.Number(m.Change, "+0.0000;-0.0000;+0.0000")]);
            s.Append("<div class=\"panel\"><h3>Every weight that moved</h3>").Append(table.Render()).Append("</div>");
            var targets = new HtmlTable("misfit", [new("target"), new("margin", ColumnKind.Number), new("uncalibrated", ColumnKind.Number), new("calibrated", ColumnKind.Number), new("misfit", ColumnKind.Number)]);
            foreach (var t in cal.Targets)
                targets.AddRow([t.Code, t.Margin is { } mg ? HtmlCell.Number(mg, "N1") : "–", HtmlCell.Number(t.Uncalibrated, "N1"), HtmlCell.Number(t.Calibrated, "N1"), t.Misfit is { } mf ? HtmlCell.Number(mf, "N1") : "–"]);
            s.Append("<div class=\"panel\"><h3>Misfit per target</h3>").Append(targets.Render()).Append("</div>");
        }
        return s.ToString();
    }

    private static string Intervals(SeriesFileReport report)
    {
        var result = report.Result;
        var cells = result.Cells;
        if (cells.IntervalCount == 0) return "";
        var counts = report.Options.Values.Select((v, i) => (v, i)).Where(x => x.v.IsCount).ToArray();
        var (column, index) = counts[0];
        var widest = Enumerable.Range(0, cells.Count)
            .Select(r => (Row: r, Value: cells.Value(r, index), Lo: cells.Lower[r * cells.IntervalCount], Hi: cells.Upper[r * cells.IntervalCount]))
            .Where(x => x.Value > 0).OrderByDescending(x => (x.Hi - x.Lo) / x.Value).Take(25).ToArray();
        var table = new HtmlTable("widest-intervals", [new("dimensions"), new("target"), new(column.Name, ColumnKind.Number), new("low", ColumnKind.Number), new("high", ColumnKind.Number), new("width / value", ColumnKind.Number)]);
        foreach (var x in widest)
            table.AddRow([string.Join(", ", result.Dimensions.Tuple(cells.Tuples[x.Row])), result.TargetCodes[cells.TargetSlots[x.Row]], HtmlCell.Number(x.Value, "N1"), HtmlCell.Number(x.Lo, "N1"), HtmlCell.Number(x.Hi, "N1"), new HtmlCell(Percent((x.Hi - x.Lo) / x.Value), (x.Hi - x.Lo) / x.Value)]);
        return $"<p class=\"intro\">{report.Options.Interval:P0} intervals from the joint sample counts (Dirichlet posterior); the output rows whose '{Encode(column.Name)}' is least certain relative to its size:</p><div class=\"panel\">{table.Render()}</div>";
    }

    private static void Card(StringBuilder s, string title, string big, string note) =>
        s.Append($"<div class=\"card\"><h3>{Encode(title)}</h3><p class=\"big\">{Encode(big)}</p><p>{Encode(note)}</p></div>");

    private static void Row(StringBuilder s, string label, string value) =>
        s.Append($"<tr><th>{Encode(label)}</th><td>{Encode(value)}</td></tr>");
}

/// <summary>A run's rejects grouped by column and reason (values and numbers in a reason generalised), with the first examples of each.</summary>
public sealed partial record RejectSummary(long Total, long Rows, IReadOnlyList<RejectReason> Reasons)
{
    /// <summary>Reads a rejects file (line, record, column, value, reason, fields…) without holding it in memory.</summary>
    public static RejectSummary Read(string rejectsPath)
    {
        var groups = new Dictionary<(string?, string), RejectReason>();
        long total = 0, rows = 0;
        if (!File.Exists(rejectsPath)) return new RejectSummary(0, 0, []);
        using var reader = new CsvRecordReader(new StreamReader(rejectsPath), rejectsPath);
        while (reader.Read())
        {
            total++;
            var column = reader.GetString("column") is { Length: > 0 } c ? c : null;
            if (column is null) rows++;
            var reason = reader.GetString("reason");
            var value = reader.GetString("value");
            var key = (column, Generalise(value.Length > 0 ? reason.Replace(value, "…", StringComparison.Ordinal) : reason));
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new RejectReason(column, key.Item2, 0, new List<RejectExample>());
            var examples = (List<RejectExample>)group.Examples;
            if (examples.Count < RunReport.ExamplesPerReason) examples.Add(new RejectExample(reader.GetString("line"), value, reason));
            groups[key] = group with { Count = group.Count + 1 };
        }
        return new RejectSummary(total, rows, groups.Values.OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal).ToArray());
    }

    /// <summary>A reason with its standalone numbers replaced (codes, lines, counts), so rejects for the same cause fall together.</summary>
    public static string Generalise(string reason) => Numbers().Replace(reason, "#");

    [GeneratedRegex(@"(?<![A-Za-z])\d+(\.\d+)?")]
    private static partial Regex Numbers();
}

/// <summary>One reject reason: its column (null for whole rows), the generalised reason, how many, and examples.</summary>
public sealed record RejectReason(string? Column, string Reason, long Count, IReadOnlyList<RejectExample> Examples);

/// <summary>An example of a reject: its line, value and reason as written.</summary>
public sealed record RejectExample(string Line, string Value, string Reason);
