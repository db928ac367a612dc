namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Anthropic usage ↔ Chat usage. Anthropic's <c>input_tokens</c> leave out the prompt tokens read from or written to its
/// cache, OpenAI's <c>prompt_tokens</c> include the cached ones: cache reads ↔ <c>cached_tokens</c>, cache writes count as
/// plain prompt tokens for OpenAI clients (OpenAI reports none); thinking tokens ↔ reasoning tokens.
/// </summary>
internal static class MessagesUsage
{
    /// <summary>
    /// Gathers a stream's usage: <c>message_start</c> holds the input side, <c>message_delta</c> the cumulative output tokens
    /// (and, from some providers, the input side too); a later value of a field wins, a null one changes nothing.
    /// </summary>
    public static void Merge(JsonObject gathered, JsonObject? update)
    {
        foreach (var (name, value) in update ?? [])
        {
            if (value is not null)
            {
                gathered[name] = value.DeepClone();
            }
        }
    }

    public static JsonObject FromChat(JsonObject? chat)
    {
        var prompt = chat?["prompt_tokens"].Long() ?? 0;
        var cached = chat?["prompt_tokens_details"].Obj()?["cached_tokens"].Long() ?? 0;
        var usage = new JsonObject
        {
            ["input_tokens"] = Math.Max(0, prompt - cached),
            ["output_tokens"] = chat?["completion_tokens"].Long() ?? 0,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = cached,
        };
        if (chat?["completion_tokens_details"].Obj()?["reasoning_tokens"].Long() is { } reasoning)
        {
            usage["output_tokens_details"] = new JsonObject { ["thinking_tokens"] = reasoning };
        }

        return usage;
    }

    public static JsonObject? ToChat(JsonObject? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var cacheRead = usage["cache_read_input_tokens"].Long() ?? 0;
        var input = (usage["input_tokens"].Long() ?? 0) + cacheRead + (usage["cache_creation_input_tokens"].Long() ?? 0);
        var output = usage["output_tokens"].Long() ?? 0;
        return new JsonObject
        {
            ["prompt_tokens"] = input,
            ["completion_tokens"] = output,
            ["total_tokens"] = input + output,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cacheRead },
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage["output_tokens_details"].Obj()?["thinking_tokens"].Long() ?? 0 },
        };
    }
}
