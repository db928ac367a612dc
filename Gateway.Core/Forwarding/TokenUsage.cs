using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Core.Forwarding;

/// <summary>Token counts read from an upstream <c>usage</c> object, in either protocol's field names.</summary>
public readonly record struct TokenUsage(int Input, int Output, int Cached)
{
    public static TokenUsage? From(JsonNode? usage)
    {
        if (usage is not JsonObject obj)
        {
            return null;
        }

        var details = obj["prompt_tokens_details"] ?? obj["input_tokens_details"];
        return new TokenUsage(
            Int(obj["prompt_tokens"] ?? obj["input_tokens"]),
            Int(obj["completion_tokens"] ?? obj["output_tokens"]),
            Int(details?["cached_tokens"]));
    }

    public static TokenUsage? From(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var details = Property(usage, "prompt_tokens_details") ?? Property(usage, "input_tokens_details");
        return new TokenUsage(
            Int(Property(usage, "prompt_tokens") ?? Property(usage, "input_tokens")),
            Int(Property(usage, "completion_tokens") ?? Property(usage, "output_tokens")),
            Int(details is { ValueKind: JsonValueKind.Object } d ? Property(d, "cached_tokens") : null));
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static int Int(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value) ? (int)Math.Clamp(value, 0, int.MaxValue) : 0;

    private static int Int(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? (int)Math.Clamp(number, 0, int.MaxValue) : 0;
}
