using BenchmarkDotNet.Attributes;
using SocBridge.Core.Release;

namespace SocBridge.Benchmarks.Lookup;

/// <summary>
/// Title search computed afresh (no response cache), one query at a time on one thread: every 97th
/// coding-index title (in record order) made only of letters and spaces, lower-cased, as the load test's
/// search sample is made (315 queries here; the load test reads the release file and keeps 69). Each
/// operation is one query. "30 hits" is <c>GET /v1/search</c>; "900 hits" is what a search kept to one title
/// per unit group of an edition (<c>soc=2010|2020</c>, and the compatibility search) reads.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private SocRelease _release = null!;
    private string[] _queries = [];

    [GlobalSetup]
    public void Setup()
    {
        _release = SocRelease.LoadEmbedded();
        _queries = [.. _release.Index.Entries
            .Select(e => e.Title)
            .Where(t => t.Length > 0 && t.All(c => char.IsLetter(c) || c == ' '))
            .Where((_, i) => (i + 1) % 97 == 0)
            .Select(t => t.ToLowerInvariant())];
        foreach (var q in _queries) _release.Index.Search(q, 30);
    }

    /// <summary>The number of queries in the sample (each benchmark operation runs them all).</summary>
    public const int Queries = 315;

    [Benchmark(Description = "search, 30 hits", OperationsPerInvoke = Queries)]
    public int Search30() => Run(30);

    [Benchmark(Description = "search, 900 hits", OperationsPerInvoke = Queries)]
    public int Search900() => Run(900);

    private int Run(int limit)
    {
        if (_queries.Length != Queries) throw new InvalidOperationException($"the sample has {_queries.Length} queries, not {Queries}");
        var hits = 0;
        foreach (var q in _queries) hits += _release.Index.Search(q, limit).Count;
        return hits;
    }
}
