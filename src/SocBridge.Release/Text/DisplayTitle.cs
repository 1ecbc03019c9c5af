using System.Text;

namespace SocBridge.Release.Text;

/// <summary>
/// Display form of a group title. ONS writes major and sub-major group titles in capitals
/// ("MANAGERS, DIRECTORS AND SENIOR OFFICIALS"); for display these become sentence case
/// ("Managers, directors and senior officials") while acronyms keep their capitals and the
/// abbreviation "n.e.c." its lower case. Titles that are not entirely upper case are kept as given.
/// </summary>
internal static class DisplayTitle
{
    /// <summary>Words that stay in capitals when a title is put in sentence case.</summary>
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal)
    {
        "IT", "ICT", "HM", "NHS", "UK", "GP", "HGV", "LGV", "PCV", "TV", "CCTV", "RAF",
    };

    public static bool IsAllUpperCase(string title) =>
        title.Any(char.IsLetter) && !title.Any(char.IsLower);

    public static string For(string title) => IsAllUpperCase(title) ? SentenceCase(title) : title;

    public static string SentenceCase(string title)
    {
        var result = new StringBuilder(title.Length);
        var i = 0;
        while (i < title.Length)
        {
            if (!char.IsLetter(title[i]))
            {
                result.Append(title[i++]);
                continue;
            }
            // A word: letters, optionally with inner dots ("N.E.C.") or apostrophes.
            var start = i;
            while (i < title.Length && (char.IsLetter(title[i]) || title[i] is '.' or '\'' or '’')) i++;
            var word = title[start..i];
            // "n.e.c." (not elsewhere classified) lower-cases like any other word; acronyms stay as they are.
            result.Append(Acronyms.Contains(word.TrimEnd('.')) ? word : word.ToLowerInvariant());
        }
        for (var k = 0; k < result.Length; k++)
        {
            if (!char.IsLetter(result[k])) continue;
            result[k] = char.ToUpperInvariant(result[k]);
            break;
        }
        return result.ToString();
    }
}
