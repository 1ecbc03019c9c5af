using System.Text.Json.Serialization;

namespace SocBridge.Api.Contracts;

/// <summary>
/// An occupation in the shape of the existing careers service (<c>soc</c>, <c>title</c>, <c>description</c>,
/// <c>qualifications</c>, <c>tasks</c>, <c>add_titles</c>), with the edition added as <c>version</c> and where the
/// text comes from as <c>text_from</c>. The text fields are always strings, never null.
/// </summary>
public sealed record CompatOccupation(
    [property: JsonPropertyName("soc")] int Soc,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("qualifications")] string Qualifications,
    [property: JsonPropertyName("tasks")] string Tasks,
    [property: JsonPropertyName("add_titles")] IReadOnlyList<string> AddTitles,
    [property: JsonPropertyName("text_from")] CompatTextOrigin TextFrom);

/// <summary>
/// Where <c>description</c>, <c>tasks</c> and <c>qualifications</c> come from: <c>own</c> (the SOC2020 group's ONS
/// description), <c>dominant</c> (a SOC2010 group at least 80% of whose records go to one SOC2020 group: that
/// group's text) or <c>counterparts</c> (a split SOC2010 group: each SOC2020 counterpart's text, labelled with its
/// code and weight). The weights are the pooled ones (LFS and Census, all persons).
/// </summary>
public sealed record CompatTextOrigin(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("sources")] IReadOnlyList<CompatTextSource> Sources);

/// <summary>A SOC2020 group whose text is used, with the share of the occupation's records that go to it.</summary>
public sealed record CompatTextSource(
    [property: JsonPropertyName("soc")] int Soc,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("weight")] double Weight);
