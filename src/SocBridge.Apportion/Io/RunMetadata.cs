using System.Text.Json.Nodes;
using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Io;

/// <summary>
/// The sidecar <c>OUT.meta.json</c>: how the series was translated, from what, with what; the reconciliation,
/// the total-row checks and warnings; and the files of the run with their SHA-256, so a reader can check that
/// the output, rejects and audit beside it belong to this run.
/// </summary>
internal static class RunMetadata
{
    /// <summary>Writes the metadata of <paramref name="report"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SocRelease release, SeriesFileReport report)
    {
        var request = report.Request;
        var result = report.Result;
        var o = report.Options;
        var input = new FileInfo(request.InputPath);
        var document = new JsonObject
        {
            ["release_id"] = release.ReleaseId,
            ["licence"] = release.Manifest.Licence,
            ["attribution"] = release.Manifest.Attribution,
            ["input"] = new JsonObject
            {
                ["file"] = Path.GetFileName(request.ShownInput),
                ["read_as"] = report.InputDescription,
                ["kind"] = InputFormat.ByExtension(request.InputPath).ToString().ToLowerInvariant(),
                ["delimiter"] = InputFormat.ByExtension(request.InputPath) == InputKind.Csv ? request.Dialect.DelimiterName : null,
                ["encoding"] = InputFormat.ByExtension(request.InputPath) == InputKind.Csv ? request.Dialect.EncodingName : null,
                ["bytes"] = input.Length,
                ["modified_utc"] = input.LastWriteTimeUtc.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            },
            ["from"] = "SOC" + o.From.Year(),
            ["to"] = "SOC" + o.To.Year(),
            ["code_column"] = o.CodeColumn,
            ["target_column"] = o.To.ColumnName(),
            ["target_titles"] = request.Titles ? o.To.ColumnName() + "_title" : null,
            ["dimensions"] = MetadataJson.Strings(report.Dimensions),
            ["ignored_columns"] = MetadataJson.Strings(report.IgnoredColumns),
            ["column_warnings"] = MetadataJson.Array(report.ColumnWarnings, w => new JsonObject { ["column"] = w.Column, ["message"] = w.Message }),
            ["target_level"] = o.ToLevel is { } l ? (int)l : null,
            ["weights"] = report.Estimator is null ? o.Selection.ToString() : "calibrated",
            ["estimator"] = Estimator(report),
            ["sex_column"] = o.SexColumn,
            ["residual_policy"] = o.Residual == ResidualPolicy.Renormalise ? "renormalise" : "unallocated",
            ["interval"] = o.Interval is { } p
                ? new JsonObject { ["probability"] = p, ["method"] = "Dirichlet posterior of each source group's shares (joint sample counts as parameters); exact mean and variance per cell, Beta interval with the same moments; counts only" }
                : null,
            ["duplicates"] = o.SumDuplicates ? "summed" : "rejected",
            ["rounding"] = request.Decimals is { } d
                ? $"values written rounded to {d} decimals (half away from zero); the reconciliation and checks use the unrounded values"
                : "values written in full (shortest exact form)",
            ["columns"] = MetadataJson.Array(o.Values, v => new JsonObject
            {
                ["name"] = v.Name,
                ["kind"] = v.KindName,
                ["weighted_by"] = v.Kind == ValueKind.Attribute ? $"joint sample counts of the {o.Selection} weights" : v.WeightColumn,
                ["note"] = Note(v.Kind),
            }),
            ["reconciliation"] = MetadataJson.Node(result.Reconciliation, MetadataJson.Context.RunReconciliation),
            ["total_rows"] = new JsonObject
            {
                ["rows"] = result.Reconciliation.TotalRows,
                ["note"] = "rows whose code is a total label (All occupations, Total, All persons, All): not counted in 'total in', checked against the sum of the data rows with the same dimensions",
                ["checks"] = MetadataJson.Array(result.TotalChecks, t => new JsonObject
                {
                    ["line"] = t.Line, ["label"] = t.Label, ["dimensions"] = MetadataJson.Strings(t.Dimensions), ["column"] = t.Column, ["stated"] = t.Stated,
                    ["data_sum"] = t.DataSum, ["difference"] = t.Difference, ["matches"] = t.Matches,
                }),
            },
            ["code_labels"] = new JsonObject
            {
                ["labelled_codes"] = result.LabelledCodes,
                ["title_mismatches"] = MetadataJson.Array(result.TitleMismatches, m => new JsonObject
                {
                    ["line"] = m.Line, ["label"] = m.Label, ["code"] = m.Code, ["given_title"] = m.GivenTitle, ["release_title"] = m.ReleaseTitle,
                    ["note"] = "the code was used as given; only the title differs",
                }),
            },
            ["calibration"] = result.Calibration is { } c
                ? new JsonObject
                {
                    ["column"] = c.Column, ["iterations"] = c.Iterations, ["converged"] = c.Converged, ["stop_reason"] = c.StopReason, ["strength"] = c.Strength,
                    ["series_total"] = c.SeriesTotal, ["margin_total"] = c.MarginTotal, ["margin_scale"] = c.MarginScale,
                    ["max_absolute_misfit"] = c.MaxAbsoluteMisfit, ["max_weight_change"] = c.MaxWeightChange, ["mean_weight_change"] = c.MeanWeightChange,
                    ["conflicts"] = MetadataJson.Strings(c.Conflicts),
                }
                : null,
            ["rejects"] = report.Rejects,
            ["output_rows"] = report.OutputRows,
            ["reading"] = new JsonObject
            {
                ["streamed"] = report.Reading.Streamed,
                ["windows"] = report.Reading.Windows,
                ["reordered"] = report.Reading.Reordered,
                ["read_whole_because"] = report.Reading.Reason,
            },
            ["fallbacks"] = MetadataJson.Array(result.ShareSets.Where(s => s.IsFallback), s => new JsonObject
            {
                ["source"] = s.Source.ToString(),
                ["requested"] = s.Requested.ToString(),
                ["used"] = s.Used.ToString(),
                ["reason"] = s.FallbackReason,
            }),
            ["files"] = MetadataJson.Array(report.Files, f => new JsonObject { ["role"] = f.Role, ["path"] = f.Path, ["bytes"] = f.Bytes, ["sha256"] = f.Sha256 }),
        };
        using var writer = new StreamWriter(path, false, CsvFieldWriter.Utf8NoBom);
        writer.Write(document.ToJsonString(ReleaseJson.Options) + "\n");
    }

    /// <summary>The estimator of the weights: the ONS weights as published, or the calibrated estimator's fit (or its folder).</summary>
    private static JsonObject Estimator(SeriesFileReport report)
    {
        if (report.Estimator is not { } e)
            return new JsonObject { ["name"] = "ons", ["method"] = "the ONS dual-coded proportions of the chosen weight set, as published" };
        if (e.Fit is not { } fit)
            return new JsonObject
            {
                ["name"] = "calibrated", ["method"] = "family-anchored soft raking", ["weights_from"] = e.WeightsFrom,
                ["fitted"] = e.Loaded is { } m
                    ? new JsonObject
                    {
                        ["parameters"] = MetadataJson.Node(m.Parameters, MetadataJson.Context.FitParameters),
                        ["margin_years"] = MetadataJson.Node(m.MarginYears, MetadataJson.Context.IReadOnlyListMarginYearWeight),
                        ["fit"] = MetadataJson.Node(m.Fit, MetadataJson.Context.FitSummary),
                        ["inputs"] = MetadataJson.Node(m.Inputs, MetadataJson.Context.IReadOnlyListFitInputFile),
                    }
                    : null,
            };
        return new JsonObject
        {
            ["name"] = "calibrated",
            ["method"] = "family-anchored soft raking: the pooled LFS/Census prior raked softly to same-survey SOC2020 margins within crosswalk families",
            ["gamma"] = fit.Options.Gamma,
            ["year_decay"] = fit.Options.YearDecay,
            ["fill_suppressed"] = fit.Options.FillSuppressed,
            ["series_year"] = fit.SeriesYear,
            ["margin_years"] = MetadataJson.Node(fit.Years, MetadataJson.Context.IReadOnlyListMarginYearWeight),
            ["margins"] = MetadataJson.Array(e.Inputs, i => new JsonObject { ["role"] = i.Role, ["file"] = i.File, ["bytes"] = i.Bytes, ["sha256"] = i.Sha256 }),
            ["passes"] = fit.Passes,
            ["converged"] = fit.Converged,
            ["stop_reason"] = fit.StopReason,
            ["used_prior"] = fit.UsedPrior,
            ["reallocated_share"] = fit.ReallocatedShare,
            ["pairs"] = fit.Pairs.Count,
            ["families"] = fit.Families,
            ["constraint_sets"] = fit.Sets.Count,
            ["max_relative_residual"] = fit.MaxRelativeResidual,
            ["moved_pairs"] = MetadataJson.Array(fit.MovedPairs, p => new JsonObject { ["soc2010"] = p.Soc2010.ToString(), ["soc2020"] = p.Soc2020.ToString(), ["before"] = p.Prior, ["after"] = p.Fitted }),
            ["notes"] = MetadataJson.Strings(fit.Notes),
            ["files"] = "every pair's weight before and after in OUT.weight-moves.csv; every constraint set's target, fit and residual in OUT.calibration.csv",
        };
    }

    private static string Note(ValueKind kind) => kind switch
    {
        ValueKind.Count => "non-negative count: shared out by weight and summed; conserved",
        ValueKind.Flow => "signed flow: shared out by weight and summed; conserved, positive and negative parts reported",
        ValueKind.Mean => "employment-weighted average of the contributing source groups",
        ValueKind.Attribute => "attribute of the code: average of the contributing source groups weighted by the pairs' joint sample counts (not a count: not conserved)",
        _ => "approximation: employment-weighted average of the contributing source groups' medians (a median of a merged group is not the average of medians)",
    };
}
