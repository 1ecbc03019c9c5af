using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Core;

[Collection(ReleaseCollection.Name)]
public class CodeLookupResultTests(ReleaseFixture fixture)
{
    private readonly CodeLookup _lookup = new(fixture.Release);

    [Fact]
    public void A_known_code_resolves_looks_up_and_maps()
    {
        var resolved = _lookup.Resolve("SOC2010 2136", SocVersion.Soc2010);
        Assert.True(resolved.Success);
        Assert.Null(resolved.Failure);
        Assert.Equal(SocCode.Parse("2136", SocVersion.Soc2010), resolved.Value);

        var details = _lookup.Lookup("2136", SocVersion.Soc2010);
        Assert.True(details.TryGetValue(out var d));
        Assert.Equal("2136", d.Code.ToString());

        var mapped = _lookup.Map("2136", SocVersion.Soc2010, WeightSelection.Default);
        Assert.True(mapped.Success);
        Assert.Equal(fixture.Release.Crosswalk.Map(resolved.Value, WeightSelection.Default).Targets, mapped.Value.Targets);
    }

    [Theory]
    [InlineData("21a6", true)]
    [InlineData("", true)]
    [InlineData("2199", false)]
    [InlineData("99", false)]
    public void Bad_input_is_the_same_failure_for_resolve_lookup_and_map(string input, bool malformed)
    {
        var results = new (bool Success, LookupFailure? Failure)[]
        {
            Shape(_lookup.Resolve(input, SocVersion.Soc2020)),
            Shape(_lookup.Lookup(input, SocVersion.Soc2020)),
            Shape(_lookup.Map(input, SocVersion.Soc2020, WeightSelection.Default)),
        };
        foreach (var (success, failure) in results)
        {
            Assert.False(success);
            Assert.NotNull(failure);
            Assert.Equal(input, failure.Input);
            Assert.Equal(SocVersion.Soc2020, failure.Version);
            Assert.Equal(malformed, failure.Malformed);
            Assert.NotEmpty(failure.Suggestions);
            Assert.Equal(results[0].Failure, failure, new FailureComparer());
        }
    }

    [Fact]
    public void The_value_of_a_failure_throws_with_its_message()
    {
        var result = _lookup.Lookup("2199", SocVersion.Soc2010);
        Assert.False(result.TryGetValue(out var value));
        Assert.Null(value);
        var e = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Equal(result.Failure!.Message, e.Message);
        Assert.Equal(result.Failure.Message, result.ToString());
    }

    [Fact]
    public void Search_finds_index_titles()
    {
        var hits = _lookup.Search("software developer");
        Assert.NotEmpty(hits);
        Assert.Equal(fixture.Release.Index.Search("software developer"), hits);
    }

    private static (bool, LookupFailure?) Shape<T>(LookupResult<T> r) => (r.Success, r.Failure);

    private sealed class FailureComparer : IEqualityComparer<LookupFailure?>
    {
        public bool Equals(LookupFailure? x, LookupFailure? y) =>
            x is not null && y is not null && x.Input == y.Input && x.Version == y.Version && x.Malformed == y.Malformed &&
            x.Message == y.Message && x.Suggestions.SequenceEqual(y.Suggestions);

        public int GetHashCode(LookupFailure? obj) => obj?.Message.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
