using System.Globalization;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Reporting.Diff;

/// <summary>What kind of thing changed between two releases.</summary>
public enum ChangeKind
{
    /// <summary>A release file's SHA-256 (a consequence of any content change).</summary>
    File,
    /// <summary>A group added to or removed from a hierarchy.</summary>
    Code,
    /// <summary>A group's ONS or display title.</summary>
    Title,
    /// <summary>A SOC2020 Volume 1 description.</summary>
    Description,
    /// <summary>A coding index entry added, removed or edited.</summary>
    IndexEntry,
    /// <summary>A proportion or joint count of one (SOC2010, SOC2020, sample cell) link.</summary>
    Weight,
    /// <summary>A sample base of one SOC2010 group and cell.</summary>
    Base,
    /// <summary>A residual of one SOC2010 group and cell.</summary>
    Residual,
}

/// <summary>One change: what, which item (<paramref name="Key"/>), which field, and the old and new values (null when absent).</summary>
public sealed record ReleaseChange(ChangeKind Kind, string Key, string Field, string? Old, string? New);

/// <summary>The changes between two releases, in a fixed order (kind, key, field).</summary>
public sealed record ReleaseDiffResult(string OldRelease, string OldLocation, string NewRelease, string NewLocation, IReadOnlyList<ReleaseChange> Changes)
{
    /// <summary>Number of changes per kind (kinds without change omitted).</summary>
    public IReadOnlyDictionary<ChangeKind, int> Summary =>
        Changes.GroupBy(c => c.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Changes other than file hashes.</summary>
    public IEnumerable<ReleaseChange> ContentChanges => Changes.Where(c => c.Kind != ChangeKind.File);
}

/// <summary>Compares two loaded releases: codes, titles, descriptions, index entries, weights, bases, residuals and file hashes.</summary>
public static class ReleaseDiff
{
    /// <summary>The kind's name as written in the diff output, e.g. "index_entry".</summary>
    /// <param name="kind">A kind of change.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.File => "file",
        ChangeKind.Code => "code",
        ChangeKind.Title => "title",
        ChangeKind.Description => "description",
        ChangeKind.IndexEntry => "index_entry",
        ChangeKind.Weight => "weight",
        ChangeKind.Base => "base",
        ChangeKind.Residual => "residual",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every difference between two releases, file hashes first.</summary>
    /// <param name="old">The earlier release.</param>
    /// <param name="new">The later release.</param>
    /// <exception cref="ArgumentNullException">Either release is null.</exception>
    public static ReleaseDiffResult Compare(SocRelease old, SocRelease @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var changes = new List<ReleaseChange>();

        var oldFiles = old.Manifest.Outputs.ToDictionary(f => f.File, f => f.Sha256);
        var newFiles = @new.Manifest.Outputs.ToDictionary(f => f.File, f => f.Sha256);
        Compare(changes, ChangeKind.File, oldFiles, newFiles, v => [("sha256", v)]);

        foreach (var version in SocVersions.All)
        {
            var a = AllGroups(old.Hierarchy(version));
            var b = AllGroups(@new.Hierarchy(version));
            foreach (var code in a.Keys.Except(b.Keys)) changes.Add(new(ChangeKind.Code, $"soc{version.Year()} {code}", "group", a[code].DisplayTitle, null));
            foreach (var code in b.Keys.Except(a.Keys)) changes.Add(new(ChangeKind.Code, $"soc{version.Year()} {code}", "group", null, b[code].DisplayTitle));
            foreach (var code in a.Keys.Intersect(b.Keys))
            {
                if (a[code].Title != b[code].Title) changes.Add(new(ChangeKind.Title, $"soc{version.Year()} {code}", "title", a[code].Title, b[code].Title));
                if (a[code].DisplayTitle != b[code].DisplayTitle) changes.Add(new(ChangeKind.Title, $"soc{version.Year()} {code}", "display_title", a[code].DisplayTitle, b[code].DisplayTitle));
            }
        }

        Compare(changes, ChangeKind.Description,
            old.Descriptions.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            @new.Descriptions.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            d => [("title", d.Title), ("description", d.Description), ("entry_routes", d.EntryRoutes), ("tasks", string.Join(" ~ ", d.Tasks)), ("related_job_titles", string.Join(" ~ ", d.RelatedJobTitles))]);

        Compare(changes, ChangeKind.IndexEntry,
            old.Index.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal),
            @new.Index.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal),
            e => [("soc2010", e.Soc2010?.ToString() ?? ""), ("soc2020", e.Soc2020?.ToString() ?? ""), ("soc2020_ext", e.Soc2020Ext), ("title", e.QualifiedTitle),
                  ("default_flag", e.DefaultFlag), ("see", e.See), ("record_number", e.RecordNumber.ToString(CultureInfo.InvariantCulture))]);

        Compare(changes, ChangeKind.Weight, Links(old), Links(@new), v => [("proportion", Num(v.Proportion)), ("joint_count", Num(v.Joint))]);
        Compare(changes, ChangeKind.Base, Cells(old, g => g.Bases), Cells(@new, g => g.Bases), v => [("base", Num(v))]);
        Compare(changes, ChangeKind.Residual, Cells(old, g => g.Residuals), Cells(@new, g => g.Residuals), v => [("residual", Num(v))]);

        var ordered = changes.OrderBy(c => c.Kind).ThenBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Field, StringComparer.Ordinal).ToArray();
        return new ReleaseDiffResult(old.ReleaseId, old.Location, @new.ReleaseId, @new.Location, ordered);
    }

    private static Dictionary<string, SocGroup> AllGroups(SocHierarchy h) =>
        SocLevels.All.SelectMany(h.AtLevel).ToDictionary(g => g.Code.ToString(), StringComparer.Ordinal);

    private static Dictionary<string, (double Proportion, double Joint)> Links(SocRelease r)
    {
        var d = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var l in r.Crosswalk.Table.Links)
            foreach (var c in Enum.GetValues<SampleCell>())
                if (l.Proportions[c] != 0 || l.JointCounts[c] != 0)
                    d[$"{l.Soc2010}→{l.Soc2020} {CellKey(c)}"] = (l.Proportions[c], l.JointCounts[c]);
        return d;
    }

    private static Dictionary<string, double> Cells(SocRelease r, Func<RelationshipGroup, CellVector> pick)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var g in r.Crosswalk.Table.Groups)
            foreach (var c in Enum.GetValues<SampleCell>())
                d[$"{g.Soc2010} {CellKey(c)}"] = pick(g)[c];
        return d;
    }

    private static string CellKey(SampleCell c) => c switch
    {
        SampleCell.LfsMen => "lfs/men",
        SampleCell.LfsWomen => "lfs/women",
        SampleCell.CensusMen => "census/men",
        SampleCell.CensusWomen => "census/women",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Items only in the old release are removed (every field old → null), only in the new added, in both compared field by field.</summary>
    private static void Compare<T>(List<ReleaseChange> changes, ChangeKind kind, IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b,
        Func<T, (string Field, string Value)[]> fields)
    {
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other))
            {
                changes.Add(new(kind, key, "(removed)", Summary(fields(value)), null));
                continue;
            }
            var fa = fields(value);
            var fb = fields(other);
            for (var i = 0; i < fa.Length; i++)
                if (!string.Equals(fa[i].Value, fb[i].Value, StringComparison.Ordinal))
                    changes.Add(new(kind, key, fa[i].Field, fa[i].Value, fb[i].Value));
        }
        foreach (var (key, value) in b)
            if (!a.ContainsKey(key)) changes.Add(new(kind, key, "(added)", null, Summary(fields(value))));
    }

    private static string Summary((string Field, string Value)[] fields) =>
        fields.Length == 1 ? fields[0].Value : string.Join("; ", fields.Where(f => f.Value.Length > 0).Take(4).Select(f => $"{f.Field}={f.Value}"));
}
