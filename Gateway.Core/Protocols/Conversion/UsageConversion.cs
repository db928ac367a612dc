namespace Gateway.Core.Protocols.Conversion;

/// <summary>Maps token usage between Chat Completions and Responses, keeping cached and reasoning tokens.</summary>
internal static class UsageConversion
{
    public static JsonObject? ToResponses(JsonObject? chatUsage)
    {
        if (chatUsage is null)
        {
            return null;
        }

        var input = chatUsage["prompt_tokens"].Long() ?? 0;
        var output = chatUsage["completion_tokens"].Long() ?? 0;
        return new JsonObject
        {
            ["input_tokens"] = input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = chatUsage["prompt_tokens_details"]?["cached_tokens"].Long() ?? 0 },
            ["output_tokens"] = output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = chatUsage["completion_tokens_details"]?["reasoning_tokens"].Long() ?? 0 },
            ["total_tokens"] = chatUsage["total_tokens"].Long() ?? input + output,
        };
    }

    public static JsonObject? ToChat(JsonObject? responsesUsage)
    {
        if (responsesUsage is null)
        {
            return null;
        }

        var input = responsesUsage["input_tokens"].Long() ?? 0;
        var output = responsesUsage["output_tokens"].Long() ?? 0;
        return new JsonObject
        {
            ["prompt_tokens"] = input,
            ["completion_tokens"] = output,
            ["total_tokens"] = responsesUsage["total_tokens"].Long() ?? input + output,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = responsesUsage["input_tokens_details"]?["cached_tokens"].Long() ?? 0 },
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = responsesUsage["output_tokens_details"]?["reasoning_tokens"].Long() ?? 0 },
        };
    }
}
