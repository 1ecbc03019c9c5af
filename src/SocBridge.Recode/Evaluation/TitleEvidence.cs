using SocBridge.Core.Classification;
using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Evaluation;

/// <summary>How far the visible reference titles could carry a held-out title to its own group.</summary>
internal readonly record struct TitleReach(bool HeadWord, bool AnyWord);

/// <summary>
/// Which groups each word of the visible reference titles has been seen in. A held-out title none of
/// whose words was ever seen in a title of its own group cannot be coded right from title words:
/// the share of titles that can bounds what any coder learning from those titles may reach, and says
/// how much of a shortfall is the data rather than the coder.
/// </summary>
internal sealed class TitleEvidence
{
    private readonly Dictionary<string, HashSet<SocCode>> _byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<SocCode>> _byHead = new(StringComparer.Ordinal);

    public TitleEvidence(ReferenceIndex references)
    {
        foreach (var t in references.Titles)
        {
            foreach (var word in t.Terms.All) Add(_byWord, word, t.Soc2020);
            if (t.Terms.Head is { } head) Add(_byHead, head, t.Soc2020);
        }
    }

    public TitleReach Reach(TitleTerms query, SocCode group) => new(
        query.Head is { } head && _byHead.TryGetValue(head, out var heads) && heads.Contains(group),
        query.All.Any(w => _byWord.TryGetValue(w, out var groups) && groups.Contains(group)));

    private static void Add(Dictionary<string, HashSet<SocCode>> map, string word, SocCode group)
    {
        if (!map.TryGetValue(word, out var groups)) map[word] = groups = [];
        groups.Add(group);
    }
}
