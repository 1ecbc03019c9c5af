using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

[Collection(ReleaseCollection.Name)]
public sealed class SocCodeOrderTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    [Fact]
    public void Codes_order_as_their_text_in_ordinal_order_for_every_pair_of_groups()
    {
        foreach (var version in SocVersions.All)
        {
            var codes = SocLevels.All.SelectMany(l => _release.Hierarchy(version).AtLevel(l)).Select(g => g.Code).ToArray();
            foreach (var a in codes)
                foreach (var b in codes)
                    Assert.Equal(Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString())), a.CompareTo(b));
        }
        Assert.True(SocCode.Parse("9999", SocVersion.Soc2010).CompareTo(SocCode.Parse("1111", SocVersion.Soc2020)) < 0);
    }
}
