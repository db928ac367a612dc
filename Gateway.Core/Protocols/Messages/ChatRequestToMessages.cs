namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Turns a Chat Completions request into an Anthropic Messages request (SPEC 5.5), as <see cref="ChatToMessagesParameters"/>
/// says for every parameter. Every system or developer message joins
/// <c>system</c> (Anthropic has no system turn); user text, image and PDF file parts → blocks; assistant text → a text block,
/// <c>tool_calls</c> → <c>tool_use</c> blocks; <c>tool</c> messages → <c>tool_result</c> blocks of one user turn (parallel
/// results together, any user content after them); consecutive turns of one role are merged, empty assistant turns
/// dropped. <c>reasoning_content</c> of earlier turns is dropped: Anthropic only takes thinking back with its own
/// signature, which an assistant message's Anthropic <see cref="ReasoningDetails"/> carry (a Responses client's reasoning
/// items): those go back as its thinking and redacted thinking blocks, first in the turn, in order. <c>max_completion_tokens</c> / <c>max_tokens</c> → <c>max_tokens</c> (required: the configured default when
/// absent), <c>stop</c> → <c>stop_sequences</c>, <c>temperature</c> (capped at 1), <c>top_p</c>, <c>user</c> →
/// <c>metadata.user_id</c>, function and custom tools (<see cref="CustomTools"/>) and <c>tool_choice</c> (<c>required</c> →
/// <c>any</c>, <c>parallel_tool_calls: false</c> → <c>disable_parallel_tool_use</c>), <c>reasoning_effort</c> →
/// <c>thinking</c> with a budget, json_schema <c>response_format</c> → <c>output_config.format</c>. Penalties, <c>n</c>,
/// <c>seed</c>, logprobs and the like are dropped.
/// </summary>
internal static class ChatRequestToMessages
{
    /// <summary>Anthropic's smallest thinking budget.</summary>
    private const int MinThinkingBudget = 1024;

    /// <param name="dropped">Receives the types of the tools left out (hosted ones: Anthropic cannot run OpenAI's).</param>
    /// <param name="customTools">Receives the names of the custom tools, whose calls come back as custom calls.</param>
    public static JsonObject Convert(JsonObject chat, int defaultMaxTokens, ICollection<string> dropped, ISet<string> customTools)
    {
        var result = ChatToMessagesParameters.Table.CopyThrough(chat, openAiUpstream: false);
        var system = new List<string>();
        var messages = new JsonArray();
        foreach (var message in chat["messages"].Objects())
        {
            switch (message["role"].Str())
            {
                case "system" or "developer":
                    if (JsonNodes.JoinedText(message["content"]) is { Length: > 0 } text)
                    {
                        system.Add(text);
                    }

                    break;
                case "assistant":
                    Append(messages, "assistant", AssistantBlocks(message));
                    break;
                case "tool":
                    Append(messages, "user", [ToolResult(message)]);
                    break;
                default:
                    Append(messages, "user", UserBlocks(message["content"]));
                    break;
            }
        }

        if (system.Count > 0)
        {
            result["system"] = string.Join("\n\n", system);
        }

        result["messages"] = messages;
        var maxTokens = (chat["max_completion_tokens"] ?? chat["max_tokens"]).Long() ?? defaultMaxTokens;
        result["max_tokens"] = maxTokens;
        if (StopSequences(chat["stop"]) is { Count: > 0 } stops)
        {
            result["stop_sequences"] = stops;
        }

        if (chat["user"].Str() is { Length: > 0 } user)
        {
            result["metadata"] = new JsonObject { ["user_id"] = user };
        }

        var thinking = Thinking(chat, maxTokens, messages);
        if (thinking is not null)
        {
            // Anthropic takes no sampling settings other than its defaults while the model thinks.
            result["thinking"] = thinking;
        }
        else
        {
            if (chat["temperature"] is JsonValue temperature && temperature.TryGetValue<double>(out var value))
            {
                result["temperature"] = Math.Clamp(value, 0, 1);
            }

            result.SetCopy("top_p", chat["top_p"]);
        }

        if (chat["response_format"] is JsonObject format && format["type"].Str() == "json_schema")
        {
            result["output_config"] = new JsonObject
            {
                ["format"] = new JsonObject { ["type"] = "json_schema", ["schema"] = format["json_schema"].Obj()?["schema"].Copy() },
            };
        }

        AddTools(chat, result, dropped, customTools);
        if (chat["web_search_options"] is not null)
        {
            DroppedTools.Add(dropped, "web_search_options");
        }

        return result;
    }

    /// <summary>Adds a turn, merged into the previous one when that has the same role (Anthropic wants turns to alternate).</summary>
    private static void Append(JsonArray messages, string role, JsonArray blocks)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        if (messages.Count > 0 && messages[^1] is JsonObject last && last["role"].Str() == role && last["content"] is JsonArray content)
        {
            foreach (var block in blocks.ToList())
            {
                blocks.Remove(block);
                content.Add(block);
            }

            return;
        }

        messages.Add(new JsonObject { ["role"] = role, ["content"] = blocks });
    }

    private static JsonArray UserBlocks(JsonNode? content)
    {
        if (content.Str() is { } text)
        {
            return text.Length > 0 ? [MessageEnvelope.Text(text)] : [];
        }

        var blocks = new JsonArray();
        foreach (var part in content.Objects())
        {
            var block = part["type"].Str() switch
            {
                "text" when part["text"].Str() is { Length: > 0 } partText => MessageEnvelope.Text(partText),
                "image_url" => MessagesContent.ImageFromChat(part),
                "file" => MessagesContent.FileFromChat(part),
                _ => null,
            };
            if (block is not null)
            {
                blocks.Add(block);
            }
        }

        return blocks;
    }

    private static JsonArray AssistantBlocks(JsonObject message)
    {
        var blocks = new JsonArray();
        foreach (var detail in message[ReasoningDetails.Member].Objects())
        {
            if (ReasoningDetails.IsAnthropic(detail) && ReasoningDetails.ToThinking(detail) is { } thinking)
            {
                blocks.Add(thinking);
            }
        }

        if (JsonNodes.JoinedText(message["content"]) is { Length: > 0 } text)
        {
            blocks.Add(MessageEnvelope.Text(text));
        }

        foreach (var call in message["tool_calls"].Objects())
        {
            blocks.Add(call["custom"] is JsonObject custom
                ? MessageEnvelope.ToolUse(call["id"].Str(), custom["name"].Str(), CustomTools.Wrap(custom["input"].Str()))
                : MessageEnvelope.ToolUse(call["id"].Str(), call["function"].Obj()?["name"].Str(), MessageEnvelope.Input(call["function"].Obj()?["arguments"].Str())));
        }

        return blocks;
    }

    private static JsonObject ToolResult(JsonObject message) => new()
    {
        ["type"] = "tool_result",
        ["tool_use_id"] = MessagesContent.ToolUseId(message["tool_call_id"].Str()),
        ["content"] = JsonNodes.JoinedText(message["content"]) ?? "",
    };

    // Anthropic refuses stop sequences made only of whitespace.
    private static JsonArray? StopSequences(JsonNode? stop)
    {
        IEnumerable<string?> values = stop is JsonArray array ? array.Select(s => s.Str()) : [stop.Str()];
        var kept = values.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => (JsonNode?)s).ToArray();
        return kept.Length > 0 ? new JsonArray(kept) : null;
    }

    private static void AddTools(JsonObject chat, JsonObject result, ICollection<string> dropped, ISet<string> customTools)
    {
        var tools = new JsonArray();
        foreach (var tool in chat["tools"].Objects())
        {
            if (tool["type"].Str() == "custom")
            {
                var custom = CustomTools.ToAnthropic(tool["custom"].Obj());
                customTools.Add(custom["name"].Str() ?? "");
                tools.Add(custom);
                continue;
            }

            if (tool["type"].Str() is { } type and not "function")
            {
                DroppedTools.Add(dropped, type);
                continue;
            }

            var function = tool["function"].Obj();
            var converted = new JsonObject { ["name"] = function?["name"].Copy() };
            converted.SetCopy("description", function?["description"]);
            converted["input_schema"] = function?["parameters"].Copy() ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            tools.Add(converted);
        }

        if (tools.Count == 0)
        {
            return;
        }

        result["tools"] = tools;
        var choice = ToolChoice(chat["tool_choice"]);
        if (chat["parallel_tool_calls"].Bool() == false && choice["type"].Str() != "none")
        {
            choice["disable_parallel_tool_use"] = true;
        }

        result["tool_choice"] = choice;
    }

    private static JsonObject ToolChoice(JsonNode? choice) => choice switch
    {
        JsonObject named when (named["function"] ?? named["custom"]).Obj()?["name"].Str() is { } name => new JsonObject { ["type"] = "tool", ["name"] = name },
        var value => value.Str() switch
        {
            "required" => new JsonObject { ["type"] = "any" },
            "none" => new JsonObject { ["type"] = "none" },
            _ => new JsonObject { ["type"] = "auto" },
        },
    };

    /// <summary>
    /// Thinking for a <c>reasoning_effort</c>: low 2k, medium 8k, high 24k, xhigh 32k tokens of budget, kept below
    /// <c>max_tokens</c> as Anthropic requires (no thinking when that leaves less than its minimum). None in the middle of a
    /// tool loop whose last assistant turn does not start with Anthropic's own thinking: Anthropic then wants that turn's
    /// signed thinking back, which only a client that kept it as reasoning items returns. None
    /// when <c>tool_choice</c> forces a tool (<c>required</c> or a named one): Anthropic refuses thinking with a forced tool.
    /// </summary>
    private static JsonObject? Thinking(JsonObject chat, long maxTokens, JsonArray messages)
    {
        long budget = chat["reasoning_effort"].Str() switch
        {
            "low" => 2048,
            "medium" => 8192,
            "high" => 24576,
            "xhigh" => 32768,
            _ => 0,
        };
        budget = Math.Min(budget, maxTokens - 1);
        var inToolLoop = messages.Count > 0 && messages[^1].Obj()?["content"] is JsonArray last && last.Objects().Any(b => b["type"].Str() == "tool_result");
        var loopWithoutThinking = inToolLoop && !StartsWithThinking(messages.Objects().LastOrDefault(m => m["role"].Str() == "assistant"));
        var forcesTool = chat["tools"] is JsonArray { Count: > 0 } && ToolChoice(chat["tool_choice"])["type"].Str() is "any" or "tool";
        return budget < MinThinkingBudget || loopWithoutThinking || forcesTool ? null : new JsonObject { ["type"] = "enabled", ["budget_tokens"] = budget };
    }

    /// <summary>Whether the assistant turn starts with thinking: only Anthropic's own comes back as a block (<see cref="AssistantBlocks"/>).</summary>
    private static bool StartsWithThinking(JsonObject? assistant) =>
        assistant?["content"] is JsonArray { Count: > 0 } content && content[0].Obj()?["type"].Str() is "thinking" or "redacted_thinking";
}
