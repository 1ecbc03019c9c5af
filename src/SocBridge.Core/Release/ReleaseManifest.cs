using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocBridge.Core.Release;

/// <summary>The manifest of a release: provenance, licence, hashes and row counts.</summary>
public sealed record ReleaseManifest(
    string ReleaseId,
    int FormatVersion,
    string Licence,
    string Attribution,
    IReadOnlyList<SourceFile> Sources,
    IReadOnlyList<OutputFile> Outputs,
    IReadOnlyDictionary<string, int> Counts)
{
    public const int CurrentFormatVersion = 1;
    public const string OglLicence = "Open Government Licence v3.0";
    public const string OglAttribution =
        "Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for National Statistics (ONS).";

    /// <summary>Reads a manifest (through generated code: every command reads one, so no reflection at start-up).</summary>
    public static ReleaseManifest Parse(string json) =>
        JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ReleaseManifest)
        ?? throw new JsonException("manifest.json is empty");

    public string ToJson() => JsonSerializer.Serialize(this, ReleaseJson.Options) + "\n";
}

/// <summary>
/// An original ONS file the release was built from. <see cref="Warnings"/> records how the file differs
/// from the edition the importer was written for (another edition of the coding index, say); it is
/// absent from the manifest when there is nothing to say.
/// </summary>
public sealed record SourceFile(
    string File,
    string Title,
    string Url,
    long Bytes,
    string Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

/// <summary>A file of the release with its SHA-256 (lower-case hex) and data row count.</summary>
public sealed record OutputFile(string File, string Sha256, int Rows);

/// <summary>Generated reader of the manifest, with the naming of <see cref="ReleaseJson.Options"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReleaseManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
