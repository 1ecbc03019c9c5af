using SocBridge.Recode.Industry;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Evaluation;

/// <summary>
/// The industry a user would give for an index title with an IND qualifier, for the evaluation: the
/// qualifier's words are compared with each SIC2007 division's title and index words, and the division
/// sharing the most words stands in for the employer's SIC code (what a vacancy or survey record carries);
/// a qualifier that shares no word with any division ("PO", "coal mine" does share) is given as free text.
/// The evaluation then recodes the plain title with that division code, so the industry reaches the
/// recoder only through the SIC mapping, not as the qualifier's own words.
/// </summary>
internal static class IndustrySimulation
{
    private static readonly (string Code, HashSet<string> Words)[] Divisions =
        [.. IndustryContext.Groups.Where(g => g.Code.Length == 2).Select(g => (g.Code, IndustryContext.Words(g.Code).ToHashSet(StringComparer.Ordinal)))];

    /// <summary>A SIC2007 division code for the qualifier, or the qualifier as free text when none shares a word.</summary>
    public static (string Industry, bool AsSicDivision) For(string industryQualifier)
    {
        var words = TitleNormaliser.ContentTokens(industryQualifier).Distinct().ToArray();
        var best = Divisions
            .Select(d => (d.Code, Shared: words.Count(d.Words.Contains), Size: d.Words.Count))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared).ThenBy(x => x.Size).ThenBy(x => x.Code, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Code is null ? (industryQualifier, false) : (best.Code, true);
    }
}
