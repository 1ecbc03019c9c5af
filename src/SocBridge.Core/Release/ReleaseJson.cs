using System.Text.Json;

namespace SocBridge.Core.Release;

/// <summary>JSON files of a release (descriptions); same snake_case, indented, deterministic form as the manifest.</summary>
public static class ReleaseJson
{
    public static string WriteDescriptions(IReadOnlyList<DescriptionRecord> records) =>
        JsonSerializer.Serialize(records, ReleaseManifest.JsonOptions) + "\n";

    public static List<DescriptionRecord> ReadDescriptions(string json, string file)
    {
        try
        {
            return JsonSerializer.Deserialize<List<DescriptionRecord>>(json, ReleaseManifest.JsonOptions)
                   ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not a valid descriptions document ({e.Message})", e);
        }
    }
}
