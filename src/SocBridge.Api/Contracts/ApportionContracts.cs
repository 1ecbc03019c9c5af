using System.Text.Json.Serialization;
using SocBridge.Api.Infrastructure;

namespace SocBridge.Api.Contracts;

/// <summary>
/// A small series to translate between SOC editions (POST /v1/apportion). Each row has one value per
/// dimension, a code of the <c>from</c> edition and one value per value column. Values may be numbers,
/// numeric strings, ONS markers such as "x" or ":" (not values), or null.
/// </summary>
public sealed record ApportionRequest(
    string? From,
    int? Level = null,
    string? Weights = null,
    string? Sex = null,
    string? SexDimension = null,
    string? Residual = null,
    double? Interval = null,
    bool? SumDuplicates = null,
    IReadOnlyList<string>? Dimensions = null,
    IReadOnlyList<ValueColumnRequest>? Values = null,
    IReadOnlyList<SeriesRowRequest>? Rows = null);

/// <summary>A value column: <c>count</c> (shared out and summed), <c>mean</c> or <c>median</c> (weighted by a count column).</summary>
public sealed record ValueColumnRequest(string? Name, string? Kind = null, string? WeightedBy = null);

/// <summary>One row of the series.</summary>
public sealed record SeriesRowRequest(
    [property: JsonConverter(typeof(ScalarTextListConverter))] IReadOnlyList<string?>? Dimensions = null,
    [property: JsonConverter(typeof(ScalarTextConverter))] string? Code = null,
    [property: JsonConverter(typeof(ScalarTextListConverter))] IReadOnlyList<string?>? Values = null);

/// <summary>The translated series with its reconciliation, rejects and fallbacks.</summary>
public sealed record ApportionResponse(
    string ReleaseId,
    string From,
    string To,
    int? Level,
    WeightsRef Weights,
    string? SexDimension,
    string Residual,
    double? Interval,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<ValueColumnView> Values,
    IReadOnlyList<ApportionedRow> Rows,
    ReconciliationView Reconciliation,
    IReadOnlyList<RejectView> Rejects,
    IReadOnlyList<FallbackView> Fallbacks);

public sealed record ValueColumnView(string Name, string Kind, string? WeightedBy);

/// <summary>
/// One output cell. <c>values</c> follow the value columns (null: a mean with no weight). With an interval,
/// <c>lower</c> and <c>upper</c> follow the value columns too, with null for means and medians.
/// </summary>
public sealed record ApportionedRow(
    IReadOnlyList<string> Dimensions,
    string Code,
    IReadOnlyList<double?> Values,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double?>? Lower,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double?>? Upper,
    bool Fallback);

/// <summary>Row counts, and per count column what came in, went out and was rejected.</summary>
public sealed record ReconciliationView(
    long RowsRead,
    long RowsApportioned,
    long RowsRejected,
    long ValueProblems,
    bool Balances,
    IReadOnlyList<ColumnReconciliationView> Columns);

public sealed record ColumnReconciliationView(string Column, double In, double Out, double Rejected, long CellsWithoutValue, bool Balances);

/// <summary>A row (column null) or a single value that could not be used; <c>row</c> counts from 1.</summary>
public sealed record RejectView(long Row, string? Column, string? Value, string Reason);

/// <summary>A source code whose requested weights had no sample, and the weights used instead.</summary>
public sealed record FallbackView(string Source, WeightsRef Requested, WeightsRef Used, string? Reason);
