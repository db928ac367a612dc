namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Turns a complete Responses answer into a <c>chat.completion</c>: output_text parts join into the message
/// content, refusals into <c>refusal</c>, function and custom tool calls into <c>tool_calls</c> (in output order, so
/// parallel calls keep their order), reasoning text into <c>reasoning_content</c>, and when asked each reasoning item's
/// encrypted content into <c>reasoning_details</c> (<see cref="ReasoningDetails"/>), in output order.
/// </summary>
internal static class ResponsesAnswerToChat
{
    /// <param name="reasoningDetails">Keep encrypted reasoning as <see cref="ReasoningDetails"/>, for a client of another protocol than Chat.</param>
    public static JsonObject Convert(JsonObject response, string clientModel, StopSequences? stop, bool reasoningDetails, TimeProvider time)
    {
        var text = new StringBuilder();
        var refusal = new StringBuilder();
        var reasoning = new StringBuilder();
        var details = new JsonArray();
        var toolCalls = new JsonArray();
        var hasText = false;
        foreach (var item in response["output"].Objects())
        {
            switch (item["type"].Str())
            {
                case "message":
                    foreach (var part in item["content"].Objects())
                    {
                        if (part["type"].Str() == "output_text")
                        {
                            hasText = true;
                            text.Append(part["text"].Str());
                        }
                        else if (part["type"].Str() == "refusal")
                        {
                            refusal.Append(part["refusal"].Str());
                        }
                    }

                    break;
                case "function_call":
                    toolCalls.Add(ToolCall(item["call_id"].Str(), item["name"].Str(), item["arguments"].Str() ?? ""));
                    break;
                case "custom_tool_call":
                    toolCalls.Add(CustomToolCall(item["call_id"].Str(), item["name"].Str(), item["input"].Str() ?? ""));
                    break;
                case "reasoning":
                    if (ReasoningText.Of(item) is { Length: > 0 } thought)
                    {
                        reasoning.Append(reasoning.Length > 0 ? "\n\n" : "").Append(thought);
                    }

                    if (reasoningDetails && ReasoningDetails.FromReasoningItem(item) is { } detail)
                    {
                        details.Add(detail);
                    }

                    break;
            }
        }

        var content = hasText ? text.ToString() : null;
        if (content is not null && stop is not null)
        {
            content = stop.Cut(content);
        }

        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = content,
            ["refusal"] = refusal.Length > 0 ? refusal.ToString() : null,
        };
        ChatAssistantMessage.Complete(message, reasoning, details, toolCalls);
        var finishReason = stop?.Stopped == true
            ? FinishReasons.Stop
            : FinishReasons.ToChat(response["status"].Str(), response["incomplete_details"].Obj()?["reason"].Str(), toolCalls.Count > 0);
        var result = new JsonObject
        {
            ["id"] = ConversionIds.Rebase(response["id"].Str(), "resp_", "chatcmpl-"),
            ["object"] = "chat.completion",
            ["created"] = response["created_at"].Long() ?? time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = clientModel,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        };
        if (UsageConversion.ToChat(response["usage"].Obj()) is { } usage)
        {
            result["usage"] = usage;
        }

        result.SetCopy("service_tier", response["service_tier"]);
        return result;
    }

    public static JsonObject ToolCall(string? id, string? name, string arguments) => new()
    {
        ["id"] = id,
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
    };

    /// <summary>A call of a custom (freeform) tool: its input is plain text, not JSON arguments.</summary>
    public static JsonObject CustomToolCall(string? id, string? name, string input) => new()
    {
        ["id"] = id,
        ["type"] = "custom",
        ["custom"] = new JsonObject { ["name"] = name, ["input"] = input },
    };
}
