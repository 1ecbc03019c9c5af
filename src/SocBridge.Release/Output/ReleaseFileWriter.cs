using System.Collections.Immutable;
using System.Text.Json;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;

namespace SocBridge.Release.Output;

/// <summary>
/// Writes the release files. The headers, row records and JSON settings are the loader's own (in
/// SocBridge.Core), so what is written is by construction what the loader reads.
/// </summary>
internal static class ReleaseFileWriter
{
    internal static void Write(TextWriter text, IEnumerable<GroupRow> rows) =>
        WriteAll(text, ReleaseCsv.GroupHeader, rows, (w, r) =>
        {
            w.Write(r.Code); w.Write(r.Level); w.Write(r.Parent); w.Write(r.Title); w.Write(r.DisplayTitle);
        });

    internal static void Write(TextWriter text, IEnumerable<ExtensionRow> rows) =>
        WriteAll(text, ReleaseCsv.ExtensionHeader, rows, (w, r) => { w.Write(r.Code); w.Write(r.UnitGroup); w.Write(r.Title); });

    internal static void Write(TextWriter text, IEnumerable<IndexRow> rows) =>
        WriteAll(text, ReleaseCsv.IndexHeader, rows, (w, r) =>
        {
            w.Write(r.Id); w.Write(r.RecordNumber); w.Write(r.DefaultFlag); w.Write(r.Soc2010); w.Write(r.Soc2020);
            w.Write(r.Soc2020Ext); w.Write(r.Isco08); w.Write(r.Title); w.Write(r.IndexedTitle);
            w.Write(r.AdditionalQualifier); w.Write(r.IndustryQualifier); w.Write(r.See); w.Write(r.IsSeeReference);
            w.Write(r.SeeTargetId); w.Write(r.VersionNumber); w.Write(r.Change);
        });

    internal static void Write(TextWriter text, IEnumerable<RelationshipBaseRow> rows) =>
        WriteAll(text, ReleaseCsv.BaseHeader, rows, (w, r) =>
        {
            w.Write(r.Soc2010); w.Write(r.LfsMen); w.Write(r.LfsWomen); w.Write(r.CensusMen); w.Write(r.CensusWomen);
        });

    internal static void Write(TextWriter text, IEnumerable<RelationshipLinkRow> rows) =>
        WriteAll(text, ReleaseCsv.LinkHeader, rows, (w, r) =>
        {
            w.Write(r.Soc2010); w.Write(r.Soc2020); w.Write(r.Source); w.Write(r.Sex); w.Write(r.Proportion); w.Write(r.JointCount);
        });

    internal static void Write(TextWriter text, IEnumerable<RelationshipResidualRow> rows) =>
        WriteAll(text, ReleaseCsv.ResidualHeader, rows, (w, r) =>
        {
            w.Write(r.Soc2010); w.Write(r.Source); w.Write(r.Sex); w.Write(r.Base); w.Write(r.ProportionSum); w.Write(r.Residual);
        });

    private static void WriteAll<T>(TextWriter text, ImmutableArray<string> header, IEnumerable<T> rows, Action<CsvFieldWriter, T> write)
    {
        var w = new CsvFieldWriter(text);
        w.WriteRow(header.AsSpan());
        foreach (var row in rows)
        {
            write(w, row);
            w.EndRow();
        }
        w.Flush();
    }


    /// <summary>The SOC2020 descriptions document, in the release's JSON form, with a final line end.</summary>
    internal static string WriteDescriptions(IReadOnlyList<DescriptionRecord> records) =>
        JsonSerializer.Serialize(records, ReleaseJson.Options.GetTypeInfo(typeof(IReadOnlyList<DescriptionRecord>))) + "\n";
}
