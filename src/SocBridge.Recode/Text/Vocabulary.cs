namespace SocBridge.Recode.Text;

/// <summary>
/// The words of the reference titles with their document frequencies, and a spelling corrector over
/// them: an unknown word of five letters or more becomes the most frequent known word within one edit
/// (insertion, deletion, substitution or swap of neighbours), or two edits for words of nine or more.
/// </summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _frequency;
    // The delete index is built when the first unknown word needs correcting: a title of known words never pays for it.
    private readonly Lazy<Dictionary<string, List<string>>> _deleteIndex;

    public Vocabulary(Dictionary<string, int> frequency)
    {
        _frequency = frequency;
        _deleteIndex = new(() =>
        {
            var deletes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var word in frequency.Keys)
            {
                if (word.Length < 4) continue;
                foreach (var d in Deletes(word, word.Length >= 8 ? 2 : 1))
                {
                    if (!deletes.TryGetValue(d, out var list)) deletes[d] = list = [];
                    list.Add(word);
                }
            }
            return deletes;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool Contains(string word) => _frequency.ContainsKey(word);

    public int Frequency(string word) => _frequency.GetValueOrDefault(word);

    /// <summary>The word itself when known or too short to correct; otherwise its likeliest correction, or itself.</summary>
    public string Correct(string word)
    {
        if (word.Length < 5 || _frequency.ContainsKey(word) || word.Any(char.IsAsciiDigit)) return word;
        var maxDistance = word.Length >= 9 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        var index = _deleteIndex.Value;
        foreach (var d in Deletes(word, maxDistance))
        {
            if (!index.TryGetValue(d, out var candidates)) continue;
            foreach (var candidate in candidates)
            {
                var distance = Distance(word, candidate);
                if (distance > maxDistance) continue;
                var frequency = _frequency[candidate];
                if (distance < bestDistance || (distance == bestDistance && (frequency > bestFrequency ||
                    (frequency == bestFrequency && string.CompareOrdinal(candidate, best) < 0))))
                {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = frequency;
                }
            }
        }
        return best ?? word;
    }

    private static HashSet<string> Deletes(string word, int depth)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var k = 0; k < depth; k++)
        {
            var next = new List<string>();
            foreach (var w in frontier)
                for (var i = 0; i < w.Length; i++)
                {
                    var d = w.Remove(i, 1);
                    if (d.Length >= 3 && result.Add(d)) next.Add(d);
                }
            frontier = next;
        }
        return result;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with swaps of neighbouring letters).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        return d[a.Length, b.Length];
    }
}
