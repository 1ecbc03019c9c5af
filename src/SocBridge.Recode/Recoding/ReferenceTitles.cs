namespace SocBridge.Recode.Recoding;

/// <summary>Builds the reference titles the recoder and coder compare against: visible index titles and Volume 1 related titles.</summary>
internal static class ReferenceTitles
{
    public static ReferenceIndex Index(RecodeCorpus corpus, IReadOnlyList<IndexTitle> visible)
    {
        var references = new List<ReferenceTitle>(visible.Count + corpus.Volume1.Count);
        foreach (var v in visible)
            references.Add(new ReferenceTitle(v.Entry.QualifiedTitle, v.Terms, v.Soc2010, v.Soc2020, v.Entry.Soc2020Ext, ReferenceSource.CodingIndex, v.Entry.Id));
        foreach (var t in corpus.Volume1.Where(t => t.IsTitle))
            references.Add(new ReferenceTitle(t.Display, t.Terms, null, t.Soc2020, "", ReferenceSource.Volume1, null));
        return new ReferenceIndex(references);
    }
}
