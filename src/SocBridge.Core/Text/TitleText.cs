namespace SocBridge.Core.Text;

/// <summary>Word splitting and light normalisation of job titles, shared by index search and coding.</summary>
internal static class TitleText
{
    /// <summary>Lower-case alphanumeric tokens; '&amp;' becomes "and"; plurals reduced to a common stem.</summary>
    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text)) return tokens;
        Span<char> buffer = stackalloc char[64];
        var n = 0;
        void Flush(List<string> list, Span<char> buf)
        {
            if (n == 0) return;
            list.Add(Stem(new string(buf[..n])));
            n = 0;
        }
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (n < buffer.Length) buffer[n++] = c;
            }
            else if (c is '\'' or '’')
            {
                // "driver's" → "drivers": apostrophes join
            }
            else
            {
                Flush(tokens, buffer);
                if (c == '&') tokens.Add("and");
            }
        }
        Flush(tokens, buffer);
        return tokens;
    }

    /// <summary>A conservative plural stem: "managers" → "manager", "secretaries" → "secretary", "boxes" → "box".</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !word.EndsWith('s') || word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal))
            return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4) return word[..^3] + "y";
        if (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
            return word[..^2];
        return word[..^1];
    }
}
