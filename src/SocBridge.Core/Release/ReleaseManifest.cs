using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocBridge.Core.Release;

/// <summary>The manifest of a release: provenance, licence, hashes and row counts.</summary>
/// <param name="ReleaseId">The release's identifier, derived from its contents.</param>
/// <param name="FormatVersion">The version of the release format; this library reads <see cref="CurrentFormatVersion"/>.</param>
/// <param name="Licence">The licence of the data.</param>
/// <param name="Attribution">The attribution the licence asks for.</param>
/// <param name="Sources">The original ONS files the release was built from.</param>
/// <param name="Outputs">The data files of the release, with their SHA-256 and row counts.</param>
/// <param name="Counts">Counts of what the release holds (groups per level, index entries, links), by name.</param>
public sealed record ReleaseManifest(
    string ReleaseId,
    int FormatVersion,
    string Licence,
    string Attribution,
    IReadOnlyList<SourceFile> Sources,
    IReadOnlyList<OutputFile> Outputs,
    IReadOnlyDictionary<string, int> Counts)
{
    /// <summary>The release format this library reads.</summary>
    public const int CurrentFormatVersion = 1;
    /// <summary>The licence of the ONS data.</summary>
    public const string OglLicence = "Open Government Licence v3.0";
    /// <summary>The attribution the Open Government Licence asks for.</summary>
    public const string OglAttribution =
        "Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for National Statistics (ONS).";

    /// <summary>Reads a manifest (through generated code: every command reads one, so no reflection at start-up).</summary>
    /// <param name="json">The text of manifest.json.</param>
    /// <exception cref="System.Text.Json.JsonException">The text is not a manifest.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static ReleaseManifest Parse(string json) =>
        JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ReleaseManifest)
        ?? throw new JsonException("manifest.json is empty");

    /// <summary>The manifest as written to manifest.json: snake_case, indented, with a final line end.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ReleaseJson.Options.GetTypeInfo(typeof(ReleaseManifest))) + "\n";
}

/// <summary>
/// An original ONS file the release was built from. <see cref="Warnings"/> records how the file differs
/// from the edition the importer was written for (another edition of the coding index, say); it is
/// absent from the manifest when there is nothing to say.
/// </summary>
/// <param name="File">The file name.</param>
/// <param name="Title">What the file is, as ONS titles it.</param>
/// <param name="Url">Where ONS publishes it.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Warnings">How it differs from the edition the importer was written for; null when it does not.</param>
public sealed record SourceFile(
    string File,
    string Title,
    string Url,
    long Bytes,
    string Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

/// <summary>A file of the release with its SHA-256 (lower-case hex) and data row count.</summary>
/// <param name="File">The file name, one of <see cref="ReleaseFiles.DataFiles"/>.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Rows">The number of data records it holds.</param>
public sealed record OutputFile(string File, string Sha256, int Rows);

/// <summary>Generated serialisation code for the release's JSON files (manifest and descriptions), with the naming of <see cref="ReleaseJson.Options"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReleaseManifest))]
[JsonSerializable(typeof(List<DescriptionRecord>))]
[JsonSerializable(typeof(IReadOnlyList<DescriptionRecord>))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
