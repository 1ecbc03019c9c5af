namespace SocBridge.Recode.Evaluation;

/// <summary>
/// Where the errors on plain titles come from: what a title without its ADD/IND qualifiers cannot tell, counted on the
/// same held-out titles recoded with and without their qualifiers.
/// </summary>
/// <param name="Titles">Held-out titles recoded as plain titles.</param>
/// <param name="Errors">Those whose best candidate is wrong.</param>
/// <param name="NotACandidate">Titles whose right SOC2020 group is not among their fold's candidates (no visible index title and no crosswalk link on the pair), so no choice can be right.</param>
/// <param name="SharedPlainTitles">Titles whose plain title is shared, within their SOC2010 group, with held-out titles the index codes to another SOC2020 group (by a qualifier).</param>
/// <param name="SharedBestPossible">The most of <paramref name="SharedPlainTitles"/> that one answer per plain title can get right.</param>
/// <param name="SharedRight">How many of <paramref name="SharedPlainTitles"/> the recoder gets right.</param>
/// <param name="LostWithoutQualifiers">Other titles recoded right with their qualifiers and wrong without them.</param>
/// <param name="Unavoidable">Titles no recoder of plain titles can get right here: those of <paramref name="NotACandidate"/> outside the shared plain titles, and the shared ones beyond <paramref name="SharedBestPossible"/>.</param>
public sealed record PlainTitleLimits(int Titles, int Errors, int NotACandidate, int SharedPlainTitles, int SharedBestPossible, int SharedRight, int LostWithoutQualifiers, int Unavoidable)
{
    /// <summary>The best accuracy any recoder of plain titles could reach on these titles (1 − unavoidable / titles).</summary>
    public double Ceiling => Titles == 0 ? double.NaN : 1 - Unavoidable / (double)Titles;

    /// <summary>Counts the limits from the same held-out titles recoded with their qualifiers and as plain titles, in the same order.</summary>
    internal static PlainTitleLimits From(IReadOnlyList<RecodeOutcome> qualified, IReadOnlyList<RecodeOutcome> plain)
    {
        if (qualified.Count != plain.Count) throw new ArgumentException("The two variants must hold the same titles.", nameof(plain));
        var shared = new HashSet<int>();
        int sharedBest = 0, sharedRight = 0, unavoidable = 0;
        var groups = Enumerable.Range(0, plain.Count)
            .Where(i => plain[i].Title.Terms.TitleKey.Length > 0)
            .GroupBy(i => (plain[i].Title.Soc2010, plain[i].Title.Terms.TitleKey));
        foreach (var g in groups)
        {
            if (g.Select(i => plain[i].Truth).Distinct().Count() < 2) continue;
            var members = g.ToArray();
            shared.UnionWith(members);
            var best = members.Where(i => plain[i].TruthIsCandidate).GroupBy(i => plain[i].Truth).Select(x => x.Count()).DefaultIfEmpty(0).Max();
            sharedBest += best;
            sharedRight += members.Count(i => plain[i].Correct);
            unavoidable += members.Length - best;
        }
        var lost = 0;
        for (var i = 0; i < plain.Count; i++)
        {
            if (shared.Contains(i)) continue;
            if (!plain[i].TruthIsCandidate) unavoidable++;
            else if (qualified[i].Correct && !plain[i].Correct) lost++;
        }
        return new PlainTitleLimits(plain.Count, plain.Count(o => !o.Correct), plain.Count(o => !o.TruthIsCandidate), shared.Count, sharedBest, sharedRight, lost, unavoidable);
    }
}
