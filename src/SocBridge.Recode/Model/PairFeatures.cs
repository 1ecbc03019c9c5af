using System.Text;
using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Model;

/// <summary>The candidate-specific features of a title, written as space-separated words for ML.NET's hashing bag of words.</summary>
internal static class PairFeatures
{
    private const int PrefixLength = 5;

    public static string Text(TitleTerms terms, SocCode candidate)
    {
        var code = candidate.ToString();
        var tokens = terms.All;
        var sb = new StringBuilder(tokens.Length * 28 + 16);
        sb.Append(code).Append("_bias");
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            sb.Append(' ').Append(code).Append('_').Append(t);
            if (t.Length > PrefixLength) sb.Append(' ').Append(code).Append("_p_").Append(t.AsSpan(0, PrefixLength));
            if (i > 0) sb.Append(' ').Append(code).Append('_').Append(tokens[i - 1]).Append('_').Append(t);
        }
        foreach (var q in terms.Qualifiers) sb.Append(' ').Append(code).Append("_q_").Append(q);
        if (terms.Head is { } head) sb.Append(' ').Append(code).Append("_h_").Append(head);
        return sb.ToString();
    }
}
