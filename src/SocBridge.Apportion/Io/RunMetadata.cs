using System.Text.Json;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Io;

/// <summary>The sidecar <c>OUT.csv.meta.json</c>: how the series was translated, with what, and the reconciliation.</summary>
public static class RunMetadata
{
    public static void Write(string path, SocRelease release, CsvRunRequest request, ApportionResult result, int rejects, IReadOnlyList<string> ignoredColumns)
    {
        var o = request.Options;
        var document = new
        {
            release_id = release.ReleaseId,
            licence = release.Manifest.Licence,
            attribution = release.Manifest.Attribution,
            input = Path.GetFileName(request.InputPath),
            from = "SOC" + o.From.Year(),
            to = "SOC" + o.To.Year(),
            code_column = o.CodeColumn,
            target_column = o.To.ColumnName(),
            dimensions = result.Dimensions.Columns,
            ignored_columns = ignoredColumns,
            target_level = o.ToLevel is { } l ? (int?)l : null,
            weights = o.Selection.ToString(),
            sex_column = o.SexColumn,
            residual_policy = o.Residual == ResidualPolicy.Renormalise ? "renormalise" : "unallocated",
            interval = o.Interval is { } p
                ? new { probability = p, method = "Dirichlet posterior of each source group's shares (joint sample counts as parameters); exact mean and variance per cell, Beta interval with the same moments" }
                : null,
            duplicates = o.SumDuplicates ? "summed" : "rejected",
            columns = o.Values.Select(v => new
            {
                name = v.Name,
                kind = v.Kind.ToString().ToLowerInvariant(),
                weighted_by = v.WeightColumn,
                note = v.Kind switch
                {
                    ValueKind.Count => "shared out by weight and summed",
                    ValueKind.Mean => "employment-weighted average of the contributing source groups",
                    _ => "approximation: employment-weighted average of the contributing source groups' medians (a median of a merged group is not the average of medians)",
                },
            }),
            reconciliation = result.Reconciliation,
            calibration = result.Calibration is { } c
                ? new
                {
                    column = c.Column, iterations = c.Iterations, converged = c.Converged, stop_reason = c.StopReason, strength = c.Strength,
                    series_total = c.SeriesTotal, margin_total = c.MarginTotal, margin_scale = c.MarginScale,
                    max_absolute_misfit = c.MaxAbsoluteMisfit, max_weight_change = c.MaxWeightChange, mean_weight_change = c.MeanWeightChange,
                    conflicts = c.Conflicts,
                }
                : null,
            rejects,
            output_rows = result.Cells.Count,
            fallbacks = result.ShareSets.Where(s => s.IsFallback).Select(s => new
            {
                source = s.Source.ToString(),
                requested = s.Requested.ToString(),
                used = s.Used.ToString(),
                reason = s.FallbackReason,
            }),
        };
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(document, ReleaseManifest.JsonOptions) + "\n"));
    }
}
