using System.IO.Compression;
using System.Text.RegularExpressions;
using SocBridge.Core.Release;
using SocBridge.Release;

namespace SocBridge.Tests.Release;

public partial class EditionTests
{
    private const string IndexFile = "soc2020volume2thecodingindexexcel16042025.xlsx";

    [GeneratedRegex("<row r=\"(\\d+)\"[^>]*>.*?</row>", RegexOptions.Singleline)]
    private static partial Regex RowElement();

    /// <summary>
    /// Copies the four release sources, and in the coding index removes the last <paramref name="removed"/>
    /// entries, appends <paramref name="added"/> copies of the first entry with new ids and record numbers,
    /// and adds "Version 13" to the Information sheet's publication history.
    /// </summary>
    private static void NewEdition(string dir, int removed, int added)
    {
        foreach (var f in new[] { "soc2010_structure_colectica.ddi3.xml", "soc2020volume1structureanddescriptionofunitgroupsexcel16042025.xlsx", "ons_soc2010_soc2020_relationship_tables.xlsx" })
            File.Copy(Path.Combine(OnsSources.Directory, f), Path.Combine(dir, f));
        var target = Path.Combine(dir, IndexFile);
        File.Copy(Path.Combine(OnsSources.Directory, IndexFile), target);
        File.SetAttributes(target, FileAttributes.Normal);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);

        string Read(string name) { using var r = new StreamReader(zip.GetEntry(name)!.Open()); return r.ReadToEnd(); }
        void Write(string name, string text)
        {
            zip.GetEntry(name)!.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(text);
        }

        // The index sheet is the third sheet of the workbook (see SOURCES.md).
        const string sheet = "xl/worksheets/sheet3.xml";
        var xml = Read(sheet);
        var rows = RowElement().Matches(xml).Cast<Match>().ToList();
        var last = rows[^1];
        var keep = rows[^(removed + 1)];
        var template = rows[1].Value;
        var lastKept = int.Parse(keep.Groups[1].Value);
        var extra = new System.Text.StringBuilder();
        for (var i = 1; i <= added; i++)
        {
            var r = lastKept + i;
            var row = Regex.Replace(template, "r=\"([A-Z]+)2\"", m => $"r=\"{m.Groups[1].Value}{r}\"").Replace("<row r=\"2\"", $"<row r=\"{r}\"");
            row = Regex.Replace(row, "<c r=\"A" + r + "\"([^>]*?) t=\"s\"><v>\\d+</v></c>", $"<c r=\"A{r}\"$1 t=\"inlineStr\"><is><t>zz{i:00}</t></is></c>");
            row = Regex.Replace(row, "<c r=\"B" + r + "\"([^>]*)><v>\\d+</v></c>", $"<c r=\"B{r}\"$1><v>{900000 + i}</v></c>");
            extra.Append(row);
        }
        xml = xml[..(keep.Index + keep.Length)] + extra + xml[(last.Index + last.Length)..];
        xml = Regex.Replace(xml, "<dimension ref=\"A1:V\\d+\"/>", $"<dimension ref=\"A1:V{lastKept + added}\"/>");
        Write(sheet, xml);

        const string info = "xl/worksheets/sheet1.xml";
        var infoXml = Read(info);
        var infoRows = RowElement().Matches(infoXml).Cast<Match>().ToList();
        var next = int.Parse(infoRows[^1].Groups[1].Value) + 1;
        infoXml = infoXml.Insert(infoRows[^1].Index + infoRows[^1].Length,
            $"<row r=\"{next}\"><c r=\"B{next}\" t=\"inlineStr\"><is><t>Version 13: 01 May 2026. Includes {added} new index entries</t></is></c></row>");
        Write(info, infoXml);
    }

    [RequiresOnsSourcesFact]
    public void Another_edition_of_the_index_builds_with_warnings_naming_it_recorded_in_the_manifest()
    {
        var dir = Path.Combine(Path.GetTempPath(), "socbridge-edition-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            NewEdition(dir, removed: 5, added: 3);
            var report = ReleaseBuilder.Build(dir, Path.Combine(dir, "release"));
            Assert.Equal(32_195 - 5 + 3, report.Counts["index_entries"]);
            Assert.Contains(report.Warnings, w => w.Contains("32,193 index entries", StringComparison.Ordinal) && w.Contains("Version 13, 1 May 2026", StringComparison.Ordinal));

            var release = SocRelease.LoadDirectory(Path.Combine(dir, "release"));
            var index = release.Manifest.Sources.Single(s => s.File == IndexFile);
            Assert.Contains("Version 13, 1 May 2026", index.Title);
            Assert.NotNull(index.Warnings);
            Assert.Contains(index.Warnings!, w => w.Contains("SHA-256", StringComparison.Ordinal));
            Assert.Contains(index.Warnings!, w => w.Contains("32,193", StringComparison.Ordinal));
            Assert.NotNull(release.Index.Find("zz01"));
            Assert.Null(release.Manifest.Sources.Single(s => s.File.StartsWith("ons_soc2010", StringComparison.Ordinal)).Warnings);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresOnsSourcesFact]
    public void An_unreadable_layout_is_still_an_error()
    {
        var dir = Path.Combine(Path.GetTempPath(), "socbridge-edition-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            NewEdition(dir, 0, 0);
            File.WriteAllText(Path.Combine(dir, IndexFile), "not a workbook");
            Assert.Throws<OnsSourceException>(() => ReleaseBuilder.Build(dir, Path.Combine(dir, "release")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
