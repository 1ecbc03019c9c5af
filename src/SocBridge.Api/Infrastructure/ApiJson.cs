using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;

namespace SocBridge.Api.Infrastructure;

/// <summary>Source-generated serialisation of every API contract: snake_case names, web defaults otherwise.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SocCodeResponse))]
[JsonSerializable(typeof(MapResponse))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(ReleaseResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ReadinessResponse))]
[JsonSerializable(typeof(CompatOccupation))]
[JsonSerializable(typeof(IReadOnlyList<CompatOccupation>))]
[JsonSerializable(typeof(ApportionRequest))]
[JsonSerializable(typeof(ApportionResponse))]
[JsonSerializable(typeof(CodeResponse))]
[JsonSerializable(typeof(CodeBatchRequest))]
[JsonSerializable(typeof(CodeBatchResponse))]
[JsonSerializable(typeof(CodeRef[]))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>
/// The serializer settings of the API: the generated contracts, snake_case names (the convention of the whole
/// project: API, CLI JSON and CSV, release files, and the existing careers service), non-ASCII text left readable.
/// </summary>
internal static class ApiJson
{
    /// <summary>Field names are snake_case: <c>release_id</c>, <c>joint_count</c>, <c>add_titles</c>.</summary>
    public static JsonNamingPolicy NamingPolicy => JsonNamingPolicy.SnakeCaseLower;

    /// <summary>Read-only once built, so safe to share.</summary>
    public static JsonSerializerOptions Options { get; } = Create(JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>
    /// The same settings without an encoder, which lets the serializer use the generated fast path; the
    /// encoder is given to the writer instead, so the bytes are those <see cref="Options"/> would write.
    /// </summary>
    private static readonly JsonSerializerOptions GeneratedPathOptions = Create(encoder: null);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonSerializerOptions Create(JavaScriptEncoder? encoder)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = encoder,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNamingPolicy = NamingPolicy,
            TypeInfoResolver = ApiJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>UTF-8 JSON of <paramref name="value"/> with the API's settings (<see cref="Options"/>).</summary>
    public static byte[] Serialize<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, value, GeneratedPathOptions.GetTypeInfo(typeof(T)));
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Reads a JSON string, number or boolean as its text (numbers keep their JSON spelling); null stays null.</summary>
internal sealed class ScalarTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadScalar(ref reader);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }

    internal static string? ReadScalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetDouble(out var d)
            ? d.ToString("R", CultureInfo.InvariantCulture)
            : throw new JsonException("a number is out of range"),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"expected a string, a number or null, not {Describe(reader.TokenType)}"),
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };
}

/// <summary>Reads an array whose items are strings, numbers or nulls as their texts.</summary>
internal sealed class ScalarTextListConverter : JsonConverter<IReadOnlyList<string?>?>
{
    public override IReadOnlyList<string?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array");
        var items = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            items.Add(ScalarTextConverter.ReadScalar(ref reader));
        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string?>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var item in value)
        {
            if (item is null) writer.WriteNullValue();
            else writer.WriteStringValue(item);
        }
        writer.WriteEndArray();
    }
}
