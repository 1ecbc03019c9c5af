using System.Text.RegularExpressions;

namespace SocBridge.Apportion.Model;

/// <summary>
/// Column names as users write them on a command line: comma-separated lists, where an item written
/// <c>/REGEX/</c> stands for every header that matches it (<c>/^20\d\d$/</c> for all year columns).
/// </summary>
public static class ColumnPattern
{
    /// <summary>Whether <paramref name="item"/> is a <c>/REGEX/</c> pattern rather than a column name.</summary>
    public static bool IsPattern(string item) => item.Length >= 2 && item[0] == '/' && item[^1] == '/';

    /// <summary>
    /// Splits a list such as <c>jobs,/^20\d\d$/,pay</c> into its items. Commas inside a pattern (as in
    /// <c>/\d{2,4}/</c>) belong to the pattern; empty items are dropped and names are trimmed.
    /// </summary>
    public static IReadOnlyList<string> Split(string list)
    {
        var items = new List<string>();
        var i = 0;
        while (i < list.Length)
        {
            while (i < list.Length && (list[i] == ',' || char.IsWhiteSpace(list[i]))) i++;
            if (i >= list.Length) break;
            int end;
            if (list[i] == '/')
            {
                // A pattern runs to the next slash that ends the item (followed by a comma or the end).
                end = i + 1;
                while (end < list.Length && !(list[end] == '/' && (end + 1 == list.Length || list[end + 1] == ','))) end++;
                end = Math.Min(end + 1, list.Length);
            }
            else
            {
                end = list.IndexOf(',', i);
                if (end < 0) end = list.Length;
            }
            var item = list[i..end].Trim();
            if (item.Length > 0) items.Add(item);
            i = end;
        }
        return items;
    }

    /// <summary>Every item of every list, in order.</summary>
    public static IReadOnlyList<string> SplitAll(IEnumerable<string>? lists) =>
        lists is null ? [] : lists.SelectMany(Split).ToArray();

    /// <summary>The regular expression of a pattern item, or a message saying why it is not one.</summary>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern[1..^1], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"column pattern {pattern} is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
    }

    /// <summary>Checks that every pattern among <paramref name="items"/> compiles; the problems, one per bad pattern.</summary>
    public static IEnumerable<string> Problems(IEnumerable<string> items)
    {
        foreach (var item in items.Where(IsPattern))
        {
            string? problem = null;
            try
            {
                Compile(item);
            }
            catch (ArgumentException e)
            {
                problem = e.Message.Split(" (Parameter")[0];
            }
            if (problem is not null) yield return problem;
        }
    }

    /// <summary>The header's columns that <paramref name="item"/> names: itself, or every match of a pattern in header order.</summary>
    public static IReadOnlyList<string> Resolve(string item, IReadOnlyList<string> header)
    {
        if (!IsPattern(item)) return header.Contains(item) ? [item] : [];
        var regex = Compile(item);
        return header.Where(h => regex.IsMatch(h)).ToArray();
    }
}
