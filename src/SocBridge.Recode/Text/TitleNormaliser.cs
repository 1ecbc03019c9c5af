using System.Text;
using SocBridge.Core.Text;

namespace SocBridge.Recode.Text;

/// <summary>
/// Turns a job title into comparable tokens: lower case, punctuation dropped, plurals stemmed, short
/// forms expanded ("asst mgr" → "assistant manager"). A title written with its qualifiers in brackets,
/// "Account manager (marketing)" or "Machine adjuster [textile mfr]", is split into the title and the
/// qualifier words, as the coding index holds them.
/// </summary>
internal static class TitleNormaliser
{
    private static readonly HashSet<string> ConnectiveWords = new(StringComparer.Ordinal)
    {
        "and", "of", "the", "for", "in", "a", "an", "to", "with", "at", "on", "or", "by", "not", "etc", "other", "than",
    };

    /// <summary>Expanded, stemmed tokens of <paramref name="text"/>, in their original order.</summary>
    public static List<string> Tokens(string? text)
    {
        var raw = TitleText.Tokens(text);
        var tokens = new List<string>(raw.Count + 2);
        foreach (var token in raw)
        {
            if (Abbreviations.Expand(token) is { } expansion)
                foreach (var word in expansion) tokens.Add(TitleText.Stem(word));
            else
                tokens.Add(token);
        }
        return tokens;
    }

    /// <summary>Tokens without connective words ("and", "of", …), which do not tell titles apart.</summary>
    public static List<string> ContentTokens(string? text) => [.. Tokens(text).Where(t => !ConnectiveWords.Contains(t))];

    public static bool IsConnective(string token) => ConnectiveWords.Contains(token);

    /// <summary>An order-free key: the content tokens sorted, so "Manager, sales" and "Sales managers" share one.</summary>
    public static string Key(IEnumerable<string> contentTokens)
    {
        string[] sorted = [.. contentTokens];
        if (sorted.Length == 1) return sorted[0];
        // Equal words are the same text, so an unstable sort gives the same key as a stable one.
        Array.Sort(sorted, StringComparer.Ordinal);
        return string.Join(' ', sorted);
    }

    /// <summary>Splits "Title (additional) [industry]" into the title and its qualifier text.</summary>
    public static (string Title, string Qualifiers) SplitQualifiers(string? text)
    {
        if (string.IsNullOrEmpty(text)) return ("", "");
        var title = new StringBuilder(text.Length);
        var qualifiers = new StringBuilder();
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '(' or '[' or '{') { depth++; qualifiers.Append(' '); continue; }
            if (c is ')' or ']' or '}') { if (depth > 0) depth--; qualifiers.Append(' '); continue; }
            (depth > 0 ? qualifiers : title).Append(c);
        }
        return (title.ToString().Trim(), qualifiers.ToString().Trim());
    }
}
