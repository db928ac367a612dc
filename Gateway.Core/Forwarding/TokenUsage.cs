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

    private static int Int(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? (int)Math.Clamp(number, 0, int.MaxValue) : 0;
}
