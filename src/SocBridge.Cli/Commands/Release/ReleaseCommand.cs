using System.Globalization;
using SocBridge.Cli.Infrastructure;
using SocBridge.Core.Classification;
using SocBridge.Core.Csv;
using SocBridge.Reporting.Diff;
using SocBridge.Reporting.Export;
using SocBridge.Core.Release;
using Spectre.Console;

namespace SocBridge.Cli.Commands.Release;

public sealed class ReleaseCommand(CliContext context)
{
    private IReleaseSource Source() =>
        context.ReleaseDirectory is { } dir ? new DirectoryReleaseSource(dir.FullName) : new EmbeddedReleaseSource();

    public int Verify(OutputFormat format)
    {
        var source = Source();
        var manifest = ReleaseVerifier.ReadManifest(source);
        var checks = ReleaseVerifier.Check(source, manifest);
        var ok = checks.All(c => c.Ok);
        if (format == OutputFormat.Json)
        {
            context.WriteJson(new { release_id = manifest.ReleaseId, location = source.Location, ok, files = checks.Select(c => new { c.File, c.ExpectedSha256, c.ActualSha256, c.Ok, problem = c.Problem }) });
        }
        else if (format == OutputFormat.Csv)
        {
            var csv = new CsvFieldWriter(context.Out);
            csv.WriteRow("release_id", "file", "expected_sha256", "actual_sha256", "ok", "problem");
            foreach (var c in checks)
            {
                csv.Write(manifest.ReleaseId); csv.Write(c.File); csv.Write(c.ExpectedSha256); csv.Write(c.ActualSha256 ?? ""); csv.Write(c.Ok); csv.Write(c.Problem);
                csv.EndRow();
            }
            csv.Flush();
        }
        else
        {
            foreach (var c in checks)
                context.Out.WriteLine(c.Ok ? $"ok    {c.File}  {c.ActualSha256}" : $"FAIL  {c.File}  {c.Problem}");
            context.Out.WriteLine(ok
                ? $"release {manifest.ReleaseId} ({source.Location}): all {checks.Count} files match the manifest"
                : $"release {manifest.ReleaseId} ({source.Location}): {checks.Count(c => !c.Ok)} of {checks.Count} files do not match the manifest");
        }
        if (!ok)
        {
            var bad = checks.First(c => !c.Ok);
            context.Error.WriteLine($"error: {Path.Combine(source.Location, bad.File)}: {bad.Problem}");
        }
        return ok ? ExitCodes.Ok : ExitCodes.ReleaseInvalid;
    }

    public int Info(OutputFormat format)
    {
        var release = context.LoadRelease();
        var stats = ReleaseStatistics.Of(release);
        var counts = stats.Counts;

        if (format == OutputFormat.Json)
        {
            context.WriteJson(new
            {
                release_id = release.ReleaseId,
                location = release.Location,
                licence = release.Manifest.Licence,
                attribution = release.Manifest.Attribution,
                counts,
                sources = release.Manifest.Sources,
            });
            return ExitCodes.Ok;
        }
        if (format == OutputFormat.Csv)
        {
            // One tidy table: section (release, count, source, file), key, value, detail.
            var csv = new CsvFieldWriter(context.Out);
            csv.WriteRow("section", "key", "value", "detail");
            csv.WriteRow("release", "release_id", release.ReleaseId, "");
            csv.WriteRow("release", "location", release.Location, "");
            csv.WriteRow("release", "licence", release.Manifest.Licence, release.Manifest.Attribution);
            foreach (var (k, v) in counts) csv.WriteRow("count", k, v.ToString(CultureInfo.InvariantCulture), "");
            foreach (var src in release.Manifest.Sources) csv.WriteRow("source", src.File, src.Sha256, src.Title);
            foreach (var o in release.Manifest.Outputs) csv.WriteRow("file", o.File, o.Sha256, o.Rows.ToString(CultureInfo.InvariantCulture) + " rows");
            csv.Flush();
            return ExitCodes.Ok;
        }
        var console = context.Console();
        console.MarkupLine($"[bold]release {release.ReleaseId}[/] ({Markup.Escape(release.Location)})");
        foreach (var v in SocVersions.All)
            console.MarkupLine($"SOC{v.Year()}: " + string.Join(", ", SocLevels.All.Reverse().Select(l => $"{counts[ReleaseStatistics.GroupsKey(v, l)]} {l.Name()}s")));
        console.MarkupLine($"SOC2020 sub-unit (extension) codes: {stats.ExtensionCodes}");
        console.MarkupLine($"coding index: {stats.IndexEntries.ToString("N0", CultureInfo.InvariantCulture)} entries ({stats.IndexSeeReferences} are 'see another entry' references)");
        console.MarkupLine($"relationship table: {stats.RelationshipSoc2010Groups} SOC2010 unit groups, {stats.RelationshipChildRows} child rows, reaching {stats.RelationshipSoc2020Groups} SOC2020 unit groups");
        console.MarkupLine($"index pairs with no weight in the table: {stats.IndexPairsWithoutWeight} SOC2010→SOC2020 pairs, {stats.IndexEntriesOnPairsWithoutWeight} index entries");
        console.MarkupLine($"licence: {Markup.Escape(release.Manifest.Licence)}. {Markup.Escape(release.Manifest.Attribution)}");
        var table = new Table().AddColumns("source", "file", "sha-256");
        foreach (var s in release.Manifest.Sources) table.AddRow(Markup.Escape(s.Title), Markup.Escape(s.File), s.Sha256[..16] + "…");
        console.Write(table);
        return ExitCodes.Ok;
    }

    public int Export(DirectoryInfo directory, ExportFormat format)
    {
        var release = context.LoadRelease(directory.FullName);
        var table = ReleaseExport.Weights(release);
        Directory.CreateDirectory(directory.FullName);
        var path = ExportWriter.WriteAll([table], directory.FullName, format)[0];
        context.Out.WriteLine($"weights of release {release.ReleaseId} written to {path}: {table.Rows.Count} rows");
        return ExitCodes.Ok;
    }

    /// <summary>The built-in release, or the one in a folder.</summary>
    private static SocRelease Open(string where) =>
        where is "builtin" or "built-in" or "embedded" ? SocRelease.LoadEmbedded() : SocRelease.LoadDirectory(where);

    public int Diff(string oldRelease, string newRelease, OutputFormat format)
    {
        foreach (var where in new[] { oldRelease, newRelease })
            if (where is not ("builtin" or "built-in" or "embedded") && !Directory.Exists(where))
            {
                context.Error.WriteLine($"error: {Path.GetFullPath(where)}: no such folder; give a release folder or 'builtin' for the release built into socbridge");
                return ExitCodes.BadInput;
            }
        var diff = ReleaseDiff.Compare(Open(oldRelease), Open(newRelease));
        switch (format)
        {
            case OutputFormat.Json:
                context.WriteJson(new
                {
                    old_release = diff.OldRelease, old_location = diff.OldLocation, new_release = diff.NewRelease, new_location = diff.NewLocation,
                    summary = diff.Summary.ToDictionary(kv => ReleaseDiff.KindName(kv.Key), kv => kv.Value),
                    changes = diff.Changes.Select(c => new { kind = ReleaseDiff.KindName(c.Kind), key = c.Key, field = c.Field, old = c.Old, @new = c.New }),
                });
                break;
            case OutputFormat.Csv:
                var csv = new CsvFieldWriter(context.Out);
                csv.WriteRow("kind", "key", "field", "old", "new");
                foreach (var c in diff.Changes)
                {
                    csv.Write(ReleaseDiff.KindName(c.Kind)); csv.Write(c.Key); csv.Write(c.Field); csv.Write(c.Old ?? ""); csv.Write(c.New ?? "");
                    csv.EndRow();
                }
                csv.Flush();
                break;
            default:
                var console = context.Console();
                console.MarkupLine($"[bold]{Markup.Escape(diff.OldRelease)}[/] ({Markup.Escape(diff.OldLocation)}) → [bold]{Markup.Escape(diff.NewRelease)}[/] ({Markup.Escape(diff.NewLocation)})");
                if (diff.Changes.Count == 0)
                {
                    console.MarkupLine("no change: the releases hold the same data");
                    break;
                }
                console.MarkupLine(string.Join(", ", diff.Summary.Select(kv => $"{kv.Value} {ReleaseDiff.KindName(kv.Key)}")));
                var table = new Table().AddColumns("kind", "key", "field", "old", "new");
                foreach (var c in diff.Changes.Take(500))
                    table.AddRow(ReleaseDiff.KindName(c.Kind), Markup.Escape(c.Key), Markup.Escape(c.Field), Markup.Escape(Short(c.Old)), Markup.Escape(Short(c.New)));
                console.Write(table);
                if (diff.Changes.Count > 500) console.MarkupLine($"… {diff.Changes.Count - 500} more; use --format csv for all");
                break;
        }
        return ExitCodes.Ok;
    }

    private static string Short(string? text) => text is null ? "—" : text.Length <= 80 ? text : text[..79] + "…";
}
