using System.Text.RegularExpressions;
using SocBridge.Core.Release;
using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>One coding index entry as read, with where it came from and the sub-unit group title ONS gives for it.</summary>
internal sealed record SourceIndexEntry(
    IndexRow Row,
    string ExtensionTitle,
    SourceLocation Location,
    SourceLocation Soc2010Location,
    SourceLocation Soc2020Location,
    SourceLocation ExtensionLocation,
    SourceLocation TitleLocation);

/// <summary>
/// Reads the <c>SOC2020 coding index</c> sheet of SOC 2020 Volume 2 (header in row 1, one entry per row).
/// Columns are found by their header names. Codes are numbers in Excel except ISCO-08 codes with a leading
/// zero, which are text, and the placeholders <c>}}}}</c> (<c>}}}}/}}</c> for the sub-unit code) that mean
/// "see another index entry" (the SEE column says which); placeholders are written as empty codes.
/// </summary>
internal static partial class CodingIndexReader
{
    public const string FileName = "soc2020volume2thecodingindexexcel16042025.xlsx";
    public const string SheetName = "SOC2020 coding index";

    public const string CodePlaceholder = "}}}}";
    public const string ExtensionPlaceholder = "}}}}/}}";

    /// <summary>Default-entry flags documented in the FILE SPEC sheet (column D); most entries have none.</summary>
    private static readonly HashSet<string> DefaultFlags = new(StringComparer.Ordinal) { "O", "I", "A", "Q", "QS", "M" };

    private const string Id = "UNIQUE ID";
    private const string RecNo = "RECNO";
    private const string Default = "D";
    private const string Soc2010 = "SOC_2010";
    private const string Soc2020 = "SOC_2020";
    private const string Soc2020Ext = "SOC_2020_ext";
    private const string IndexOcc = "INDEXOCC";
    private const string Add = "ADD";
    private const string Ind = "IND";
    private const string See = "SEE";
    private const string Isco08 = "ISCO-08 code based on SOC2020";
    private const string VersNo = "VERSNO";
    private const string Change = "CHANGE";
    private const string ExtTitle = "SOC2020_ext_SUG_title";
    private const string NaturalOrder = "INDEXOCC_-_natural_word_order";

    private static readonly string[] Columns =
        [Id, RecNo, Default, Soc2010, Soc2020, Soc2020Ext, IndexOcc, Add, Ind, See, Isco08, VersNo, Change, ExtTitle, NaturalOrder];

    [GeneratedRegex(@"^\d{4}/\d{2}$")]
    private static partial Regex ExtensionCode();

    /// <param name="warnings">Receives inconsistencies ONS left in the index that do not stop the build.</param>
    public static List<SourceIndexEntry> Read(Sheet sheet, ICollection<string> warnings)
    {
        var col = HeaderCheck.Locate(sheet, 1, Columns);
        var entries = new List<SourceIndexEntry>(sheet.LastRow);
        for (var row = 2; row <= sheet.LastRow; row++)
        {
            Cell C(string name) => sheet[row, col[name]];

            var id = C(Id).Text("a unique ID such as 'a1aa'");
            var recno = C(RecNo).WholeNumber("a record number (whole number)");
            if (recno is < 1 or > int.MaxValue) throw C(RecNo).Error("a positive record number");

            var flag = C(Default).OptionalText();
            if (flag.Length > 0 && !DefaultFlags.Contains(flag))
                throw C(Default).Error("a default-entry flag (O, I, A, Q, QS or M) or an empty cell");

            var (soc2010, p2010) = SocCode(C(Soc2010), "SOC2010");
            var (soc2020, p2020) = SocCode(C(Soc2020), "SOC2020");
            var (ext, pExt) = Extension(C(Soc2020Ext));
            var (isco, pIsco) = IscoCode(C(Isco08));
            // ONS has at least one entry whose sub-unit code belongs to another unit group than its SOC2020
            // code (b1zb 'Director': 1132 with 1139/02). Both codes are valid groups; the entry is kept as
            // published and the inconsistency reported.
            if (ext.Length > 0 && soc2020.Length > 0 && !ext.StartsWith(soc2020, StringComparison.Ordinal))
                warnings.Add($"{C(Soc2020Ext).Location}: entry {id} has SOC2020 code {soc2020} but sub-unit code {ext} of unit group {ext[..4]}; kept as published");

            var see = C(See).OptionalText();
            var isSeeReference = p2010 || p2020 || pExt || pIsco;
            if (isSeeReference && see.Length == 0)
                throw C(See).Error($"a SEE reference, because the entry's codes hold the placeholder '{CodePlaceholder}'");

            var indexed = C(IndexOcc).Text("the indexed job title (INDEXOCC)");
            var natural = C(NaturalOrder).Text("the job title in natural word order");
            var extTitle = ext.Length > 0 ? C(ExtTitle).Text($"the title of sub-unit group {ext}") : "";

            var entry = new IndexRow(
                id,
                (int)recno,
                flag,
                soc2010,
                soc2020,
                ext,
                isco,
                natural,
                indexed,
                C(Add).OptionalText(),
                C(Ind).OptionalText(),
                see,
                isSeeReference,
                "",
                C(VersNo).OptionalText(),
                C(Change).OptionalText());
            entries.Add(new SourceIndexEntry(entry, extTitle, sheet.At(row),
                C(Soc2010).Location, C(Soc2020).Location, C(Soc2020Ext).Location, C(ExtTitle).Location));
        }
        return entries;
    }

    /// <summary>A 4-digit SOC unit group code, or "" for the placeholder (second value true).</summary>
    private static (string Code, bool Placeholder) SocCode(Cell cell, string classification)
    {
        if (cell.Value is string s && s.Trim() == CodePlaceholder) return ("", true);
        var code = cell.Code(4, $"a 4-digit {classification} unit group code or '{CodePlaceholder}'");
        return (code, false);
    }

    private static (string Code, bool Placeholder) Extension(Cell cell)
    {
        var text = cell.OptionalText();
        if (text == ExtensionPlaceholder) return ("", true);
        if (!ExtensionCode().IsMatch(text))
            throw cell.Error($"a SOC2020 sub-unit code such as '1111/01' or '{ExtensionPlaceholder}'");
        return (text, false);
    }

    /// <summary>ISCO-08 codes are numbers except those with a leading zero ('0110'), which are text.</summary>
    private static (string Code, bool Placeholder) IscoCode(Cell cell)
    {
        if (cell.Value is string s && s.Trim() == CodePlaceholder) return ("", true);
        return (cell.Code(4, $"a 4-digit ISCO-08 code or '{CodePlaceholder}'"), false);
    }
}
