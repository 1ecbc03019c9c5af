using System.Text.Json.Serialization;

namespace SocBridge.Api.Contracts;

/// <summary>A group of a SOC edition: its code and display title.</summary>
public sealed record CodeRef(string Code, string Title);

/// <summary>A weight set and whose records it counts.</summary>
public sealed record WeightsRef(string Weights, string Sex);

/// <summary>Everything known about one code of one edition (GET /v1/soc/{version}/{code}).</summary>
public sealed record SocCodeResponse(
    string ReleaseId,
    string Version,
    string Code,
    int Level,
    string LevelName,
    string Title,
    string OnsTitle,
    CodeRef? Parent,
    IReadOnlyList<CodeRef> Ancestors,
    IReadOnlyList<CodeRef> Children,
    GroupDescription? Description,
    IReadOnlyList<CodeRef> Extensions,
    int IndexEntryCount,
    IReadOnlyList<IndexTitle> IndexTitles,
    MappingResponse Related);

/// <summary>The ONS SOC2020 Volume 1 description of a group. Absent parts are null.</summary>
public sealed record GroupDescription(
    string? Text,
    string? GroupsWithin,
    string? EntryRoutes,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<string> RelatedJobTitles);

/// <summary>An entry of the ONS coding index with both codes.</summary>
public sealed record IndexTitle(string Id, string Title, string? Soc2010, string? Soc2020, string? Soc2020Extension);

/// <summary>The source code of a mapping.</summary>
public sealed record MappingSource(string Version, string Code, int Level, string Title);

/// <summary>The edition and level the targets of a mapping belong to.</summary>
public sealed record MappingTarget(string Version, int Level, string LevelName);

/// <summary>A counterpart in the other edition with its weight and the joint sample count behind it.</summary>
public sealed record TargetWeight(
    string Code,
    string Title,
    double Weight,
    double JointCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Lower = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Upper = null);

/// <summary>
/// The weighted counterparts of a code. Weights sum to 1 over the targets. <c>used</c> differs from
/// <c>requested</c> when the requested sample had no record and the documented fallback applied.
/// </summary>
public record MappingResponse(
    MappingSource Source,
    MappingTarget Target,
    WeightsRef Requested,
    WeightsRef Used,
    bool Fallback,
    string? FallbackReason,
    string Relationship,
    double SampleTotal,
    double? SourceBase,
    double? ResidualShare,
    double? Interval,
    IReadOnlyList<TargetWeight> Targets);

/// <summary>A mapping as returned by GET /v1/soc/{version}/{code}/map, with the release it comes from.</summary>
public sealed record MapResponse(
    [property: JsonPropertyOrder(-1)] string ReleaseId,
    MappingSource Source,
    MappingTarget Target,
    WeightsRef Requested,
    WeightsRef Used,
    bool Fallback,
    string? FallbackReason,
    string Relationship,
    double SampleTotal,
    double? SourceBase,
    double? ResidualShare,
    double? Interval,
    IReadOnlyList<TargetWeight> Targets)
    : MappingResponse(Source, Target, Requested, Used, Fallback, FallbackReason, Relationship, SampleTotal, SourceBase, ResidualShare, Interval, Targets);
