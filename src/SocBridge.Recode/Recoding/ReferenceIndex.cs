using System.Runtime.InteropServices;
using FuzzySharp;
using SocBridge.Core.Classification;
using SocBridge.Recode.Io;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>
/// A reference title compared with a query: FuzzySharp's token-set ratio (0–100, forgiving extra words
/// on either side), the IDF weight of the shared words, and their IDF-weighted F1 (0–1), which, unlike the
/// token-set ratio, drops when either title has words the other lacks.
/// </summary>
internal sealed record ScoredReference(ReferenceTitle Reference, int Similarity, double Overlap, double IdfF1)
{
    /// <summary>One similarity in 0–1 for ranking titles: the mean of the token-set ratio and the IDF F1.</summary>
    public double Blended => (Similarity / 100.0 + IdfF1) / 2;
}

/// <summary>
/// Finds the reference titles nearest a query: a shortlist by shared words weighted by rarity (IDF),
/// then FuzzySharp's token-set ratio on the shortlist, which forgives word order and extra words.
/// </summary>
internal sealed class ReferenceIndex
{
    private readonly ReferenceTitle[] _titles;
    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<string, double> _idf;
    private readonly double[] _idfTotal;

    public ReferenceIndex(IReadOnlyList<ReferenceTitle> titles)
    {
        _titles = [.. titles];
        var words = new string[_titles.Length][];
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _titles.Length; i++)
        {
            words[i] = DistinctWords(_titles[i].Terms.All);
            foreach (var token in words[i])
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(postings, token, out _);
                (list ??= []).Add(i);
            }
        }
        _postings = new Dictionary<string, int[]>(postings.Count, StringComparer.Ordinal);
        _idf = new Dictionary<string, double>(postings.Count, StringComparer.Ordinal);
        var frequency = new Dictionary<string, int>(postings.Count, StringComparer.Ordinal);
        foreach (var (token, list) in postings)
        {
            _postings.Add(token, [.. list]);
            _idf.Add(token, Math.Log(1 + _titles.Length / (double)list.Count));
            frequency.Add(token, list.Count);
        }
        // Summed in word order, as the words come.
        _idfTotal = new double[_titles.Length];
        for (var i = 0; i < _titles.Length; i++)
        {
            var total = 0.0;
            foreach (var token in words[i]) total += _idf[token];
            _idfTotal[i] = total;
        }
        Vocabulary = new Vocabulary(frequency);
    }

    /// <summary>The words in order of first appearance, each once (the array itself when no word repeats, as in most titles).</summary>
    private static string[] DistinctWords(string[] words)
    {
        for (var i = 1; i < words.Length; i++)
            for (var j = 0; j < i; j++)
                if (string.Equals(words[i], words[j], StringComparison.Ordinal))
                    return [.. words.Distinct(StringComparer.Ordinal)];
        return words;
    }

    public IReadOnlyList<ReferenceTitle> Titles => _titles;

    /// <summary>
    /// Writes the reference titles, their normalised words included, for <see cref="Read"/>: a table of the
    /// distinct words and codes first, then each title as numbers into it.
    /// </summary>
    internal void Write(BinaryWriter writer)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in _titles)
        {
            foreach (var w in t.Terms.Title) words.TryAdd(w, words.Count);
            foreach (var w in t.Terms.Qualifiers) words.TryAdd(w, words.Count);
            if (t.Soc2010 is { } s) codes.TryAdd(s.ToString(), codes.Count);
            codes.TryAdd(t.Soc2020.ToString(), codes.Count);
        }
        writer.Write(words.Count);
        foreach (var w in words.Keys) writer.Write(w);
        writer.Write(codes.Count);
        foreach (var c in codes.Keys) writer.Write(c);
        writer.Write(_titles.Length);
        foreach (var t in _titles)
        {
            writer.Write(t.Display);
            writer.Write(t.Terms.Title.Length);
            foreach (var w in t.Terms.Title) writer.Write(words[w]);
            writer.Write(t.Terms.Qualifiers.Length);
            foreach (var w in t.Terms.Qualifiers) writer.Write(words[w]);
            writer.Write(t.Soc2010 is { } s ? codes[s.ToString()] : -1);
            writer.Write(codes[t.Soc2020.ToString()]);
            writer.Write(t.Soc2020Ext);
            writer.Write((byte)t.Source);
            writer.Write(t.EntryId is not null);
            if (t.EntryId is not null) writer.Write(t.EntryId);
        }
    }

    /// <summary>Reads titles written by <see cref="Write"/> and indexes them as the constructor does; no title is normalised again.</summary>
    internal static ReferenceIndex Read(BinaryReader reader)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        int Count() => CachedCount.Checked(reader.ReadInt32(), remaining, "a reference-title count");
        var words = new string[Count()];
        for (var i = 0; i < words.Length; i++) words[i] = reader.ReadString();
        var codes = new string[Count()];
        for (var i = 0; i < codes.Length; i++) codes[i] = reader.ReadString();
        // A code is read in the edition of the field it fills; each is parsed once.
        var soc2010 = new Dictionary<int, SocCode>();
        var soc2020 = new Dictionary<int, SocCode>();
        SocCode Code(Dictionary<int, SocCode> parsed, SocVersion version, int id)
        {
            if (parsed.TryGetValue(id, out var code)) return code;
            if ((uint)id >= (uint)codes.Length) throw new InvalidDataException($"a reference title names code {id} of {codes.Length}");
            return parsed[id] = SocCode.Parse(codes[id], version);
        }
        string[] Words()
        {
            var tokens = new string[Count()];
            for (var i = 0; i < tokens.Length; i++)
            {
                var id = reader.ReadInt32();
                tokens[i] = (uint)id < (uint)words.Length ? words[id] : throw new InvalidDataException($"a reference title names word {id} of {words.Length}");
            }
            return tokens;
        }
        var titles = new ReferenceTitle[Count()];
        for (var i = 0; i < titles.Length; i++)
        {
            var display = reader.ReadString();
            var terms = TitleTerms.FromTokens(Words(), Words());
            var from2010 = reader.ReadInt32();
            SocCode? code2010 = from2010 < 0 ? null : Code(soc2010, SocVersion.Soc2010, from2010);
            var code2020 = Code(soc2020, SocVersion.Soc2020, reader.ReadInt32());
            var ext = reader.ReadString();
            var source = (ReferenceSource)reader.ReadByte();
            if (!Enum.IsDefined(source)) throw new InvalidDataException($"a reference title has source {(int)source}");
            var entryId = reader.ReadBoolean() ? reader.ReadString() : null;
            titles[i] = new ReferenceTitle(display, terms, code2010, code2020, ext, source, entryId);
        }
        return new ReferenceIndex(titles);
    }

    public Vocabulary Vocabulary { get; }

    public double Idf(string token) => _idf.GetValueOrDefault(token, Math.Log(1 + _titles.Length));

    /// <summary>
    /// The nearest titles by similarity: the best <paramref name="limit"/> by shared words overall and,
    /// when <paramref name="soc2010"/> is given, also the best <paramref name="limit"/> coded to it.
    /// </summary>
    public IReadOnlyList<ScoredReference> Nearest(TitleTerms query, int limit, SocCode? soc2010 = null)
    {
        if (query.IsEmpty) return [];
        var overlap = new Dictionary<int, double>();
        foreach (var token in query.All.Distinct())
        {
            if (!_postings.TryGetValue(token, out var docs)) continue;
            var w = _idf[token];
            foreach (var d in docs) overlap[d] = overlap.GetValueOrDefault(d) + w;
        }
        if (overlap.Count == 0) return [];
        var chosen = new HashSet<int>(TopByOverlap(overlap, limit, _ => true));
        if (soc2010 is { } group)
            chosen.UnionWith(TopByOverlap(overlap, limit, d => _titles[d].Soc2010 == group));
        var text = query.Text;
        var queryTotal = query.All.Distinct().Sum(Idf);
        return chosen
            .Select(d => new ScoredReference(_titles[d], Fuzz.TokenSetRatio(text, _titles[d].Terms.Text), overlap[d], 2 * overlap[d] / (queryTotal + _idfTotal[d])))
            .OrderByDescending(s => s.Blended).ThenByDescending(s => s.Overlap).ThenBy(s => s.Reference.Display, StringComparer.Ordinal)
            .ToArray();
    }

    private IEnumerable<int> TopByOverlap(Dictionary<int, double> overlap, int limit, Func<int, bool> keep) =>
        overlap.Where(kv => keep(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => _titles[kv.Key].Terms.All.Length).ThenBy(kv => kv.Key)
            .Take(limit).Select(kv => kv.Key);
}
