using System.Collections.Immutable;
using SocBridge.Core.Csv;

namespace SocBridge.Core.Release;

/// <summary>
/// Column layout of each release CSV file and the loader's readers. The release builder writes the files
/// with these same headers and row records (it sees them through InternalsVisibleTo), so the layout is
/// stated once.
/// </summary>
internal static class ReleaseCsv
{
    internal static readonly ImmutableArray<string> GroupHeader = ["code", "level", "parent", "title", "display_title"];
    internal static readonly ImmutableArray<string> ExtensionHeader = ["code", "unit_group", "title"];
    internal static readonly ImmutableArray<string> IndexHeader =
    [
        "id", "recno", "default_flag", "soc2010", "soc2020", "soc2020_ext", "isco08", "title", "indexocc",
        "add", "ind", "see", "see_reference", "see_target_id", "versno", "change",
    ];
    internal static readonly ImmutableArray<string> BaseHeader = ["soc2010", "lfs_men", "lfs_women", "census_men", "census_women"];
    internal static readonly ImmutableArray<string> LinkHeader = ["soc2010", "soc2020", "source", "sex", "proportion", "joint_count"];
    internal static readonly ImmutableArray<string> ResidualHeader = ["soc2010", "source", "sex", "base", "proportion_sum", "residual"];

    internal static List<GroupRow> ReadGroups(TextReader text, string file) =>
        ReadAll(text, file, GroupHeader, r => new GroupRow(
            r.GetString("code"), r.GetInt("level"), r.GetString("parent"), r.GetString("title"), r.GetString("display_title")));

    internal static List<ExtensionRow> ReadExtensions(TextReader text, string file) =>
        ReadAll(text, file, ExtensionHeader, r => new ExtensionRow(r.GetString("code"), r.GetString("unit_group"), r.GetString("title")));

    internal static List<IndexRow> ReadIndex(TextReader text, string file) =>
        ReadAll(text, file, IndexHeader, r => new IndexRow(
            r.GetString("id"), r.GetInt("recno"), r.GetString("default_flag"), r.GetString("soc2010"), r.GetString("soc2020"),
            r.GetString("soc2020_ext"), r.GetString("isco08"), r.GetString("title"), r.GetString("indexocc"),
            r.GetString("add"), r.GetString("ind"), r.GetString("see"), r.GetBool("see_reference"),
            r.GetString("see_target_id"), r.GetString("versno"), r.GetString("change")));

    internal static List<RelationshipBaseRow> ReadBases(TextReader text, string file) =>
        ReadAll(text, file, BaseHeader, r => new RelationshipBaseRow(
            r.GetString("soc2010"), r.GetInt("lfs_men"), r.GetInt("lfs_women"), r.GetInt("census_men"), r.GetInt("census_women")));

    internal static List<RelationshipLinkRow> ReadLinks(TextReader text, string file) =>
        ReadAll(text, file, LinkHeader, r => new RelationshipLinkRow(
            r.GetString("soc2010"), r.GetString("soc2020"), r.GetString("source"), r.GetString("sex"),
            r.GetDouble("proportion"), r.GetDouble("joint_count")));

    internal static List<RelationshipResidualRow> ReadResiduals(TextReader text, string file) =>
        ReadAll(text, file, ResidualHeader, r => new RelationshipResidualRow(
            r.GetString("soc2010"), r.GetString("source"), r.GetString("sex"), r.GetInt("base"),
            r.GetDouble("proportion_sum"), r.GetDouble("residual")));

    private static List<T> ReadAll<T>(TextReader text, string file, ImmutableArray<string> header, Func<CsvRecordReader, T> read)
    {
        using var reader = new CsvRecordReader(text, file);
        reader.RequireColumns(header.AsSpan());
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
