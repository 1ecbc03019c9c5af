using SocBridge.Core.Index;
using SocBridge.Recode.Io;

namespace SocBridge.Recode.Text;

/// <summary>
/// The coding index's own SEE references ("Bailer — see Baler", "Datal worker — see Hand, datal",
/// "Chartered engineer — see Engineer (professional)") read as rewrites of free text. A title that is
/// exactly a referring title, in any word order, becomes its target with the target's qualifiers;
/// a one-word referring title is also replaced wherever it stands in a longer title, but only when the
/// reference titles never use that word themselves, so spelling variants reach their entries instead of
/// being "corrected" to a different frequent word. References with ADD or IND qualifiers, "see also"
/// and "see notes" are not rewrites and are left out.
/// </summary>
internal sealed class SeeReferences
{
    private readonly Dictionary<string, (string[] Title, string[] Qualifiers)> _byTitleKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _byWord = new(StringComparer.Ordinal);

    public SeeReferences(IEnumerable<CodingIndexEntry> entries)
    {
        foreach (var e in entries.Where(e => e.IsSeeReference && e.AdditionalQualifier.Length == 0 && e.IndustryQualifier.Length == 0))
        {
            if (Target(e.See) is not { } target) continue;
            var source = TitleNormaliser.ContentTokens(e.Title);
            if (source.Count == 0) continue;
            _byTitleKey.TryAdd(TitleNormaliser.Key(source), target);
            if (source.Count == 1 && target.Qualifiers.Length == 0) _byWord.TryAdd(source[0], target.Title);
        }
    }

    private SeeReferences()
    {
    }

    public int Count => _byTitleKey.Count;

    /// <summary>Writes the rewrites for <see cref="Read"/>, so a cached coder need not read the coding index to find them.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_byTitleKey.Count);
        foreach (var (key, (title, qualifiers)) in _byTitleKey)
        {
            writer.Write(key);
            WriteWords(writer, title);
            WriteWords(writer, qualifiers);
        }
        writer.Write(_byWord.Count);
        foreach (var (word, target) in _byWord)
        {
            writer.Write(word);
            WriteWords(writer, target);
        }
    }

    /// <summary>Reads rewrites written by <see cref="Write"/>.</summary>
    internal static SeeReferences Read(BinaryReader reader)
    {
        var see = new SeeReferences();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        for (int i = 0, n = CachedCount.Checked(reader.ReadInt32(), remaining, "a SEE-reference count"); i < n; i++)
        {
            var key = reader.ReadString();
            see._byTitleKey.Add(key, (ReadWords(reader, remaining), ReadWords(reader, remaining)));
        }
        for (int i = 0, n = CachedCount.Checked(reader.ReadInt32(), remaining, "a SEE-reference count"); i < n; i++)
        {
            var word = reader.ReadString();
            see._byWord.Add(word, ReadWords(reader, remaining));
        }
        return see;
    }

    private static void WriteWords(BinaryWriter writer, string[] words)
    {
        writer.Write(words.Length);
        foreach (var w in words) writer.Write(w);
    }

    private static string[] ReadWords(BinaryReader reader, long remaining)
    {
        var words = new string[CachedCount.Checked(reader.ReadInt32(), remaining, "a SEE-reference count")];
        for (var i = 0; i < words.Length; i++) words[i] = reader.ReadString();
        return words;
    }

    /// <summary>The target of "see X": X in natural word order ("Hand, datal" → "datal hand"), its bracketed qualifiers apart.</summary>
    public static (string[] Title, string[] Qualifiers)? Target(string see)
    {
        var text = see.Trim();
        if (!text.StartsWith("see ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("see also", StringComparison.OrdinalIgnoreCase)) return null;
        var (title, qualifiers) = TitleNormaliser.SplitQualifiers(text[4..].Replace("( )", "", StringComparison.Ordinal));
        var natural = string.Join(' ', title.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Reverse());
        string[] words = [.. TitleNormaliser.ContentTokens(natural)];
        if (words.Length == 0 || words is ["note"] or ["notes"]) return null;
        return (words, [.. TitleNormaliser.ContentTokens(qualifiers)]);
    }

    /// <summary>
    /// The title and qualifier tokens with the references applied: the whole title when it is a referring
    /// title, otherwise each referring word that <paramref name="isKnown"/> says the references never use.
    /// </summary>
    public (string[] Title, string[] Qualifiers) Rewrite(string[] title, string[] qualifiers, Func<string, bool> isKnown)
    {
        if (title.Length == 0) return (title, qualifiers);
        if (_byTitleKey.TryGetValue(TitleNormaliser.Key(title), out var whole))
            return (whole.Title, [.. qualifiers, .. whole.Qualifiers]);
        return ([.. title.SelectMany(w => !isKnown(w) && _byWord.TryGetValue(w, out var target) ? target : [w])], qualifiers);
    }
}
