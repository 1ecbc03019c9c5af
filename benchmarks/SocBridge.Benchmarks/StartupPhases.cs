using System.Diagnostics;
using System.Globalization;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Benchmarks;

/// <summary>
/// Where the start-up of a command goes: the time from process start to Main, then reading the embedded
/// release, hashing it, and loading it whole (verify, parse, build the graph) and mapping one code, each
/// first cold (code compiled on first use) and then again warm. The difference is compilation and first-touch cost.
/// </summary>
public static class StartupPhases
{
    public static int Run()
    {
        var toMain = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.WriteLine($"  process start to Main (runtime start, host):  {Ms(toMain)}");
        for (var pass = 1; pass <= 2; pass++)
        {
            var label = pass == 1 ? "cold" : "warm";
            var source = new EmbeddedReleaseSource();
            var clock = Stopwatch.StartNew();
            var files = ReleaseFiles.DataFiles.Select(f => source.TryRead(f)!).ToArray();
            var read = clock.Elapsed;
            clock.Restart();
            foreach (var bytes in files) ReleaseVerifier.Sha256Hex(bytes);
            var hash = clock.Elapsed;
            clock.Restart();
            var release = SocRelease.LoadEmbedded();
            var load = clock.Elapsed;
            clock.Restart();
            var mapped = release.Crosswalk.Map(SocCode.Parse("2136", SocVersion.Soc2010), WeightSelection.Default);
            var map = clock.Elapsed;
            Console.WriteLine($"  {label}: read the embedded files {Ms(read)}, SHA-256 of {files.Sum(f => f.Length) / 1024} KiB {Ms(hash)}; " +
                              $"load the release (read, verify, parse, graph) {Ms(load)}; map 2136 {Ms(map)} ({mapped.Targets.Count} targets)");
        }
        return 0;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
