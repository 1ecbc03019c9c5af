using SocBridge.Core.Classification;
using SocBridge.Core.Index;
using SocBridge.Core.Release;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>A coded index entry with its normalised words.</summary>
internal sealed record IndexTitle(CodingIndexEntry Entry, TitleTerms Terms)
{
    public SocCode Soc2010 => Entry.Soc2010!.Value;
    public SocCode Soc2020 => Entry.Soc2020!.Value;

    /// <summary>The title as a plain title list gives it: the natural-order title without its ADD/IND qualifiers.</summary>
    public TitleTerms PlainTerms => Terms.Qualifiers.Length == 0 ? Terms : TitleTerms.Of(Entry.Title, null);
}

/// <summary>A Volume 1 text (a related job title, or a group's title, description and tasks) for one SOC2020 unit group.</summary>
internal sealed record Volume1Text(SocCode Soc2020, string Display, TitleTerms Terms, bool IsTitle);

/// <summary>
/// Everything the recoder and coder learn from, normalised once per release: the coded index entries and
/// the Volume 1 texts. Cross-validation hands subsets of <see cref="IndexTitles"/> to the builders. The
/// normalisation runs when either list is first asked for, so a host that loads every model from the
/// cache (which holds what it needs already normalised) never pays for it.
/// </summary>
public sealed partial class RecodeCorpus
{
    private readonly Lazy<(IndexTitle[] Index, List<Volume1Text> Volume1, List<Volume1Text> Extensions)> _texts;

    /// <summary>The corpus of a release; nothing is normalised until a model is built from it.</summary>
    /// <param name="release">The release whose coding index and Volume 1 texts the models learn from.</param>
    public RecodeCorpus(SocRelease release)
    {
        Release = release;
        _texts = new(() => Normalise(release), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static (IndexTitle[], List<Volume1Text>, List<Volume1Text>) Normalise(SocRelease release)
    {
        var volume1 = Task.Run(() => Volume1Texts(release));
        var extensions = Task.Run(async () => ExtensionTexts(release, await volume1));
        // Normalised on all cores, in index order.
        var index = release.Index.Entries
            .Where(e => e.Soc2010 is not null && e.Soc2020 is not null)
            .AsParallel().AsOrdered()
            .Select(e => new IndexTitle(e, TitleTerms.Of(e.Title, e.AdditionalQualifier + " " + e.IndustryQualifier)))
            .Where(t => !t.Terms.IsEmpty)
            .ToArray();
        return (index, volume1.GetAwaiter().GetResult(), extensions.GetAwaiter().GetResult());
    }

    /// <summary>True once the index and Volume 1 texts have been normalised (they are on first use).</summary>
    internal bool IsNormalised => _texts.IsValueCreated;

    private static List<Volume1Text> Volume1Texts(SocRelease release)
    {
        var volume1 = new List<Volume1Text>();
        foreach (var (code, d) in release.Descriptions.OrderBy(kv => kv.Key))
        {
            if (code.Level != SocLevel.Unit) continue;
            volume1.Add(new Volume1Text(code, d.Title, TitleTerms.Of(d.Title, null), true));
            foreach (var related in d.RelatedJobTitles)
            {
                var terms = TitleTerms.Parse(related);
                if (!terms.IsEmpty) volume1.Add(new Volume1Text(code, related, terms, true));
            }
            var prose = TitleTerms.Of(d.Description + " " + string.Join(' ', d.Tasks), null);
            if (!prose.IsEmpty)
                volume1.Add(new Volume1Text(code, d.Title + " (description)", TitleTerms.Of(string.Join(' ', prose.All.Distinct()), null), false));
        }
        return volume1;
    }

    /// <summary>
    /// The SOC2020 extension titles as related titles of their unit groups, for the free-text coder's reference titles.
    /// </summary>
    private static List<Volume1Text> ExtensionTexts(SocRelease release, List<Volume1Text> volume1)
    {
        // The SOC2020 extension titles name the kinds of job inside a unit group ("Dockers, slingers and stevedores"
        // in 9259, "Accounts directors" in 1139): related titles in the classification's own words. The catch-all
        // (n.e.c.) extensions and those that repeat a title the unit group already has add nothing and are left out.
        var titles = new List<Volume1Text>();
        var seen = volume1.Where(t => t.IsTitle).Select(t => (t.Soc2020, t.Display.ToLowerInvariant())).ToHashSet();
        foreach (var ext in release.Extensions)
        {
            if (!SocCode.TryParse(ext.UnitGroup, SocVersion.Soc2020, out var code, out _) || ext.Title.Contains("n.e.c.", StringComparison.OrdinalIgnoreCase)) continue;
            // Notes in brackets go, wherever they stand: "Research and development (R&D) directors" keeps its head noun.
            var title = Bracketed().Replace(ext.Title, "").Trim();
            var terms = TitleTerms.Of(title, null);
            if (terms.IsEmpty || !seen.Add((code, title.ToLowerInvariant()))) continue;
            titles.Add(new Volume1Text(code, title, terms, true));
        }
        return titles;
    }

    /// <summary>The release the corpus is drawn from.</summary>
    public SocRelease Release { get; }

    internal IReadOnlyList<IndexTitle> IndexTitles => _texts.Value.Index;

    internal IReadOnlyList<Volume1Text> Volume1 => _texts.Value.Volume1;

    /// <summary>
    /// The SOC2020 extension titles, each a related title of its unit group ("Dockers, slingers and stevedores" in
    /// 9259); the free-text coder compares titles with them, the recoder does not.
    /// </summary>
    internal IReadOnlyList<Volume1Text> ExtensionTitles => _texts.Value.Extensions;

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex Bracketed();
}
