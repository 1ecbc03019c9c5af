using SocBridge.Core.Csv;

namespace SocBridge.Core.Release;

/// <summary>Column layout of each release CSV file, shared by the builder (writes) and the loader (reads).</summary>
public static class ReleaseCsv
{
    public static readonly string[] GroupHeader = ["code", "level", "parent", "title", "display_title"];
    public static readonly string[] ExtensionHeader = ["code", "unit_group", "title"];
    public static readonly string[] IndexHeader =
    [
        "id", "recno", "default_flag", "soc2010", "soc2020", "soc2020_ext", "isco08", "title", "indexocc",
        "add", "ind", "see", "see_reference", "see_target_id", "versno", "change",
    ];
    public static readonly string[] BaseHeader = ["soc2010", "lfs_men", "lfs_women", "census_men", "census_women"];
    public static readonly string[] LinkHeader = ["soc2010", "soc2020", "source", "sex", "proportion", "joint_count"];
    public static readonly string[] ResidualHeader = ["soc2010", "source", "sex", "base", "proportion_sum", "residual"];

    public static void Write(TextWriter text, IEnumerable<GroupRow> rows) =>
        WriteAll(text, GroupHeader, rows, (w, r) =>
        {
            w.Write(r.Code); w.Write(r.Level); w.Write(r.Parent); w.Write(r.Title); w.Write(r.DisplayTitle);
        });

    public static void Write(TextWriter text, IEnumerable<ExtensionRow> rows) =>
        WriteAll(text, ExtensionHeader, rows, (w, r) => { w.Write(r.Code); w.Write(r.UnitGroup); w.Write(r.Title); });

    public static void Write(TextWriter text, IEnumerable<IndexRow> rows) =>
        WriteAll(text, IndexHeader, rows, (w, r) =>
        {
            w.Write(r.Id); w.Write(r.RecordNumber); w.Write(r.DefaultFlag); w.Write(r.Soc2010); w.Write(r.Soc2020);
            w.Write(r.Soc2020Ext); w.Write(r.Isco08); w.Write(r.Title); w.Write(r.IndexedTitle);
            w.Write(r.AdditionalQualifier); w.Write(r.IndustryQualifier); w.Write(r.See); w.Write(r.IsSeeReference);
            w.Write(r.SeeTargetId); w.Write(r.VersionNumber); w.Write(r.Change);
        });

    public static void Write(TextWriter text, IEnumerable<RelationshipBaseRow> rows) =>
        WriteAll(text, BaseHeader, rows, (w, r) =>
        {
            w.Write(r.Soc2010); w.Write(r.LfsMen); w.Write(r.LfsWomen); w.Write(r.CensusMen); w.Write(r.CensusWomen);
        });

    public static void Write(TextWriter text, IEnumerable<RelationshipLinkRow> rows) =>
        WriteAll(text, LinkHeader, rows, (w, r) =>
        {
            w.Write(r.Soc2010); w.Write(r.Soc2020); w.Write(r.Source); w.Write(r.Sex); w.Write(r.Proportion); w.Write(r.JointCount);
        });

    public static void Write(TextWriter text, IEnumerable<RelationshipResidualRow> rows) =>
        WriteAll(text, ResidualHeader, rows, (w, r) =>
        {
            w.Write(r.Soc2010); w.Write(r.Source); w.Write(r.Sex); w.Write(r.Base); w.Write(r.ProportionSum); w.Write(r.Residual);
        });

    public static List<GroupRow> ReadGroups(TextReader text, string file) =>
        ReadAll(text, file, GroupHeader, r => new GroupRow(
            r.GetString("code"), r.GetInt("level"), r.GetString("parent"), r.GetString("title"), r.GetString("display_title")));

    public static List<ExtensionRow> ReadExtensions(TextReader text, string file) =>
        ReadAll(text, file, ExtensionHeader, r => new ExtensionRow(r.GetString("code"), r.GetString("unit_group"), r.GetString("title")));

    public static List<IndexRow> ReadIndex(TextReader text, string file) =>
        ReadAll(text, file, IndexHeader, r => new IndexRow(
            r.GetString("id"), r.GetInt("recno"), r.GetString("default_flag"), r.GetString("soc2010"), r.GetString("soc2020"),
            r.GetString("soc2020_ext"), r.GetString("isco08"), r.GetString("title"), r.GetString("indexocc"),
            r.GetString("add"), r.GetString("ind"), r.GetString("see"), r.GetBool("see_reference"),
            r.GetString("see_target_id"), r.GetString("versno"), r.GetString("change")));

    public static List<RelationshipBaseRow> ReadBases(TextReader text, string file) =>
        ReadAll(text, file, BaseHeader, r => new RelationshipBaseRow(
            r.GetString("soc2010"), r.GetInt("lfs_men"), r.GetInt("lfs_women"), r.GetInt("census_men"), r.GetInt("census_women")));

    public static List<RelationshipLinkRow> ReadLinks(TextReader text, string file) =>
        ReadAll(text, file, LinkHeader, r => new RelationshipLinkRow(
            r.GetString("soc2010"), r.GetString("soc2020"), r.GetString("source"), r.GetString("sex"),
            r.GetDouble("proportion"), r.GetDouble("joint_count")));

    public static List<RelationshipResidualRow> ReadResiduals(TextReader text, string file) =>
        ReadAll(text, file, ResidualHeader, r => new RelationshipResidualRow(
            r.GetString("soc2010"), r.GetString("source"), r.GetString("sex"), r.GetInt("base"),
            r.GetDouble("proportion_sum"), r.GetDouble("residual")));

    private static void WriteAll<T>(TextWriter text, string[] header, IEnumerable<T> rows, Action<CsvFieldWriter, T> write)
    {
        var w = new CsvFieldWriter(text);
        w.WriteRow(header);
        foreach (var row in rows)
        {
            write(w, row);
            w.EndRow();
        }
        w.Flush();
    }

    private static List<T> ReadAll<T>(TextReader text, string file, string[] header, Func<CsvRecordReader, T> read)
    {
        using var reader = new CsvRecordReader(text, file);
        reader.RequireColumns(header);
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
