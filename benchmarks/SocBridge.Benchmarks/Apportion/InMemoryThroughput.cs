using System.Diagnostics;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Benchmarks.Apportion;

/// <summary>Prepared in-memory rows (codes resolved, dimensions interned) and one timed run of the engine over them.</summary>
public sealed class InMemorySeries
{
    public InMemorySeries(SocRelease release, int rows)
    {
        Release = release;
        var codes = release.Soc2010.UnitGroups.Select(g => g.Code).ToArray();
        Codes = new SocCode[rows];
        Tuples = new int[rows];
        Sexes = new SexSet[rows];
        Values = new double[rows];
        Prototype = Engine();
        PrimeValues(Prototype);
        Span<int> ids = stackalloc int[4];
        for (var i = 0; i < rows; i++)
        {
            var r = SeriesGenerator.Row(i, codes.Length);
            Codes[i] = codes[r.Code];
            ids[0] = r.Industry; ids[1] = r.Region; ids[2] = r.Sex; ids[3] = r.Year;
            Tuples[i] = Prototype.Dimensions.TupleId(ids);
            Sexes[i] = r.Sex == 0 ? SexSet.Men : SexSet.Women;
            Values[i] = r.Value;
        }
    }

    public SocRelease Release { get; }
    public SocCode[] Codes { get; }
    public int[] Tuples { get; }
    public SexSet[] Sexes { get; }
    public double[] Values { get; }
    public Apportioner Prototype { get; }

    private static readonly string[][] DimensionValues = [SeriesGenerator.Industries, SeriesGenerator.Regions, SeriesGenerator.Sexes, SeriesGenerator.Years];

    /// <summary>Interns every dimension value in array order, so a value's id is its index.</summary>
    private static void PrimeValues(Apportioner engine)
    {
        for (var d = 0; d < DimensionValues.Length; d++)
            foreach (var v in DimensionValues[d]) engine.Dimensions.ValueId(d, v);
    }

    public Apportioner Engine() => new(Release, new ApportionOptions
    {
        From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")], SexColumn = "sex", SumDuplicates = true,
    }, ["industry", "region", "sex", "year"]);

    /// <summary>Adds every row to a fresh engine (reusing the interned dimensions) as columns, and finishes.</summary>
    public ApportionResult Run() => Run(out _);

    public ApportionResult Run(out TimeSpan adding)
    {
        var clock = Stopwatch.StartNew();
        var engine = Engine();
        PrimeValues(engine);
        Span<int> ids = stackalloc int[4];
        for (var t = 0; t < Prototype.Dimensions.Count; t++)
        {
            var tuple = Prototype.Dimensions.Tuple(t).ToArray();
            for (var d = 0; d < 4; d++) ids[d] = engine.Dimensions.ValueId(d, tuple[d]);
            engine.Dimensions.TupleId(ids);
        }
        engine.AddColumns(new SeriesColumns(Tuples, Codes, Sexes, [Values]));
        adding = clock.Elapsed;
        return engine.Finish();
    }
}

public static class InMemoryThroughput
{
    public static int Run(int rows)
    {
        var release = SocRelease.LoadEmbedded();
        var prepare = Stopwatch.StartNew();
        var series = new InMemorySeries(release, rows);
        Console.WriteLine($"prepared {rows:N0} rows in {prepare.Elapsed.TotalSeconds:0.00} s ({series.Prototype.Dimensions.Count:N0} dimension tuples)");
        series.Run(); // warm up
        var best = TimeSpan.MaxValue;
        ApportionResult? result = null;
        for (var run = 1; run <= 3; run++)
        {
            var sw = Stopwatch.StartNew();
            result = series.Run(out var adding);
            sw.Stop();
            best = sw.Elapsed < best ? sw.Elapsed : best;
            Console.WriteLine($"run {run}: adding rows {adding.TotalSeconds:0.000} s ({rows / adding.TotalSeconds / 1e6:0.00} million rows/s), " +
                              $"sharing out {(sw.Elapsed - adding).TotalSeconds:0.000} s; {rows / sw.Elapsed.TotalSeconds / 1e6:0.00} million rows/s");
        }
        Console.WriteLine($"best: {rows:N0} rows in {best.TotalSeconds:0.000} s = {rows / best.TotalSeconds / 1e6:0.00} million rows/s; " +
                          $"{result!.Cells.Count:N0} output cells; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        Console.WriteLine($"totals: in {result.Reconciliation.Columns[0].In:N0}, out {result.Reconciliation.Columns[0].Out:N0}, balances: {result.Reconciliation.Balances}");
        return 0;
    }
}
