using System.Diagnostics;
using System.Globalization;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Csv;
using SocBridge.Core.Lookup;
using SocBridge.Reporting.Evidence;
using SocBridge.Reporting.Export;
using SocBridge.Reporting.Html;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Audit;

public sealed class AuditCommand(CliContext context)
{
    public static readonly string[] GroupCsvHeader =
    [
        "version", "code", "title", "relationship", "weights", "sex", "weights_used", "sex_used", "fallback", "sample_total", "residual",
        "target_version", "target_code", "target_title", "weight", "joint_count", "interval_lower", "interval_upper",
        "lfs_men_proportion", "lfs_men_joint", "lfs_women_proportion", "lfs_women_joint",
        "census_men_proportion", "census_men_joint", "census_women_proportion", "census_women_joint", "index_titles",
    ];

    public int Report(FileInfo output, WeightSelection selection, double smallBase)
    {
        var options = new AuditOptions { Selection = selection, SmallBase = smallBase };
        if (options.Validate() is { Count: > 0 } errors)
        {
            context.Error.WriteLine("error: " + string.Join("; ", errors));
            return ExitCodes.UsageError;
        }
        var clock = Stopwatch.StartNew();
        var release = context.LoadRelease(output.FullName);
        var evidence = AuditEvidence.Build(release, options);
        AtomicFile.WriteText(output.FullName, w => AuditReport.Write(evidence, w));
        clock.Stop();
        var size = new FileInfo(output.FullName).Length;
        context.Out.WriteLine($"audit report of release {release.ReleaseId} ({selection}) written to {output.FullName}: " +
            $"{(size / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture)} MB, {evidence.Soc2010.Count} SOC2010 and {evidence.Soc2020.Count} SOC2020 groups, " +
            $"{clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        return ExitCodes.Ok;
    }

    public int Group(string input, SocVersion version, WeightSelection selection, OutputFormat format)
    {
        var release = context.LoadRelease();
        var lookup = new CodeLookup(release);
        var resolved = lookup.Resolve(input, version);
        if (resolved.Failure is { } failure) return FailureOutput.Report(context, failure);
        var code = resolved.Value;
        if (code.Level != SocLevel.Unit)
        {
            context.Error.WriteLine($"error: {code.ToQualifiedString()} is a {code.Level.Name()}; audit group takes a unit group (4 digits). Use `socbridge map {code} --from {version.Year()}` for coarser levels.");
            return ExitCodes.UnknownCode;
        }
        var g = AuditEvidence.BuildGroup(release, code, new AuditOptions { Selection = selection });
        switch (format)
        {
            case OutputFormat.Json:
                context.WriteJson(GroupView.Of(g));
                break;
            case OutputFormat.Csv:
                WriteCsv(context.Out, g);
                break;
            default:
                Render(context.Console(), g);
                break;
        }
        return ExitCodes.Ok;
    }

    public int Export(DirectoryInfo directory, ExportFormat format)
    {
        var release = context.LoadRelease(directory.FullName);
        var tables = AuditExport.Tables(release);
        var paths = ExportWriter.WriteAll(tables, directory.FullName, format);
        context.Out.WriteLine($"release {release.ReleaseId} exported to {directory.FullName}:");
        foreach (var (table, path) in tables.Zip(paths))
            context.Out.WriteLine($"  {Path.GetFileName(path),-40} {table.Rows.Count,7} rows");
        return ExitCodes.Ok;
    }

    public static void WriteCsv(TextWriter writer, GroupEvidence g)
    {
        var csv = new CsvFieldWriter(writer);
        csv.WriteRow(GroupCsvHeader);
        var m = g.Mapping;
        foreach (var t in g.Targets)
        {
            csv.Write(g.Version.Year()); csv.Write(g.Code.ToString()); csv.Write(g.Title); csv.Write(g.Relationship.Name());
            csv.Write(WeightSets.Name(m.Requested.Set)); csv.Write(WeightSets.Name(m.Requested.Sex));
            csv.Write(WeightSets.Name(m.Used.Set)); csv.Write(WeightSets.Name(m.Used.Sex)); csv.Write(m.FallbackReason ?? "");
            csv.Write(m.SampleTotal); csv.Write(m.ResidualShare ?? double.NaN);
            csv.Write(g.Version.Other().Year()); csv.Write(t.Code.ToString()); csv.Write(t.Title);
            csv.Write(t.Weight); csv.Write(t.JointCount); csv.Write(t.Interval.Lower); csv.Write(t.Interval.Upper);
            foreach (var c in t.Cells) { csv.Write(c.Proportion); csv.Write(c.JointCount); }
            csv.Write(string.Join(" | ", t.IndexTitles.Select(i => i.Title)));
            csv.EndRow();
        }
        csv.Flush();
    }

    private static void Render(IAnsiConsole console, GroupEvidence g)
    {
        var m = g.Mapping;
        string F(double v, string f = "0.000") => v.ToString(f, CultureInfo.InvariantCulture);
        console.MarkupLine($"[bold]{g.Code.ToQualifiedString()}[/] {Markup.Escape(g.Title)} — {g.Relationship.Name()} with SOC{g.Version.Other().Year()}");
        console.MarkupLine($"weights {m.Requested}: {F(m.SampleTotal, "N0")} records behind them" + (m.ResidualShare is { } r ? $"; residual {F(r * 100, "0.0")}% of the base not allocated to a listed group" : ""));
        if (m.FallbackReason is not null) console.MarkupLine($"[yellow]fallback:[/] {Markup.Escape(m.FallbackReason)}; used {m.Used}");
        if (g.SmallBase is { } s) console.MarkupLine($"[red]small base:[/] safer at the {s.Safer.Level.Name()} level, {s.Safer} {Markup.Escape(s.SaferTitle)} ({F(s.SaferRecords, "N0")} records)");
        if (g.LfsCensusDistance is { } lc) console.MarkupLine($"LFS vs Census distance {F(lc)}" + (g.MenWomenDistance is { } mw ? $"; men vs women {F(mw)}" : ""));
        var table = new Table().AddColumns("code", "title", "weight", "95% interval", "records", "LFS men", "LFS women", "Census men", "Census women", "index titles");
        for (var i = 2; i < 10; i++) table.Columns[i].RightAligned();
        foreach (var t in g.Targets)
            table.AddRow([t.Code.ToString(), Markup.Escape(t.Title), F(t.Weight), $"{F(t.Interval.Lower)}–{F(t.Interval.Upper)}", F(t.JointCount, "N0"),
                .. t.Cells.Select(c => $"{F(c.Proportion)} ({F(c.JointCount, "N0")})"), t.IndexTitles.Count.ToString(CultureInfo.InvariantCulture)]);
        table.AddRow(["", "[bold]bases[/]", "", "", F(m.SampleTotal, "N0"), .. Enum.GetValues<SampleCell>().Select(c => F(g.Bases[c], "N0")), ""]);
        console.Write(table);
        foreach (var t in g.Targets.Where(t => t.IndexTitles.Count > 0))
            console.MarkupLine($"[bold]{t.Code}[/] index titles ({t.IndexTitles.Count}): " + Markup.Escape(string.Join("; ", t.IndexTitles.Take(12).Select(i => i.Title))) + (t.IndexTitles.Count > 12 ? " …" : ""));
    }
}

/// <summary>The JSON shape of <c>audit group</c>.</summary>
public sealed record GroupView(
    string Version, string Code, string Title, string Relationship, string Weights, string Sex, string WeightsUsed, string SexUsed,
    string? Fallback, double SampleTotal, double? SourceBase, double? Residual, IReadOnlyDictionary<string, double> Bases,
    double? LfsCensusDistance, double? MenWomenDistance, object? SmallBase, IReadOnlyList<object> Targets, IReadOnlyList<object> Selections)
{
    public static GroupView Of(GroupEvidence g)
    {
        var m = g.Mapping;
        var cells = Enum.GetValues<SampleCell>();
        return new GroupView(g.Version.Year(), g.Code.ToString(), g.Title, g.Relationship.Name(),
            WeightSets.Name(m.Requested.Set), WeightSets.Name(m.Requested.Sex), WeightSets.Name(m.Used.Set), WeightSets.Name(m.Used.Sex),
            m.FallbackReason, m.SampleTotal, m.SourceBase, m.ResidualShare,
            cells.ToDictionary(CellNames.Key, c => g.Bases[c]),
            g.LfsCensusDistance, g.MenWomenDistance,
            g.SmallBase is { } s ? new { records = s.Records, safer_code = s.Safer.ToString(), safer_level = s.Safer.Level.Name(), safer_title = s.SaferTitle, safer_records = s.SaferRecords } : null,
            g.Targets.Select(t => (object)new
            {
                code = t.Code.ToString(), title = t.Title, weight = t.Weight, joint_count = t.JointCount,
                interval_lower = t.Interval.Lower, interval_upper = t.Interval.Upper, interval_probability = t.Interval.Probability,
                cells = t.Cells.ToDictionary(c => CellNames.Key(c.Cell), c => new { proportion = c.Proportion, joint_count = c.JointCount, weight = c.Weight, interval_lower = c.Interval.Lower, interval_upper = c.Interval.Upper }),
                index_titles = t.IndexTitles.Select(i => new { id = i.Id, title = i.Title }),
            }).ToArray(),
            g.Coverage.Select(c => (object)new { requested = c.Requested.ToString(), used = c.Used.ToString(), sample_total = c.SampleTotal, fallback = c.FallbackReason }).ToArray());
    }
}
