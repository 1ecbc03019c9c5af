using SocBridge.Core.Release;

namespace SocBridge.Tests.Support;

/// <summary>The committed release, loaded once for the tests that share it.</summary>
public sealed class ReleaseFixture
{
    public SocRelease Release { get; } = SocRelease.LoadEmbedded();
}

[CollectionDefinition(Name)]
public sealed class ReleaseCollection : ICollectionFixture<ReleaseFixture>
{
    public const string Name = "release";
}
