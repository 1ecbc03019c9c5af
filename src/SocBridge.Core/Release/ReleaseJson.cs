using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocBridge.Core.Release;

/// <summary>
/// The JSON form of a release (manifest and descriptions): snake_case names, indented with '\n', every
/// property written, so the same values always give the same bytes. The builder writes with these
/// settings and the loader reads with them. The types are resolved through generated code only (no
/// reflection), so the same code runs compiled ahead of time; another library gives its own generated
/// context on a copy of these settings.
/// </summary>
internal static class ReleaseJson
{
    /// <summary>The shared settings, read-only so that no caller can change how a release is written.</summary>
    internal static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            NewLine = "\n",
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = ManifestJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }

    internal static List<DescriptionRecord> ReadDescriptions(string json, string file)
    {
        try
        {
            return (List<DescriptionRecord>?)JsonSerializer.Deserialize(json, Options.GetTypeInfo(typeof(List<DescriptionRecord>)))
                   ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not a valid descriptions document ({e.Message})", e);
        }
    }
}
