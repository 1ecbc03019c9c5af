using System.Text.RegularExpressions;
using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>
/// The edition of the coding index as its own <c>Information</c> sheet states it: the last
/// "Version N: date" line of the publication history (e.g. "Version 12, 16 April 2025"), or the
/// "Version N Of The …" title when there is no history.
/// </summary>
internal static partial class IndexEdition
{
    public const string SheetName = "Information";

    [GeneratedRegex(@"^\s*Version\s+(\d+)\s*[:,]\s*(\d{1,2}\s+[A-Za-z]+\s+\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex HistoryLine();

    [GeneratedRegex(@"^\s*Version\s+(\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLine();

    /// <summary>The edition named by the sheet, or null when there is no such sheet or it names none.</summary>
    public static string? Read(Sheet? sheet)
    {
        if (sheet is null) return null;
        string? latest = null, title = null;
        var latestNumber = -1;
        for (var row = 1; row <= sheet.LastRow; row++)
            foreach (var cell in sheet.Row(row))
            {
                if (cell.Value is not string text) continue;
                if (HistoryLine().Match(text) is { Success: true } m)
                {
                    var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (n >= latestNumber) { latestNumber = n; latest = $"Version {n}, {string.Join(' ', m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimStart('0')))}"; }
                }
                else if (title is null && TitleLine().Match(text) is { Success: true } t) title = $"Version {t.Groups[1].Value}";
            }
        return latest ?? title;
    }
}
