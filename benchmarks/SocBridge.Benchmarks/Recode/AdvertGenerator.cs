using System.Globalization;
using System.Text;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;
using SocBridge.Recode.Evaluation;

namespace SocBridge.Benchmarks.Recode;

/// <summary>
/// A seeded file of job adverts made from the coding index, for the advert-coding benchmark. Each advert
/// draws an index title by a Zipf-like popularity (the entries in a seeded random order, entry r drawn with
/// weight 1 / (r + 10)^1.1, so a few titles are very common and most appear rarely), then dresses it as an
/// advert: seniority and contract words, places, pay and hours (one advert in three), upper or lower case,
/// common short forms, and a one-letter typo in one advert in twenty-five. Columns: advert_id, job_title,
/// soc2010 (the entry's code, as a vacancy system coded it), sic2007 (the division of the entry's industry
/// qualifier where it has one, else blank) and location.
/// </summary>
public static class AdvertGenerator
{
    private static readonly string[] Prefixes = ["Senior", "Junior", "Trainee", "Part-time", "Temporary", "Experienced", "Lead", "Graduate", "Assistant"];
    private static readonly string[] Suffixes =
        [" - London", " (Manchester)", " - part time", " £24k", " - immediate start", " Leeds", " - Full Time", " (Temp to Perm)",
         " - £11.50ph", " - Bristol", " - Nights", " x2", " - Urgent", " (Fixed Term)", " - Glasgow", " - Hybrid"];
    private static readonly (string Long, string Short)[] ShortForms =
        [("Manager", "Mgr"), ("Assistant", "Asst"), ("Administrator", "Admin"), ("Technician", "Tech"), ("Engineer", "Eng"),
         ("Supervisor", "Supv"), ("Representative", "Rep"), ("Department", "Dept"), ("Senior", "Snr")];
    private static readonly string[] Locations = ["London", "Birmingham", "Manchester", "Leeds", "Glasgow", "Cardiff", "Bristol", "Belfast", "Remote", "Newcastle"];

    public static int WriteCsv(string path, long rows, int seed)
    {
        var release = SocRelease.LoadEmbedded();
        var entries = release.Index.Entries.Where(e => e.Soc2010 is not null && e.Soc2020 is not null && e.Title.Length > 0).ToArray();
        var random = new Random(seed);
        random.Shuffle(entries);
        var cumulative = new double[entries.Length];
        var total = 0.0;
        for (var r = 0; r < entries.Length; r++) cumulative[r] = total += 1 / Math.Pow(r + 10, 1.1);
        var industry = entries.Select(e => e.IndustryQualifier.Length == 0 ? "" : IndustrySimulation.For(e.IndustryQualifier) is (var code, true) ? code : "").ToArray();
        AtomicFile.WriteText(path, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow("advert_id", "job_title", "soc2010", "sic2007", "location");
            for (long i = 0; i < rows; i++)
            {
                var u = random.NextDouble() * total;
                var r = Array.BinarySearch(cumulative, u);
                if (r < 0) r = Math.Min(~r, entries.Length - 1);
                var e = entries[r];
                csv.Write($"A{i + 1:D8}");
                csv.Write(Dress(e.Title, random));
                csv.Write(e.Soc2010!.Value.ToString());
                csv.Write(industry[r]);
                csv.Write(Locations[random.Next(Locations.Length)]);
                csv.EndRow();
            }
            csv.Flush();
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {rows:N0} adverts from {entries.Length:N0} index entries (seed {seed}) to {path}"));
        return 0;
    }

    private static string Dress(string title, Random random)
    {
        var t = title;
        if (random.Next(20) == 0)
        {
            var (l, s) = ShortForms[random.Next(ShortForms.Length)];
            t = t.Replace(l, s, StringComparison.OrdinalIgnoreCase);
        }
        if (random.Next(25) == 0) t = Perturbation.Typo(t, random);
        if (random.Next(3) == 0)
        {
            t = random.Next(3) switch
            {
                0 => $"{Prefixes[random.Next(Prefixes.Length)]} {t}",
                1 => t + Suffixes[random.Next(Suffixes.Length)],
                _ => $"{Prefixes[random.Next(Prefixes.Length)]} {t}{Suffixes[random.Next(Suffixes.Length)]}",
            };
        }
        return random.Next(10) switch
        {
            0 => t.ToUpperInvariant(),
            1 => t.ToLowerInvariant(),
            2 or 3 => TitleCase(t),
            _ => t,
        };
    }

    private static string TitleCase(string t)
    {
        var sb = new StringBuilder(t.Length);
        var start = true;
        foreach (var c in t)
        {
            sb.Append(start ? char.ToUpperInvariant(c) : c);
            start = c is ' ' or '-' or '(';
        }
        return sb.ToString();
    }
}
