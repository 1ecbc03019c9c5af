using System.Text;
using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Model;

/// <summary>
/// The candidate-specific features of a title, written as space-separated words for ML.NET's hashing bag
/// of words. When the title's SOC2010 group is known, a bias of the (SOC2010, candidate) pair is added, so
/// the word weights describe what moves a title away from its pair's base rate rather than the base rate itself.
/// </summary>
internal static class PairFeatures
{
    private const int PrefixLength = 5;

    public static string Text(TitleTerms terms, SocCode candidate, SocCode? soc2010 = null)
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
        if (soc2010 is { } group) sb.Append(' ').Append(group.ToString()).Append('>').Append(code).Append("_bias");
        return sb.ToString();
    }
}
