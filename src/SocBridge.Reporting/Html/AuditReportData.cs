using System.Text;
using System.Text.Json;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Reporting.Evidence;

namespace SocBridge.Reporting.Html;

/// <summary>
/// The JSON the report's group pages are drawn from (embedded as <c>audit-data</c>). Keys are short to
/// keep the page small; <c>docs/audit.md</c> describes them. Numbers are written at full precision.
/// </summary>
internal static class AuditReportData
{
    public const string ElementId = "audit-data";

    public static string Write(AuditEvidence evidence)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("selection", evidence.Options.Selection.ToString());
            w.WriteNumber("probability", evidence.Options.IntervalProbability);
            w.WriteNumber("small_base", evidence.Options.SmallBase);
            w.WriteStartArray("cells");
            foreach (var c in Enum.GetValues<SampleCell>()) w.WriteStringValue(CellNames.Label(c));
            w.WriteEndArray();
            w.WriteStartObject("groups");
            foreach (var g in evidence.Soc2010.Concat(evidence.Soc2020)) WriteGroup(w, g);
            w.WriteEndObject();
            // The index titles of a pair appear on both its groups' pages; they are written once.
            w.WriteStartObject("pairs");
            foreach (var g in evidence.Soc2010)
                foreach (var t in g.Targets.Where(t => t.IndexTitles.Count > 0))
                {
                    w.WriteStartArray(PairKey(g.Code, t.Code));
                    foreach (var i in t.IndexTitles) w.WriteStringValue(i.Title);
                    w.WriteEndArray();
                }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Key(SocCode code) => $"{code.Version.Year()}-{code}";

    /// <summary>Key of a (SOC2010, SOC2020) pair: "3545-2431".</summary>
    public static string PairKey(SocCode soc2010, SocCode soc2020) => $"{soc2010}-{soc2020}";

    private static void WriteGroup(Utf8JsonWriter w, GroupEvidence g)
    {
        var m = g.Mapping;
        w.WriteStartObject(Key(g.Code));
        w.WriteString("v", g.Version.Year());
        w.WriteString("c", g.Code.ToString());
        w.WriteString("t", g.Title);
        w.WriteStartArray("a");
        foreach (var (code, title) in g.Ancestors) { w.WriteStartArray(); w.WriteStringValue(code.ToString()); w.WriteStringValue(title); w.WriteEndArray(); }
        w.WriteEndArray();
        w.WriteString("rel", g.Relationship.Name());
        w.WriteNumber("n", m.SampleTotal);
        w.WriteString("used", m.Used.ToString());
        if (m.FallbackReason is { } fb) w.WriteString("fb", fb); else w.WriteNull("fb");
        Vector(w, "base", g.Bases);
        Vector(w, "tot", g.CellTotals);
        if (g.Residuals is { } r) Vector(w, "res", r); else w.WriteNull("res");
        Nullable(w, "resShare", m.ResidualShare);
        Nullable(w, "tvdLc", g.LfsCensusDistance);
        Nullable(w, "tvdMw", g.MenWomenDistance);
        if (g.SmallBase is { } s)
        {
            w.WriteStartObject("small");
            w.WriteNumber("n", s.Records);
            w.WriteString("code", s.Safer.ToString());
            w.WriteString("level", s.Safer.Level.Name());
            w.WriteString("title", s.SaferTitle);
            w.WriteNumber("n2", s.SaferRecords);
            w.WriteEndObject();
        }
        else w.WriteNull("small");
        w.WriteStartArray("targets");
        foreach (var t in g.Targets)
        {
            w.WriteStartObject();
            w.WriteString("c", t.Code.ToString());
            w.WriteString("t", t.Title);
            w.WriteNumber("w", t.Weight);
            w.WriteNumber("j", t.JointCount);
            w.WriteNumber("lo", t.Interval.Lower);
            w.WriteNumber("hi", t.Interval.Upper);
            w.WriteStartArray("cells");
            foreach (var c in t.Cells)
            {
                // Per-cell figures are for reading, so six decimals; the selected weight and interval above are exact.
                w.WriteStartArray();
                w.WriteNumberValue(Math.Round(c.Proportion, 6));
                w.WriteNumberValue(c.JointCount);
                w.WriteNumberValue(Math.Round(c.Weight, 6));
                w.WriteNumberValue(Math.Round(c.Interval.Lower, 6));
                w.WriteNumberValue(Math.Round(c.Interval.Upper, 6));
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteNumber("idx", t.IndexTitles.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("cov");
        foreach (var c in g.Coverage)
        {
            w.WriteStartArray();
            w.WriteStringValue(c.Requested.ToString());
            w.WriteStringValue(c.Used.ToString());
            w.WriteNumberValue(c.SampleTotal);
            if (c.FallbackReason is { } reason) w.WriteStringValue(reason); else w.WriteNullValue();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        if (g.Description is { } d)
        {
            w.WriteStartObject("desc");
            w.WriteString("d", d.Description);
            w.WriteString("entry", d.EntryRoutes);
            w.WriteStartArray("tasks");
            foreach (var task in d.Tasks) w.WriteStringValue(task);
            w.WriteEndArray();
            w.WriteStartArray("related");
            foreach (var rt in d.RelatedJobTitles) w.WriteStringValue(rt);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("desc");
        w.WriteEndObject();
    }

    private static void Vector(Utf8JsonWriter w, string name, CellVector v)
    {
        w.WriteStartArray(name);
        foreach (var c in Enum.GetValues<SampleCell>()) w.WriteNumberValue(v[c]);
        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}

/// <summary>Names and colours of the four sample cells.</summary>
public static class CellNames
{
    /// <summary>Display name, e.g. "LFS men".</summary>
    /// <param name="cell">A sample cell.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cell"/> is not a defined value.</exception>
    public static string Label(SampleCell cell) => cell switch
    {
        SampleCell.LfsMen => "LFS men",
        SampleCell.LfsWomen => "LFS women",
        SampleCell.CensusMen => "Census men",
        SampleCell.CensusWomen => "Census women",
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };

    /// <summary>Machine name, e.g. <c>lfs_men</c>.</summary>
    public static string Key(SampleCell cell) => cell switch
    {
        SampleCell.LfsMen => "lfs_men",
        SampleCell.LfsWomen => "lfs_women",
        SampleCell.CensusMen => "census_men",
        SampleCell.CensusWomen => "census_women",
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };

    /// <summary>The colour the report draws the cell in, as a CSS hex colour.</summary>
    /// <param name="cell">A sample cell.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cell"/> is not a defined value.</exception>
    public static string Colour(SampleCell cell) => cell switch
    {
        SampleCell.LfsMen => "#1d5fa8",
        SampleCell.LfsWomen => "#74a9e0",
        SampleCell.CensusMen => "#c2571a",
        SampleCell.CensusWomen => "#f0a868",
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };
}
