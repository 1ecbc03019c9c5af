using System.IO.Compression;
using System.Security;
using System.Text;

namespace SocBridge.Release.Samples;

/// <summary>A cell of a generated worksheet: text, a number, or nothing.</summary>
internal readonly record struct XlsxCell(string? Text, double? Number)
{
    public static implicit operator XlsxCell(string text) => new(text, null);

    public static implicit operator XlsxCell(double number) => new(null, number);

    public static XlsxCell Empty => new(null, null);
}

/// <summary>
/// Writes a minimal Office Open XML workbook (.xlsx): one worksheet per sheet, text as inline strings and
/// numbers as numbers, no styles beyond the default. The zip entries carry a fixed time, so the same sheets
/// always give the same bytes.
/// </summary>
internal static class XlsxWriter
{
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(Stream stream, IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows)> sheets)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
        Entry(zip, "_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        var workbook = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        var rels = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 0; i < sheets.Count; i++)
        {
            workbook.Append($"""<sheet name="{Escape(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
            rels.Append($"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
        }
        rels.Append($"""<Relationship Id="rId{sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        workbook.Append("</sheets></workbook>");
        Entry(zip, "xl/workbook.xml", workbook.ToString());
        Entry(zip, "xl/_rels/workbook.xml.rels", rels.ToString());
        Entry(zip, "xl/styles.xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>""");
        for (var i = 0; i < sheets.Count; i++) Entry(zip, $"xl/worksheets/sheet{i + 1}.xml", Worksheet(sheets[i].Rows));
    }

    private static string ContentTypes(int sheets)
    {
        var s = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (var i = 1; i <= sheets; i++)
            s.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        return s.Append("</Types>").ToString();
    }

    private static string Worksheet(IReadOnlyList<IReadOnlyList<XlsxCell>> rows)
    {
        var s = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Count; r++)
        {
            s.Append($"""<row r="{r + 1}">""");
            for (var c = 0; c < rows[r].Count; c++)
            {
                var cell = rows[r][c];
                var reference = Workbook.ColumnIndex.ToLetters(c) + (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (cell.Number is { } n)
                    s.Append($"""<c r="{reference}"><v>{n.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v></c>""");
                else if (cell.Text is { } t)
                    s.Append($"""<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{Escape(t)}</t></is></c>""");
            }
            s.Append("</row>");
        }
        return s.Append("</sheetData></worksheet>").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static void Entry(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(new UTF8Encoding(false).GetBytes(content));
    }
}
