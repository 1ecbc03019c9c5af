using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;

namespace SocBridge.Apportion.Engine;

/// <summary>How one text of the code column was read: a code, a total label, or an error.</summary>
internal readonly record struct ResolvedCode(SocCode Code, string? Error, bool IsTotal = false, bool IsLabel = false, LabelMismatch? TitleWarning = null);

/// <summary>A code given with a title that is not the release's title for that code (a warning, never a re-coding).</summary>
public sealed record LabelMismatch(string Label, string Code, string GivenTitle, string ReleaseTitle, long Line);

/// <summary>A row whose code column held a total label, with its values as read.</summary>
internal sealed record TotalRow(long Line, int Tuple, string Label, double[] Values, CellStatus[] Statuses);

/// <summary>
/// Reads the code column as users have it: plain codes (<c>1115</c>), codes with an edition prefix
/// (<c>SOC2010 1115</c>), labels whose first token is the code (<c>11 Corporate managers and directors</c>,
/// <c>1115 : Chief executives and senior officials</c>), and total rows (<c>All occupations</c>,
/// <c>Total</c>, <c>All persons</c>, <c>All</c>). A label's title is compared with the release's.
/// </summary>
internal sealed class CodeLabels(SocHierarchy hierarchy, SocVersion edition)
{
    private static readonly HashSet<string> TotalLabels = new(StringComparer.Ordinal)
    {
        "all", "total", "totals", "all occupations", "all persons", "all people", "all in employment", "grand total",
        "total all occupations", "all occupations total", "total occupations", "all soc", "all soc groups",
    };

    /// <summary>Whether <paramref name="text"/> names a total row rather than a code.</summary>
    public static bool IsTotalLabel(ReadOnlySpan<char> text) => TotalLabels.Contains(Normalise(text.ToString()));

    public ResolvedCode Resolve(ReadOnlySpan<char> text)
    {
        if (SocCode.TryParse(text, edition, out var code, out var error))
            return hierarchy.Contains(code) ? new ResolvedCode(code, null) : new ResolvedCode(default, NotAGroup(code));
        if (IsTotalLabel(text)) return new ResolvedCode(default, null, IsTotal: true);
        var t = text.Trim();
        var other = "SOC" + edition.Other().Year();
        if (t.StartsWith(other, StringComparison.OrdinalIgnoreCase) || t.StartsWith("SOC " + edition.Other().Year(), StringComparison.OrdinalIgnoreCase))
            return new ResolvedCode(default, $"'{t}' is labelled {other}; this run translates SOC{edition.Year()} codes (choose the edition of the input with the from option)");
        var own = "SOC " + edition.Year();
        if (t.StartsWith(own, StringComparison.OrdinalIgnoreCase)) t = t[own.Length..].TrimStart();
        else if (t.StartsWith("SOC" + edition.Year(), StringComparison.OrdinalIgnoreCase)) t = t[(own.Length - 1)..].TrimStart(" :-".AsSpan());
        var digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits])) digits++;
        // An edition prefix and a plain code ("SOC 2010 1115"): the code alone, without a title to compare.
        if (digits == t.Length && t.Length != text.Trim().Length && SocCode.TryParse(t, edition, out code, out _))
            return hierarchy.Contains(code) ? new ResolvedCode(code, null, IsLabel: true) : new ResolvedCode(default, NotAGroup(code), IsLabel: true);
        // A label is a code of 1 to 4 digits, then a separator (space, colon, dash, full stop) and a title.
        if (digits is 0 or > 4 || digits == t.Length || !IsSeparator(t[digits])) return new ResolvedCode(default, error);
        if (!SocCode.TryParse(t[..digits], edition, out code, out var codeError)) return new ResolvedCode(default, codeError, IsLabel: true);
        if (!hierarchy.TryGet(code, out var group)) return new ResolvedCode(default, NotAGroup(code), IsLabel: true);
        var title = t[digits..].TrimStart(" \t:-–—.|".AsSpan()).Trim().ToString();
        var warning = title.Length > 0 && Normalise(title) != Normalise(group.Title)
            ? new LabelMismatch(text.ToString(), code.ToString(), title, group.Title, 0)
            : null;
        return new ResolvedCode(code, null, IsLabel: true, TitleWarning: warning);
    }

    private string NotAGroup(SocCode code) =>
        $"{code.ToQualifiedString()} is not a {code.Level.Name()} of SOC{edition.Year()}; nearest: " +
        string.Join(", ", hierarchy.Suggest(code.ToString(), 3).Select(g => g.Code));

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is ':' or '-' or '–' or '—' or '.' or '|';

    /// <summary>Lower case letters and digits with single spaces; "&amp;" reads as "and".</summary>
    internal static string Normalise(string text)
    {
        var s = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Replace("&", " and ", StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(c)) s.Append(char.ToLowerInvariant(c));
            else if (s.Length > 0 && s[^1] != ' ') s.Append(' ');
        }
        return s.ToString().Trim();
    }
}
