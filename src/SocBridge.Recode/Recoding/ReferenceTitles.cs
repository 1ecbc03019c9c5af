namespace SocBridge.Recode.Recoding;

/// <summary>Builds the reference titles the recoder and coder compare against: visible index titles and Volume 1 related titles.</summary>
internal static class ReferenceTitles
{
    /// <summary>The visible index titles and the Volume 1 related titles, and the SOC2020 extension titles when <paramref name="withExtensions"/>.</summary>
    public static ReferenceIndex Index(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible, bool withExtensions = false)
    {
        var references = new List<ReferenceTitle>(visible.Count + corpus.Volume1.Count + (withExtensions ? corpus.ExtensionTitles.Count : 0));
        foreach (var v in visible)
            references.Add(new ReferenceTitle(v.Entry.QualifiedTitle, v.Terms, v.Soc2010, v.Soc2020, v.Entry.Soc2020Ext, ReferenceSource.CodingIndex, v.Entry.Id));
        foreach (var t in corpus.Volume1.Where(t => t.IsTitle).Concat(withExtensions ? corpus.ExtensionTitles : []))
            references.Add(new ReferenceTitle(t.Display, t.Terms, null, t.Soc2020, "", ReferenceSource.Volume1, null));
        return new ReferenceIndex(references);
    }
}
