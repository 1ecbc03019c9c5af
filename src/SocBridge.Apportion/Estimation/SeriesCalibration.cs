using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Estimation;

/// <summary>
/// How a file run chooses its weights with the calibrated estimator: fitted now to the same survey's SOC2020
/// margin files (<see cref="Margins"/>), or loaded from a folder fitted before (<see cref="WeightsFrom"/>).
/// </summary>
public sealed record EstimatorRequest
{
    /// <summary>SOC2020 margin files of the same survey, each with its year.</summary>
    public IReadOnlyList<MarginFileSpec> Margins { get; init; } = [];

    /// <summary>The year of the series; null takes the nearest margin year when there is one margin file.</summary>
    public int? SeriesYear { get; init; }

    /// <summary>The estimator's parameters (γ, year decay, filling suppressed values, …).</summary>
    public EstimatorOptions Options { get; init; } = new();

    /// <summary>Rows of the series (and of the margins) the fit reads, such as <c>sex=all</c>; all rows when empty.</summary>
    public IReadOnlyList<ColumnFilter> Filters { get; init; } = [];

    /// <summary>The count column fitted (null: the first count column).</summary>
    public string? Column { get; init; }

    /// <summary>A fitted-weights folder to apply instead of fitting (written by <c>weights fit</c>).</summary>
    public string? WeightsFrom { get; init; }

    /// <summary>Every problem that can be found without reading a file.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Options.Validate());
        if (WeightsFrom is null && Margins.Count == 0) errors.Add("the calibrated estimator needs margin files (--margins FILE[:YEAR]) or fitted weights (--weights-from DIR)");
        if (WeightsFrom is not null && Margins.Count > 0) errors.Add("give either margin files to fit or a fitted-weights folder, not both");
        if (WeightsFrom is null && Margins.Count > 1 && SeriesYear is null) errors.Add("with several margin years, give the series' year (--series-year) so the nearest years weigh most");
        foreach (var dup in Margins.GroupBy(m => m.Year).Where(g => g.Count() > 1)) errors.Add($"two margin files are for {dup.Key}");
        return errors;
    }
}

/// <summary>What the calibrated estimator did for a run: the weights used and, when fitted now, the fit.</summary>
public sealed record SeriesCalibrationResult(FittedWeights Weights, CalibratedFit? Fit, FitManifest? Loaded, string? WeightsFrom, IReadOnlyList<FitInputFile> Inputs);

/// <summary>Fits (or loads) the calibrated weights of a file run before its rows are read.</summary>
internal static class SeriesCalibration
{
    public static SeriesCalibrationResult Prepare(SocRelease release, EstimatorRequest request, ApportionOptions options, SeriesLayout layout, Func<ITableReader> openTable, string inputPath)
    {
        if (options.From != SocVersion.Soc2010)
            throw new ArgumentException("the calibrated estimator translates SOC2010 to SOC2020; use the ONS weights going back", nameof(options));
        if (request.WeightsFrom is { } folder)
        {
            var loaded = FittedWeightsFolder.Load(folder, release);
            return new SeriesCalibrationResult(loaded.Weights, null, loaded.Manifest, loaded.Location, []);
        }
        var column = request.Column ?? options.Counts.FirstOrDefault()?.Name
            ?? throw new ArgumentException("the calibrated estimator fits a count column; declare one", nameof(options));
        var margins = request.Margins.Select(spec =>
        {
            var code = EstimatorInputFiles.HasColumn(spec.Path, "soc2020") ? "soc2020" : "code";
            var count = new[] { column, "total", "margin" }.FirstOrDefault(c => EstimatorInputFiles.HasColumn(spec.Path, c)) ?? column;
            var filters = request.Filters.Where(f => EstimatorInputFiles.HasColumn(spec.Path, f.Column)).ToArray();
            return new MarginYear(spec.Year, LeveledCountsCsv.Read(spec.Path, SocVersion.Soc2020, code, count, filters, release.Soc2020));
        }).ToArray();
        var series = SeriesCounts(release, layout, column, request.Filters, openTable, inputPath);
        var year = request.SeriesYear ?? request.Margins[0].Year;
        var fit = new CalibratedEstimator(release).Fit(new EstimatorInputs(series, year, margins), request.Options);
        var inputs = request.Margins.Select(m => FitInputFile.Of($"margins {m.Year}", m.Path)).ToArray();
        return new SeriesCalibrationResult(fit.ToWeights(), fit, null, null, inputs);
    }

    /// <summary>
    /// The series' totals by SOC2010 group for fitting: the fitted count column summed over every row that
    /// passes the filters (codes at any level; the coarser ones serve as totals to fill suppressed units).
    /// </summary>
    private static LeveledCounts SeriesCounts(SocRelease release, SeriesLayout layout, string column, IReadOnlyList<ColumnFilter> filters, Func<ITableReader> openTable, string inputPath)
    {
        var header = layout.Header.ToList();
        var filterOrdinals = filters.Select(f => (f.Value, Ordinal: header.IndexOf(f.Column), f.Column)).ToArray();
        foreach (var f in filterOrdinals.Where(f => f.Ordinal < 0))
            throw new InvalidDataException($"{inputPath}: the fit filter names column '{f.Column}', which is not in the header");
        var valueOrdinal = header.IndexOf(column);
        var labels = new CodeLabels(release.Soc2010, SocVersion.Soc2010);
        var values = new Dictionary<SocCode, double?>();
        using var table = openTable();
        while (table.Read())
        {
            if (table.FieldCount != header.Count) continue;
            var keep = true;
            foreach (var f in filterOrdinals) keep &= table.Field(f.Ordinal).Trim().SequenceEqual(f.Value);
            if (!keep) continue;
            var code = labels.Resolve(table.Field(layout.CodeOrdinal));
            if (code.Error is not null || code.IsTotal) continue;
            var status = ValueParser.Parse(table.Field(valueOrdinal), nonNegative: true, out var v);
            if (status == CellStatus.Ok) values[code.Code] = (values.GetValueOrDefault(code.Code) ?? 0) + v;
            else values.TryAdd(code.Code, null);
        }
        if (values.Count == 0)
            throw new InvalidDataException($"{inputPath}: no row with a SOC2010 code{(filters.Count > 0 ? $" matches {string.Join(", ", filters.Select(f => $"{f.Column}={f.Value}"))}" : "")}; nothing to fit the calibrated weights to");
        return new LeveledCounts(SocVersion.Soc2010, values, Path.GetFileName(inputPath));
    }
}
