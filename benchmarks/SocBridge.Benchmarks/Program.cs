using BenchmarkDotNet.Running;
using SocBridge.Benchmarks.Apportion;

// `generate FILE ROWS` writes a synthetic series for the end-to-end script; `throughput ROWS` times the
// in-memory engine once; `adverts FILE ROWS [SEED]` writes a seeded advert file for benchmarks/adverts-e2e.sh; anything else goes to BenchmarkDotNet (e.g. --filter '*Apportion*' --job short).
return args switch
{
    ["generate", var file, var rows] => SeriesGenerator.WriteCsv(file, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)),
    ["startup"] => SocBridge.Benchmarks.StartupPhases.Run(),
    ["adverts", var file, var rows] => SocBridge.Benchmarks.Recode.AdvertGenerator.WriteCsv(file, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture), 1),
    ["adverts", var file, var rows, var seed] => SocBridge.Benchmarks.Recode.AdvertGenerator.WriteCsv(file, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture)),
    ["throughput", var rows] => InMemoryThroughput.Run(int.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(SeriesGenerator).Assembly).Run(args);
    return 0;
}
