using System.Xml;
using System.Xml.Linq;
using SocBridge.Release.Validation;
using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>
/// Reads the SOC2010 hierarchy from the DDI 3.2 code list (<c>soc2010_structure_colectica.ddi3.xml</c>).
/// Groups are nested <c>&lt;Code&gt;</c> elements, each with a <c>&lt;Value&gt;</c> (the SOC code) and a
/// <c>&lt;CategoryReference&gt;</c> whose ID names a separate <c>&lt;Category&gt;</c> fragment holding the
/// title in <c>&lt;Label&gt;&lt;Content&gt;</c>. Error locations give the XML line number as the row.
/// </summary>
internal static class Soc2010StructureReader
{
    public const string FileName = "soc2010_structure_colectica.ddi3.xml";

    private static readonly XNamespace Logical = "ddi:logicalproduct:3_2";
    private static readonly XNamespace Reusable = "ddi:reusable:3_2";

    public static List<SourceGroup> Read(string path)
    {
        var file = Path.GetFileName(path);
        XDocument doc;
        try
        {
            // XDocument.Load detects and skips the UTF-8 byte order mark.
            doc = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new OnsSourceException(file, null, e.LineNumber, null, null, $"well-formed XML ({e.Message})");
        }

        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var category in doc.Descendants(Logical + "Category"))
        {
            var id = Required(category, Reusable + "ID", file);
            var content = category.Element(Reusable + "Label")?.Element(Reusable + "Content");
            if (content is null || string.IsNullOrWhiteSpace(content.Value))
                throw At(file, category, "Label/Content").Error("", $"a title in <Label><Content> of category {id}");
            if (!titles.TryAdd(id, content.Value.Trim()))
                throw At(file, category, "ID").Error(id, "each category ID once");
        }

        var groups = new List<SourceGroup>();
        foreach (var code in doc.Descendants(Logical + "Code"))
        {
            var value = Required(code, Reusable + "Value", file);
            var categoryId = code.Element(Reusable + "CategoryReference")?.Element(Reusable + "ID")?.Value.Trim();
            if (string.IsNullOrEmpty(categoryId))
                throw At(file, code, "CategoryReference").Error("", $"a CategoryReference/ID for code {value}");
            if (!titles.TryGetValue(categoryId, out var title))
                throw At(file, code, "CategoryReference").Error(categoryId, $"the ID of a <Category> in the file (code {value})");
            var parent = code.Parent is { } p && p.Name == Logical + "Code"
                ? Required(p, Reusable + "Value", file)
                : "";
            groups.Add(new SourceGroup(value, parent, title, At(file, code, "Value")));
        }
        if (groups.Count == 0)
            throw new OnsSourceException(file, null, null, null, null, "a DDI 3.2 CodeList with <Code> elements in namespace ddi:logicalproduct:3_2");
        return groups;
    }

    private static string Required(XElement parent, XName name, string file)
    {
        var value = parent.Element(name)?.Value.Trim();
        if (string.IsNullOrEmpty(value))
            throw At(file, parent, name.LocalName).Error("", $"a <{name.LocalName}> in <{parent.Name.LocalName}>");
        return value;
    }

    private static SourceLocation At(string file, XElement element, string column) =>
        new(file, null, ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : null, column);
}
