using System.Text.Json.Serialization;

namespace SocBridge.Api.Contracts;

/// <summary>
/// An occupation in the shape of the existing careers service (<c>soc</c>, <c>title</c>, <c>description</c>,
/// <c>qualifications</c>, <c>tasks</c>, <c>add_titles</c>), with the edition added as <c>version</c>.
/// Text the release does not hold is null rather than a placeholder.
/// </summary>
public sealed record CompatOccupation(
    [property: JsonPropertyName("soc")] int Soc,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("qualifications")] string? Qualifications,
    [property: JsonPropertyName("tasks")] string? Tasks,
    [property: JsonPropertyName("add_titles")] IReadOnlyList<string> AddTitles);
