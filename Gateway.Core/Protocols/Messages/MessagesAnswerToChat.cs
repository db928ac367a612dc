namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Turns a complete Anthropic <c>message</c> into a <c>chat.completion</c>: text blocks join into the content, thinking into
/// <c>reasoning_content</c>, <c>tool_use</c> blocks into <c>tool_calls</c> in block order (custom calls for the request's custom
/// tools); signatures and redacted thinking, which no Chat client can send back usefully, are dropped, or kept as
/// <see cref="ReasoningDetails"/> for a Responses client. The stop reason becomes the finish reason; usage counts
/// cache reads and writes as prompt tokens, cache reads as cached.
/// </summary>
internal static class MessagesAnswerToChat
{
    /// <param name="customTools">The names of the request's custom tools (<see cref="CustomTools"/>).</param>
    /// <param name="reasoningDetails">Keep signed and redacted thinking as <see cref="ReasoningDetails"/>, for a client of another protocol than Chat.</param>
    public static JsonObject Convert(JsonObject message, string clientModel, IReadOnlySet<string> customTools, bool reasoningDetails, TimeProvider time)
    {
        var chatMessage = AssistantMessage(message["content"], customTools, reasoningDetails);
        chatMessage["refusal"] = null;
        var result = new JsonObject
        {
            ["id"] = ConversionIds.Rebase(message["id"].Str(), "msg_", "chatcmpl-"),
            ["object"] = "chat.completion",
            ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = clientModel,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = chatMessage,
                ["logprobs"] = null,
                ["finish_reason"] = StopReasons.ToChat(message["stop_reason"].Str()),
            }),
        };
        if (MessagesUsage.ToChat(message["usage"].Obj()) is { } usage)
        {
            result["usage"] = usage;
        }

        return result;
    }

    /// <summary>
    /// Assistant content blocks as a Chat assistant message, in an answer and in a request's history alike: text joined,
    /// thinking as <c>reasoning_content</c>, <c>tool_use</c> as <c>tool_calls</c> in block order; content is null beside tool
    /// calls when there is no text. A <c>tool_use</c> of one of <paramref name="customTools"/> is a custom call. With
    /// <paramref name="reasoningDetails"/>, signed and redacted thinking is kept as <see cref="ReasoningDetails"/> too.
    /// </summary>
    public static JsonObject AssistantMessage(JsonNode? content, IReadOnlySet<string> customTools, bool reasoningDetails)
    {
        var text = new StringBuilder(content.Str());
        var reasoning = new StringBuilder();
        var details = new JsonArray();
        var calls = new JsonArray();
        foreach (var block in content.Objects())
        {
            switch (block["type"].Str())
            {
                case "text":
                    text.Append(block["text"].Str());
                    break;
                case "thinking" or "redacted_thinking":
                    reasoning.Append(block["thinking"].Str());
                    if (reasoningDetails && ReasoningDetails.FromThinking(block) is { } detail)
                    {
                        details.Add(detail);
                    }

                    break;
                case "tool_use" when customTools.Contains(block["name"].Str() ?? ""):
                    calls.Add(ResponsesAnswerToChat.CustomToolCall(block["id"].Str(), block["name"].Str(), CustomTools.Unwrap(block["input"])));
                    break;
                case "tool_use":
                    calls.Add(ResponsesAnswerToChat.ToolCall(block["id"].Str(), block["name"].Str(), (block["input"] ?? new JsonObject()).Compact()));
                    break;
            }
        }

        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = text.Length > 0 || calls.Count == 0 ? text.ToString() : null,
        };
        return ChatAssistantMessage.Complete(message, reasoning, details, calls);
    }
}
