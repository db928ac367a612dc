using System.Text.Encodings.Web;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>Lenient readers over <see cref="JsonNode"/> trees: wrong kinds read as absent instead of throwing.</summary>
internal static class JsonNodes
{
    public static string? Str(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Long(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;

    public static bool? Bool(this JsonNode? node) =>
        node is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;

    public static JsonObject? Obj(this JsonNode? node) => node as JsonObject;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>A detached copy, so one tree never shares nodes with another (the caller's input stays intact).</summary>
    public static JsonNode? Copy(this JsonNode? node) => node?.DeepClone();

    /// <summary>A copy of <paramref name="source"/> without the <paramref name="excluded"/> fields: what passes through a conversion.</summary>
    public static JsonObject CopyExcept(JsonObject source, IReadOnlySet<string> excluded)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (!excluded.Contains(key))
            {
                result[key] = value.Copy();
            }
        }

        return result;
    }

    /// <summary>Sets <paramref name="key"/> to a copy of <paramref name="value"/> when the value is present.</summary>
    public static void SetCopy(this JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value.DeepClone();
        }
    }

    /// <summary>The text of a content value that is either a string or an array of text-bearing parts.</summary>
    public static string? JoinedText(JsonNode? content)
    {
        if (content.Str() is { } text)
        {
            return text;
        }

        if (content is not JsonArray parts)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var part in parts.OfType<JsonObject>())
        {
            builder.Append(part["text"].Str());
        }

        return builder.ToString();
    }

    /// <summary>
    /// How the gateway writes the JSON it sends to upstreams and clients: they read JSON, not HTML, so non-ASCII text and
    /// characters such as <c>+</c>, <c>&lt;</c> and <c>`</c> stay as they are instead of growing into <c>\u</c> escapes.
    /// </summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><see cref="Wire"/> for a <see cref="Utf8JsonWriter"/>.</summary>
    public static readonly JsonWriterOptions WireWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Compact(this JsonNode node) => node.ToJsonString(Wire);

    /// <summary>The same JSON as <see cref="Compact"/>, as UTF-8: what an event the gateway writes holds.</summary>
    public static byte[] CompactUtf8(this JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Wire);

    /// <summary>Parses JSON text as a JSON object, or null when it is not one.</summary>
    public static JsonObject? ParseObject(string json) => ParseObject(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Parses UTF-8 JSON as a read-only document whose root is an object, or null when it is not one: for what is only
    /// read, cheaper than a tree (no node is made for what is not looked at).
    /// </summary>
    public static JsonDocument? ParseObjectDocument(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            var document = JsonDocument.Parse(utf8);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses UTF-8 JSON (an SSE payload as it arrived) as a JSON object, or null when it is not one.</summary>
    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
