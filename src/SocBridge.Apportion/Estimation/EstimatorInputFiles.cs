using System.Globalization;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Estimation;

/// <summary>A margin file and its year, written <c>FILE:YEAR</c>; without <c>:YEAR</c> the year is the first year in the file name not joined to letters (<c>ashe_2022_soc2020.csv</c> → 2022).</summary>
public sealed record MarginFileSpec(string Path, int Year)
{
    /// <summary>Parses <c>FILE[:YEAR]</c>; false with the reason when no year can be found.</summary>
    public static bool TryParse(string text, out MarginFileSpec spec, out string error)
    {
        spec = new MarginFileSpec("", 0);
        error = "";
        var at = text.LastIndexOf(':');
        if (at > 0 && int.TryParse(text[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && text.Length - at - 1 == 4)
        {
            spec = new MarginFileSpec(text[..at], year);
            return true;
        }
        var name = System.IO.Path.GetFileNameWithoutExtension(text);
        var match = System.Text.RegularExpressions.Regex.Matches(name, @"(?<![\dA-Za-z])(19|20)\d{2}(?!\d)").FirstOrDefault();
        if (match is null)
        {
            error = $"'{text}': give the margins' year as FILE:YEAR (no year in the file name)";
            return false;
        }
        spec = new MarginFileSpec(text, int.Parse(match.Value, CultureInfo.InvariantCulture));
        return true;
    }
}

/// <summary>Where the estimator's inputs are and how to read them (the <c>weights fit</c> / <c>apportion --estimator calibrated</c> options).</summary>
/// <param name="SeriesPath">SOC2010 series CSV.</param>
/// <param name="SeriesYear">Year of the series.</param>
/// <param name="Margins">SOC2020 margin files with their years.</param>
/// <param name="CountColumn">The count column of the series; the margins use a column of the same name, else <c>total</c> or <c>margin</c> (as <c>--calibrate-to</c> files do).</param>
/// <param name="SeriesCodeColumn">Code column of the series.</param>
/// <param name="MarginsCodeColumn">Code column of the margins; null for <c>soc2020</c>, else <c>code</c>.</param>
/// <param name="Filters">Rows to keep, in the series and the margins alike (e.g. sex=all).</param>
/// <param name="SeriesSurvey">Survey of the series, when known.</param>
/// <param name="MarginsSurvey">Survey of the margins, when known; another survey than the series' makes the fit fall back to the prior.</param>
public sealed record EstimatorInputFiles(
    string SeriesPath,
    int SeriesYear,
    IReadOnlyList<MarginFileSpec> Margins,
    string CountColumn,
    string SeriesCodeColumn,
    string? MarginsCodeColumn = null,
    IReadOnlyList<ColumnFilter>? Filters = null,
    string? SeriesSurvey = null,
    string? MarginsSurvey = null)
{
    /// <summary>Reads every file (data errors name file, line, column and value) and hashes them for the manifest.</summary>
    public (EstimatorInputs Inputs, IReadOnlyList<FitInputFile> Files) Read(SocRelease release)
    {
        var filters = Filters ?? [];
        var series = LeveledCountsCsv.Read(SeriesPath, SocVersion.Soc2010, SeriesCodeColumn, CountColumn, filters, release.Soc2010);
        var margins = new List<MarginYear>();
        var files = new List<FitInputFile> { FitInputFile.Of("series", SeriesPath) };
        foreach (var spec in Margins)
        {
            var column = MarginsCodeColumn ?? (HasColumn(spec.Path, "soc2020") ? "soc2020" : "code");
            var count = new[] { CountColumn, "total", "margin" }.FirstOrDefault(c => HasColumn(spec.Path, c)) ?? CountColumn;
            margins.Add(new MarginYear(spec.Year, LeveledCountsCsv.Read(spec.Path, SocVersion.Soc2020, column, count, filters, release.Soc2020), MarginsSurvey));
            files.Add(FitInputFile.Of($"margins {spec.Year}", spec.Path));
        }
        foreach (var dup in margins.GroupBy(m => m.Year).Where(g => g.Count() > 1))
            throw new InvalidDataException($"two margin files are for {dup.Key}: {string.Join(", ", dup.Select(m => m.Counts.Source))}");
        return (new EstimatorInputs(series, SeriesYear, margins, SeriesSurvey), files);
    }

    /// <summary>Whether the CSV file's header names <paramref name="column"/>.</summary>
    internal static bool HasColumn(string path, string column)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? "";
        return header.Split(',').Any(h => h.Trim().Trim('"').TrimStart('\uFEFF') == column);
    }
}
