using SocBridge.Release.Workbook;

namespace SocBridge.Release.Sources;

/// <summary>Checks header cells, so that a re-arranged sheet fails loudly instead of being read wrongly.</summary>
internal static class HeaderCheck
{
    /// <summary>The header cell must contain <paramref name="words"/> (case-insensitive, white space folded).</summary>
    public static void Contains(Sheet sheet, int row, string column, string words)
    {
        var cell = sheet[row, column];
        if (cell.Value is string s && Fold(s).Contains(Fold(words), StringComparison.OrdinalIgnoreCase)) return;
        throw cell.Error($"a header containing '{words}'");
    }

    /// <summary>
    /// Finds the columns of a header row by exact name (case-insensitive, white space folded). Every name
    /// must occur exactly once.
    /// </summary>
    public static Dictionary<string, int> Locate(Sheet sheet, int row, IEnumerable<string> names)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = sheet.Row(row).Where(c => c.Value is string).ToList();
        foreach (var name in names)
        {
            var matches = cells.Where(c => string.Equals(Fold((string)c.Value!), Fold(name), StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count != 1)
                throw new OnsSourceException(sheet.File, sheet.Name, row, null, null,
                    $"exactly one header cell named '{name}' (found {matches.Count}; the headers are: " +
                    string.Join(", ", cells.Select(c => $"{c.ColumnLetters}='{Fold((string)c.Value!)}'")) + ")");
            found[name] = matches[0].Column;
        }
        return found;
    }

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
