using System.Globalization;
using SocBridge.Core.Release;

namespace SocBridge.Benchmarks.Apportion;

/// <summary>
/// A synthetic Working-Futures-shaped series: SOC2010 unit group × industry × region × sex × year, with an
/// employment count. Deterministic for a given size; the dimensions repeat, so distinct cells stay bounded
/// (369 × 20 × 12 × 2 × 10 = 1.77 million) however many rows are generated.
/// </summary>
public static class SeriesGenerator
{
    public static readonly string[] Industries = [.. Enumerable.Range(0, 20).Select(i => ((char)('A' + i)).ToString())];
    public static readonly string[] Regions = ["E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006", "E12000007", "E12000008", "E12000009", "W92000004", "S92000003", "N92000002"];
    public static readonly string[] Sexes = ["male", "female"];
    public static readonly string[] Years = [.. Enumerable.Range(2016, 10).Select(y => y.ToString(CultureInfo.InvariantCulture))];

    public static string[] Codes(SocRelease release) => [.. release.Soc2010.UnitGroups.Select(g => g.Code.ToString())];

    /// <summary>Row <paramref name="i"/> as indexes into the dimension arrays (a cheap mixing of i).</summary>
    public static (int Code, int Industry, int Region, int Sex, int Year, double Value) Row(long i, int codes)
    {
        var h = (ulong)i * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        return ((int)(h % (ulong)codes), (int)((h >> 9) % 20), (int)((h >> 17) % 12), (int)((h >> 23) & 1), (int)((h >> 31) % 10), (h >> 40) % 5000);
    }

    public static int WriteCsv(string path, long rows)
    {
        var codes = Codes(SocRelease.LoadEmbedded());
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        w.Write("soc2010,industry,region,sex,year,employment\n");
        for (long i = 0; i < rows; i++)
        {
            var r = Row(i, codes.Length);
            w.Write(codes[r.Code]); w.Write(',');
            w.Write(Industries[r.Industry]); w.Write(',');
            w.Write(Regions[r.Region]); w.Write(',');
            w.Write(Sexes[r.Sex]); w.Write(',');
            w.Write(Years[r.Year]); w.Write(',');
            w.Write(r.Value.ToString(CultureInfo.InvariantCulture)); w.Write('\n');
        }
        return 0;
    }
}
