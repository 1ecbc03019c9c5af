using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocBridge.Core.Release;

/// <summary>
/// The JSON form of a release (manifest and descriptions): snake_case names, indented with '\n', every
/// property written, so the same values always give the same bytes. The builder writes with these
/// settings and the loader reads with them.
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
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    internal static List<DescriptionRecord> ReadDescriptions(string json, string file)
    {
        try
        {
            return JsonSerializer.Deserialize<List<DescriptionRecord>>(json, Options)
                   ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not a valid descriptions document ({e.Message})", e);
        }
    }
}
