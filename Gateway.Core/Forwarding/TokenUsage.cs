namespace Gateway.Core.Forwarding;

/// <summary>
/// Token counts read from an upstream <c>usage</c> object, in any protocol's field names. Input counts every prompt token
/// as OpenAI's do: Anthropic's <c>input_tokens</c> leave out the cached ones, so its <c>cache_read_input_tokens</c> and
/// <c>cache_creation_input_tokens</c> are added, and the cache reads are the cached tokens.
/// </summary>
public readonly record struct TokenUsage(int Input, int Output, int Cached)
{
    public static TokenUsage? From(JsonNode? usage)
    {
        if (usage is not JsonObject obj)
        {
            return null;
        }

        var details = obj["prompt_tokens_details"] ?? obj["input_tokens_details"];
        var cacheRead = Int(obj["cache_read_input_tokens"]);
        return new TokenUsage(
            Clamp((long)Int(obj["prompt_tokens"] ?? obj["input_tokens"]) + cacheRead + Int(obj["cache_creation_input_tokens"])),
            Int(obj["completion_tokens"] ?? obj["output_tokens"]),
            details is JsonObject detailed ? Int(detailed["cached_tokens"]) : cacheRead);
    }

    public static TokenUsage? From(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var details = usage.Member("prompt_tokens_details") ?? usage.Member("input_tokens_details");
        var cacheRead = Int(usage.Member("cache_read_input_tokens"));
        return new TokenUsage(
            Clamp((long)Int(usage.Member("prompt_tokens") ?? usage.Member("input_tokens")) + cacheRead + Int(usage.Member("cache_creation_input_tokens"))),
            Int(usage.Member("completion_tokens") ?? usage.Member("output_tokens")),
            details is { ValueKind: JsonValueKind.Object } d ? Int(d.Member("cached_tokens")) : cacheRead);
    }

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);

    private static int Int(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value) ? (int)Math.Clamp(value, 0, int.MaxValue) : 0;

    private static int Int(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? (int)Math.Clamp(number, 0, int.MaxValue) : 0;
}
