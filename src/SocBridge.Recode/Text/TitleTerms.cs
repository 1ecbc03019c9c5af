namespace SocBridge.Recode.Text;

/// <summary>
/// A title reduced to comparable words: the content tokens of the title itself and of its qualifiers,
/// an order-free key of each, and the text FuzzySharp compares.
/// </summary>
internal sealed class TitleTerms
{
    private TitleTerms(string[] title, string[] qualifiers)
    {
        Title = title;
        Qualifiers = qualifiers;
        All = [.. title, .. qualifiers];
    }

    public string[] Title { get; }
    public string[] Qualifiers { get; }
    public string[] All { get; }

    // The keys and text are made on first use: most reference titles never need them. Two threads that
    // both find one missing make equal strings, so either may be kept.

    /// <summary>The order-free key of the title's own words.</summary>
    public string TitleKey => field ??= TitleNormaliser.Key(Title);

    /// <summary>The order-free key of the title and qualifier words.</summary>
    public string FullKey => field ??= TitleNormaliser.Key(All);

    /// <summary>The words joined by spaces, as FuzzySharp compares them.</summary>
    public string Text => field ??= string.Join(' ', All);

    /// <summary>The last word of the title itself, which usually names the occupation ("engineer" in "civil engineer").</summary>
    public string? Head => Title.Length > 0 ? Title[^1] : null;

    public bool IsEmpty => All.Length == 0;

    /// <summary>These words with <paramref name="extra"/> added to the qualifiers (words already there are not repeated).</summary>
    public TitleTerms WithQualifiers(IEnumerable<string> extra)
    {
        var have = All.ToHashSet(StringComparer.Ordinal);
        var added = extra.Where(have.Add).ToArray();
        return added.Length == 0 || Title.Length == 0 ? this : new TitleTerms(Title, [.. Qualifiers, .. added]);
    }

    /// <summary>Terms from tokens already normalised (read back from a model cache): no normalisation is repeated.</summary>
    internal static TitleTerms FromTokens(string[] title, string[] qualifiers) => new(title, qualifiers);

    public static TitleTerms Of(string? title, string? qualifiers) =>
        new([.. TitleNormaliser.ContentTokens(title)], [.. TitleNormaliser.ContentTokens(qualifiers)]);

    /// <summary>
    /// A free-text title as found in adverts and forms: pay and hours phrases and advert words
    /// (<see cref="AdvertNoise"/>) are dropped unless nothing else is left, the index's SEE references
    /// (<paramref name="see"/>) are applied, and words the vocabulary does not know are spelling-corrected against it.
    /// </summary>
    public static TitleTerms ParseFreeText(string? text, Vocabulary vocabulary, SeeReferences? see = null)
    {
        var (title, qualifiers) = TitleNormaliser.SplitQualifiers(AdvertNoise.StripPhrases(text ?? ""));
        static string[] Clean(string part)
        {
            var raw = SocBridge.Core.Text.TitleText.Tokens(part);
            var kept = raw.Where(t => !AdvertNoise.IsNoise(t)).ToList();
            if (kept.Count == 0) kept = raw;
            var tokens = TitleNormaliser.Tokens(string.Join(' ', kept));
            return [.. tokens.Where(t => !TitleNormaliser.IsConnective(t))];
        }
        var t = Clean(title);
        var q = Clean(qualifiers);
        if (t.Length == 0) (t, q) = (q, []);
        if (see is not null) (t, q) = see.Rewrite(t, q, vocabulary.Contains);
        return new TitleTerms([.. t.Select(vocabulary.Correct)], [.. q.Select(vocabulary.Correct)]);
    }

    /// <summary>A title as people write it, with any qualifiers in brackets: "Account manager (marketing)".</summary>
    public static TitleTerms Parse(string? text)
    {
        var (title, qualifiers) = TitleNormaliser.SplitQualifiers(text);
        if (title.Length == 0 && qualifiers.Length > 0) (title, qualifiers) = (qualifiers, "");
        return Of(title, qualifiers);
    }
}
