using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Estimation;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Io;

/// <summary>
/// The JSON documents this library writes (a run's <c>OUT.meta.json</c>, a fitted-weights manifest), built from
/// generated serialisation code, never reflection, with the settings of the release's own JSON: snake_case names,
/// indented with '\n', every property written, non-ASCII text left readable.
/// </summary>
internal static class MetadataJson
{
    /// <summary>The generated metadata of the records written, bound to the release's JSON settings.</summary>
    public static ApportionJsonContext Context { get; } = new(new JsonSerializerOptions(ReleaseJson.Options));

    /// <summary>A record as a JSON node, through its generated metadata.</summary>
    public static JsonNode? Node<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToNode(value, info);

    /// <summary>A list of strings as a JSON array (null stays null).</summary>
    public static JsonArray? Strings(IEnumerable<string>? values) =>
        values is null ? null : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Each item as the object <paramref name="map"/> makes of it, in order.</summary>
    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map) => new([.. items.Select(map)]);
}

/// <summary>Generated serialisation code for the records in this library's JSON documents.</summary>
[JsonSerializable(typeof(RunReconciliation))]
[JsonSerializable(typeof(FitManifest))]
[JsonSerializable(typeof(FitParameters))]
[JsonSerializable(typeof(FitSummary))]
[JsonSerializable(typeof(IReadOnlyList<MarginYearWeight>))]
[JsonSerializable(typeof(IReadOnlyList<FitInputFile>))]
internal sealed partial class ApportionJsonContext : JsonSerializerContext;
