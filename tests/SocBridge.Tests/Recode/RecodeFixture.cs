using SocBridge.Core.Release;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Recoding;

namespace SocBridge.Tests.Recode;

/// <summary>The committed release with a recoder and a coder built from the whole index, shared by the recode tests.</summary>
public sealed class RecodeFixture
{
    public RecodeFixture()
    {
        Release = SocRelease.LoadEmbedded();
        Corpus = new RecodeCorpus(Release);
        Recoder = Recoder.Create(Corpus);
        Coder = new FreeTextCoder(Release, Recoder.Model.Evidence.References);
    }

    public SocRelease Release { get; }
    public RecodeCorpus Corpus { get; }
    public Recoder Recoder { get; }
    public FreeTextCoder Coder { get; }

    /// <summary>The same model with another review threshold.</summary>
    public Recoder WithThreshold(double threshold) => new(Release, Recoder.Model, Recoder.Options with { Threshold = threshold });
}

[CollectionDefinition(Name)]
public sealed class RecodeCollection : ICollectionFixture<RecodeFixture>
{
    public const string Name = "recode";
}
