using BenchmarkDotNet.Running;
using SocBridge.Benchmarks.Apportion;

// `generate FILE ROWS` writes a synthetic series for the end-to-end script; `throughput ROWS` times the
// in-memory engine once; anything else goes to BenchmarkDotNet (e.g. --filter '*Apportion*' --job short).
return args switch
{
    ["generate", var file, var rows] => SeriesGenerator.WriteCsv(file, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)),
    ["startup"] => SocBridge.Benchmarks.StartupPhases.Run(),
    ["throughput", var rows] => InMemoryThroughput.Run(int.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(SeriesGenerator).Assembly).Run(args);
    return 0;
}
