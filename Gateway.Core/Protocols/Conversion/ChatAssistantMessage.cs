namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// The Chat assistant message a conversion puts together from another protocol's answer or history (a Responses answer, an
/// Anthropic message): what was read beside the text rides on it as Chat carries it.
/// </summary>
internal static class ChatAssistantMessage
{
    /// <summary>
    /// Adds to <paramref name="message"/>, after what it holds, each part only when there is any: the readable reasoning as
    /// <c>reasoning_content</c>, the <see cref="ReasoningDetails"/>, the calls as <c>tool_calls</c>.
    /// </summary>
    public static JsonObject Complete(JsonObject message, StringBuilder reasoning, JsonArray details, JsonArray toolCalls)
    {
        if (reasoning.Length > 0)
        {
            message["reasoning_content"] = reasoning.ToString();
        }

        if (details.Count > 0)
        {
            message[ReasoningDetails.Member] = details;
        }

        if (toolCalls.Count > 0)
        {
            message["tool_calls"] = toolCalls;
        }

        return message;
    }
}
