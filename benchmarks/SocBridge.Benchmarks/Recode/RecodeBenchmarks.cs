using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SocBridge.Core.Release;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Recoding;

namespace SocBridge.Benchmarks.Recode;

/// <summary>
/// End-to-end cost as shipped: each operation builds the recoder (classifier training and confidence
/// calibration included) or the coder from the loaded release, then recodes every index title or
/// codes 10,000 free-text titles. One operation takes seconds, so few iterations are run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RecodeBenchmarks
{
    private SocRelease _release = null!;
    private RecodeInput[] _indexTitles = [];
    private string?[] _freeText = [];

    [GlobalSetup]
    public void Setup()
    {
        _release = SocRelease.LoadEmbedded();
        _indexTitles = [.. _release.Index.Entries.Select(e => new RecodeInput(e.QualifiedTitle, e.Soc2010?.ToString()))];
        var random = new Random(1);
        _freeText = [.. _release.Index.Entries.Where(e => !e.IsSeeReference).OrderBy(_ => random.Next()).Take(10_000)
            .Select(e => (string?)(random.Next(2) == 0 ? Perturbation.Typo(e.QualifiedTitle, random) : Perturbation.ExtraWords(e.QualifiedTitle, random)))];
    }

    [Benchmark(Description = "build recoder + recode all 32,195 index titles")]
    public int RecodeWholeIndex()
    {
        var recoder = Recoder.Create(new RecodeCorpus(_release));
        return recoder.RecodeAll(_indexTitles).Count(r => r.IsCoded);
    }

    [Benchmark(Description = "build coder + code 10,000 free-text titles")]
    public int CodeFreeText()
    {
        var coder = FreeTextCoder.Create(new RecodeCorpus(_release));
        return coder.CodeAll(_freeText).Count(r => r.Best is not null);
    }
}
