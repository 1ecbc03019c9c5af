using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Api.Services;

/// <summary>
/// POST /v1/apportion: reads a bounded JSON body, checks it field by field, translates the series with the
/// apportionment library and returns the series with its reconciliation, rejects and fallbacks.
/// </summary>
internal sealed class ApportionService(SocRelease release, IOptions<ApiOptions> options)
{
    /// <summary>The name rejects use for the code of a row.</summary>
    public const string CodeField = "code";

    private readonly ApiOptions _options = options.Value;

    public async Task<IResult> Apportion(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.Read(request, _options.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem.ToResult();
        ApportionRequest? series;
        try
        {
            series = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApportionRequest);
        }
        catch (JsonException e)
        {
            return JsonBody.Invalid(e, "apportionment request").ToResult();
        }
        if (series is null) return Invalid("body", "the body is null; send the series as a JSON object");

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var runOptions = Check(series, errors);
        if (runOptions is null || errors.Count > 0)
        {
            var first = errors.First();
            return new ApiProblem(StatusCodes.Status400BadRequest, "Invalid apportionment request",
                $"{first.Key}: {first.Value[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more problem(s); see errors)" : ""))
            {
                Parameter = first.Key,
                Errors = errors,
            }.ToResult();
        }

        var dimensions = series.Dimensions ?? [];
        var rows = series.Rows!.Select((r, i) => new SeriesRow(
            (r?.Dimensions ?? []).Select(d => d ?? "").ToArray(), r?.Code ?? "", r?.Values ?? [], i + 1));
        SeriesOutcome outcome;
        try
        {
            outcome = SeriesApportioner.Apportion(release, runOptions, dimensions, rows);
        }
        catch (ArgumentException e)
        {
            return Invalid("body", e.Message);
        }
        var json = ApiJson.Serialize(Response(series, runOptions, dimensions, outcome));
        return Results.Bytes(json, CachedJsonResult.ContentType);
    }

    /// <summary>
    /// Checks the request field by field, collecting every problem in <paramref name="errors"/> (in the order of the
    /// fields), and returns the run's options, or null when anything is wrong.
    /// </summary>
    private ApportionOptions? Check(ApportionRequest r, Dictionary<string, string[]> errors)
    {
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];
        var limits = _options.Apportion;

        var settings = CheckSettings(r, Add);
        var dimensions = r.Dimensions ?? [];
        CheckDimensions(dimensions, limits, Add);
        var values = CheckValues(r.Values, limits, Add);
        if (r.SexDimension is { } sexDimension && !dimensions.Contains(sexDimension, StringComparer.Ordinal))
            Add("sex_dimension", $"'{sexDimension}' is not one of the dimensions ({string.Join(", ", dimensions)})");
        CheckRows(r, limits, Add);
        if (errors.Count > 0) return null;

        var options = new ApportionOptions
        {
            From = settings.From,
            CodeColumn = CodeField,
            Values = values,
            Selection = settings.Selection,
            SexColumn = r.SexDimension,
            ToLevel = settings.Level,
            Residual = settings.Residual,
            Interval = r.Interval,
            SumDuplicates = r.SumDuplicates ?? false,
        };
        CheckColumns(options, dimensions, Add);
        return errors.Count > 0 ? null : options;
    }

    /// <summary>The run settings of a request: edition, target level, weights, residual policy (and the interval, checked only).</summary>
    private readonly record struct RunSettings(SocVersion From, SocLevel? Level, WeightSelection Selection, ResidualPolicy Residual);

    private static RunSettings CheckSettings(ApportionRequest r, Action<string, string> add)
    {
        SocVersion from = default;
        if (r.From is null) add("from", $"'from' is missing; give the edition of the codes, {RequestParameters.VersionsAllowed}");
        else if (!SocVersions.TryParse(r.From, out from)) add("from", $"'{r.From}' is not a SOC edition; 'from' must be {RequestParameters.VersionsAllowed}");

        SocLevel? level = null;
        if (r.Level is { } digits)
        {
            if (SocLevels.TryFromDigits(digits, out var l)) level = l;
            else add("level", $"{digits} is not a SOC level; 'level' must be {RequestParameters.LevelAllowed}");
        }
        if (RequestParameters.Selection(r.Weights, r.Sex, out var selection) is { } badSelection) add(badSelection.Parameter!, badSelection.Detail);

        var residual = ResidualPolicy.Renormalise;
        switch (r.Residual?.Trim().ToLowerInvariant())
        {
            case null or "renormalise" or "renormalize": break;
            case "unallocated": residual = ResidualPolicy.Unallocated; break;
            default: add("residual", $"'{r.Residual}' is not a residual policy; 'residual' must be renormalise (default) or unallocated"); break;
        }
        if (r.Interval is { } p && (p <= 0 || p >= 1 || !double.IsFinite(p)))
            add("interval", $"{p.ToString(CultureInfo.InvariantCulture)} is not a probability strictly between 0 and 1 (e.g. 0.95)");
        return new RunSettings(from, level, selection, residual);
    }

    private static void CheckDimensions(IReadOnlyList<string> dimensions, ApportionLimits limits, Action<string, string> add)
    {
        if (dimensions.Count > limits.MaxDimensions)
            add("dimensions", $"{dimensions.Count} dimensions; at most {limits.MaxDimensions} are accepted");
        for (var i = 0; i < dimensions.Count; i++)
            if (string.IsNullOrWhiteSpace(dimensions[i])) add($"dimensions[{i}]", "a dimension name is empty");
        foreach (var dup in dimensions.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1))
            add("dimensions", $"'{dup.Key}' is named twice");
    }

    /// <summary>The declared value columns; each one that cannot be used is a problem of its own field.</summary>
    private static List<ValueColumn> CheckValues(IReadOnlyList<ValueColumnRequest?>? declared, ApportionLimits limits, Action<string, string> add)
    {
        var values = new List<ValueColumn>();
        if (declared is not { Count: > 0 })
            add("values", "no value column is declared; give at least one, e.g. {\"name\": \"employment\", \"kind\": \"count\"}");
        else if (declared.Count > limits.MaxValueColumns)
            add("values", $"{declared.Count} value columns; at most {limits.MaxValueColumns} are accepted");
        else
            for (var i = 0; i < declared.Count; i++)
            {
                var v = declared[i];
                if (v is null || string.IsNullOrWhiteSpace(v.Name))
                {
                    add($"values[{i}].name", "a value column has no name");
                    continue;
                }
                switch (v.Kind?.Trim().ToLowerInvariant())
                {
                    case null or "count": values.Add(ValueColumn.Count(v.Name)); break;
                    case "mean" when v.WeightedBy is not null: values.Add(ValueColumn.Mean(v.Name, v.WeightedBy)); break;
                    case "median" when v.WeightedBy is not null: values.Add(ValueColumn.Median(v.Name, v.WeightedBy)); break;
                    case "mean" or "median":
                        add($"values[{i}].weighted_by", $"'{v.Name}' is a {v.Kind} and needs 'weighted_by', the name of the count column that weights it");
                        break;
                    default:
                        add($"values[{i}].kind", $"'{v.Kind}' is not a value kind; 'kind' must be count (default), mean or median");
                        break;
                }
            }
        return values;
    }

    private static void CheckRows(ApportionRequest r, ApportionLimits limits, Action<string, string> add)
    {
        if (r.Rows is null) add("rows", "'rows' is missing; give the series as an array of {\"dimensions\": [...], \"code\": \"2136\", \"values\": [...]}");
        else if (r.Rows.Count == 0) add("rows", "'rows' is empty; give at least one row");
        else if (r.Rows.Count > limits.MaxRows)
            add("rows", $"{r.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} rows; at most {limits.MaxRows.ToString("N0", CultureInfo.InvariantCulture)} are accepted in one request (split the series, or use 'socbridge apportion' for files)");
        else CheckMagnitudes(r.Rows, r.Values, add);
    }

    /// <summary>What only the assembled options show: the library's own checks, and names used as both a dimension and a value or the code.</summary>
    private static void CheckColumns(ApportionOptions options, IReadOnlyList<string> dimensions, Action<string, string> add)
    {
        foreach (var problem in options.Validate()) add("values", problem);
        if (dimensions.Contains(CodeField, StringComparer.Ordinal)) add("dimensions", $"'{CodeField}' names the code of each row and cannot be a dimension");
        foreach (var v in options.Values.Where(v => dimensions.Contains(v.Name, StringComparer.Ordinal)))
            add("values", $"'{v.Name}' is both a dimension and a value column");
    }

    /// <summary>
    /// Numbers beyond ±2^53 are refused, naming the field: above it a double no longer holds whole numbers exactly
    /// (totals could not be reconciled), and sums and weighted means of such values can overflow to infinity.
    /// </summary>
    private static void CheckMagnitudes(IReadOnlyList<SeriesRowRequest?> rows, IReadOnlyList<ValueColumnRequest?>? columns, Action<string, string> add)
    {
        var reported = 0;
        for (var i = 0; i < rows.Count && reported < MaxValueErrors; i++)
        {
            var values = rows[i]?.Values;
            if (values is null) continue;
            for (var j = 0; j < values.Count && reported < MaxValueErrors; j++)
            {
                if (values[j] is not { } text || !double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v)) continue;
                if (Math.Abs(v) <= MaxMagnitude) continue;
                var column = columns is not null && j < columns.Count && columns[j]?.Name is { } name ? $" ('{name}')" : "";
                add($"rows[{i}].values[{j}]",
                    $"row {i + 1}, value {j + 1}{column}: {text} is out of range; values must be finite and within ±{MaxMagnitude.ToString("N0", CultureInfo.InvariantCulture)} (2^53)");
                reported++;
            }
        }
    }

    /// <summary>The largest magnitude accepted for a value: 2^53, the last whole number a double holds exactly.</summary>
    public const double MaxMagnitude = 9_007_199_254_740_992d;

    private const int MaxValueErrors = 20;

    private ApportionResponse Response(ApportionRequest request, ApportionOptions o, IReadOnlyList<string> dimensions, SeriesOutcome outcome)
    {
        var result = outcome.Result;
        var counts = o.Values.Select((v, i) => (v, i)).Where(x => x.v.IsCount).Select(x => x.i).ToArray();
        var rows = result.Cells.Select(cell =>
        {
            double?[]? lower = null, upper = null;
            if (cell.Lower is not null && cell.Upper is not null)
            {
                lower = new double?[o.Values.Count];
                upper = new double?[o.Values.Count];
                for (var k = 0; k < counts.Length; k++)
                {
                    lower[counts[k]] = cell.Lower[k];
                    upper[counts[k]] = cell.Upper[k];
                }
            }
            return new ApportionedRow(
                result.Dimensions.Tuple(cell.Tuple).ToArray(),
                result.TargetCodes[cell.TargetSlot],
                cell.Values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray(),
                lower, upper, cell.UsedFallback);
        }).ToArray();
        var rec = result.Reconciliation;
        return new ApportionResponse(
            release.ReleaseId, o.From.Year(), o.To.Year(), (int?)o.ToLevel, Views.Weights(o.Selection), o.SexColumn,
            o.Residual == ResidualPolicy.Renormalise ? "renormalise" : "unallocated", o.Interval,
            dimensions,
            o.Values.Select(v => new ValueColumnView(v.Name, v.Kind.ToString().ToLowerInvariant(), v.WeightColumn)).ToArray(),
            rows,
            new ReconciliationView(rec.RowsRead, rec.RowsApportioned, rec.RowsRejected, rec.ValueProblems, rec.Balances,
                rec.Columns.Select(c => new ColumnReconciliationView(c.Column, c.In, c.Out, c.Rejected, c.CellsWithoutValue, c.Balances)).ToArray()),
            outcome.Rejects.OrderBy(x => x.Line).Select(x => new RejectView(x.Line, x.Column, x.Value, x.Reason)).ToArray(),
            result.ShareSets.Where(s => s.IsFallback)
                .Select(s => new FallbackView(s.Source.ToString(), Views.Weights(s.Requested), Views.Weights(s.Used), s.FallbackReason)).ToArray());
    }

    private static IResult Invalid(string field, string detail) =>
        new ApiProblem(StatusCodes.Status400BadRequest, "Invalid apportionment request", detail) { Parameter = field }.ToResult();
}
