using BenchmarkDotNet.Attributes;
using SocBridge.Core.Release;

namespace SocBridge.Benchmarks.Apportion;

/// <summary>The in-memory engine over a generated 4-dimension series (rows already parsed and interned).</summary>
[MemoryDiagnoser]
public class ApportionBenchmarks
{
    private InMemorySeries _series = null!;

    [Params(1_000_000, 10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _series = new InMemorySeries(SocRelease.LoadEmbedded(), Rows);

    [Benchmark]
    public int Apportion() => _series.Run().Cells.Count;
}
