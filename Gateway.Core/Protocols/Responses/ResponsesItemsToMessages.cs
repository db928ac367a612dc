namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Responses input items → Chat messages. <c>instructions</c> and the system and developer items right after it are one
/// leading system message, their texts as paragraphs; consecutive function and
/// custom tool calls (and calls of a client-run tool search) fold into one assistant message with parallel
/// <c>tool_calls</c>; call outputs become <c>tool</c> messages (a tool search's, the names of the tools it loaded); the
/// images and files of call outputs, which a Chat tool message cannot carry, follow those tool messages as one user
/// message; a reasoning item's text rides on the assistant message it precedes as <c>reasoning_content</c>,
/// which Chat providers with thinking modes require back on tool turns, and, for a Messages upstream, its opaque reasoning
/// as <see cref="ReasoningDetails"/> in item order (redacted thinking too, which has no text). Items of hosted tools (web search, file search,
/// computer, shell, …) have no Chat form and are left out.
/// </summary>
internal static class ResponsesItemsToMessages
{
    /// <param name="customCallsAsFunctions">The upstream takes only function tools: custom calls go up as function calls (<see cref="CustomTools"/>).</param>
    /// <param name="reasoningDetails">
    /// The Chat messages go on to a Messages upstream, which takes its own signed thinking back: reasoning items keep their
    /// <see cref="ReasoningDetails"/>. A Chat upstream never gets them.
    /// </param>
    public static JsonArray Convert(string? instructions, IEnumerable<JsonObject> items, bool customCallsAsFunctions, bool reasoningDetails)
    {
        var messages = new JsonArray();
        if (!string.IsNullOrEmpty(instructions))
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = instructions });
        }

        JsonObject? openAssistant = null;
        var reasoning = new PendingReasoning();
        JsonArray? outputParts = null;
        foreach (var item in items)
        {
            var type = item["type"].Str() ?? "message";
            if (type is not ("function_call_output" or "custom_tool_call_output" or "tool_search_output"))
            {
                AddOutputParts(messages, ref outputParts);
            }

            switch (type)
            {
                case "message":
                    var message = ConvertMessage(item);
                    openAssistant = message["role"].Str() == "assistant" ? message : null;

                    // Reasoning is the assistant's own: before a user or system turn it has nowhere to go.
                    if (openAssistant is null)
                    {
                        reasoning = new PendingReasoning();
                    }

                    reasoning.AttachTo(openAssistant);
                    if (!JoinsLeadingSystemMessage(messages, message))
                    {
                        messages.Add(message);
                    }

                    break;
                case "function_call" or "custom_tool_call" or "tool_search_call":
                    if (openAssistant is null)
                    {
                        openAssistant = new JsonObject { ["role"] = "assistant", ["content"] = null };
                        reasoning.AttachTo(openAssistant);
                        messages.Add(openAssistant);
                    }

                    ToolCalls(openAssistant).Add(ToolCall(item, customCallsAsFunctions));
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    messages.Add(new JsonObject
                    {
                        ["role"] = "tool",
                        ["tool_call_id"] = item["call_id"].Copy(),
                        ["content"] = OutputText(item["output"], ref outputParts),
                    });
                    openAssistant = null;
                    break;
                case "tool_search_output":
                    // The tools themselves go up with the request's tools; the model reads which ones it can call now.
                    messages.Add(new JsonObject
                    {
                        ["role"] = "tool",
                        ["tool_call_id"] = item["call_id"].Copy(),
                        ["content"] = LoadedTools(item["tools"]),
                    });
                    openAssistant = null;
                    break;
                case "reasoning":
                    // Thinking after the assistant began its turn belongs to that same turn.
                    reasoning.Add(ReasoningText.Of(item), reasoningDetails ? ReasoningDetails.FromReasoningItem(item) : null);
                    reasoning.AttachTo(openAssistant);
                    break;
            }
        }

        AddOutputParts(messages, ref outputParts);
        return messages;
    }

    /// <summary>What a client-run tool search loaded, as the model calls it: the Chat names of the tools.</summary>
    private static string LoadedTools(JsonNode? tools)
    {
        var names = tools.Objects().SelectMany(tool => tool["type"].Str() == "namespace"
            ? tool["tools"].Objects().Select(inner => ChatToolNames.ChatName(tool["name"].Str(), inner["name"].Str()))
            : [tool["name"].Str()]);
        var loaded = string.Join(", ", names.OfType<string>());
        return loaded.Length > 0 ? "Tools loaded: " + loaded : "No tools found.";
    }

    /// <summary>A call output's text; its other parts join <paramref name="outputParts"/>.</summary>
    private static string OutputText(JsonNode? output, ref JsonArray? outputParts)
    {
        if (output.Str() is { } text)
        {
            return text;
        }

        var joined = new StringBuilder();
        foreach (var part in output.Objects())
        {
            if (part["type"].Str() == "input_text")
            {
                joined.Append(part["text"].Str());
            }
            else if (UserPart(part) is { } other)
            {
                (outputParts ??= []).Add(other);
            }
        }

        return joined.ToString();
    }

    /// <summary>The images and files of the call outputs just read, as the user message after their tool messages.</summary>
    private static void AddOutputParts(JsonArray messages, ref JsonArray? outputParts)
    {
        if (outputParts is not null)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = outputParts });
            outputParts = null;
        }
    }

    /// <summary>
    /// A call item as a Chat tool call: function calls carry arguments, custom calls their freeform input; a call of a
    /// namespace's tool is named as its tool went up (<see cref="ChatToolNames"/>).
    /// </summary>
    private static JsonObject ToolCall(JsonObject item, bool customCallsAsFunctions)
    {
        var name = ChatToolNames.ChatName(item["namespace"].Str(), item["name"].Str()) ?? item["name"].Str();
        return item["type"].Str() switch
        {
            "tool_search_call" => ResponsesAnswerToChat.ToolCall(item["call_id"].Str(), ChatToolNames.ToolSearch, item["arguments"].Str() ?? item["arguments"]?.Compact() ?? "{}"),
            "custom_tool_call" when customCallsAsFunctions => ResponsesAnswerToChat.ToolCall(item["call_id"].Str(), name, CustomTools.Wrap(item["input"].Str()).Compact()),
            "custom_tool_call" => ResponsesAnswerToChat.CustomToolCall(item["call_id"].Str(), name, item["input"].Str() ?? ""),
            _ => ResponsesAnswerToChat.ToolCall(item["call_id"].Str(), name, item["arguments"].Str() ?? ""),
        };
    }

    private static JsonArray ToolCalls(JsonObject assistant)
    {
        if (assistant["tool_calls"] is not JsonArray calls)
        {
            calls = [];
            assistant["tool_calls"] = calls;
        }

        return calls;
    }

    /// <summary>The reasoning read since the last assistant message, until it rides on the next one.</summary>
    private sealed class PendingReasoning
    {
        private readonly List<string> _texts = [];
        private readonly List<JsonObject> _details = [];

        public void Add(string? text, JsonObject? detail)
        {
            if (!string.IsNullOrEmpty(text))
            {
                _texts.Add(text);
            }

            if (detail is not null)
            {
                _details.Add(detail);
            }
        }

        /// <summary>Puts the text and details on <paramref name="assistant"/>, after any it already carries, and forgets them.</summary>
        public void AttachTo(JsonObject? assistant)
        {
            if (assistant is null)
            {
                return;
            }

            if (_texts.Count > 0)
            {
                var reasoning = string.Join("\n\n", _texts);
                var earlier = assistant["reasoning_content"].Str();
                assistant["reasoning_content"] = earlier is null ? reasoning : earlier + "\n\n" + reasoning;
                _texts.Clear();
            }

            if (_details.Count > 0)
            {
                if (assistant[ReasoningDetails.Member] is not JsonArray details)
                {
                    details = [];
                    assistant[ReasoningDetails.Member] = details;
                }

                foreach (var detail in _details)
                {
                    details.Add(detail);
                }

                _details.Clear();
            }
        }
    }

    /// <summary>
    /// A system message right after the leading ones (instructions, Codex's developer items) joins the last of them, as a
    /// paragraph: many providers' chat templates take one system message, at the start.
    /// </summary>
    private static bool JoinsLeadingSystemMessage(JsonArray messages, JsonObject message)
    {
        if (message["role"].Str() != "system" || message["content"].Str() is not { } text
            || messages.Count == 0 || messages.Any(m => m!["role"].Str() != "system") || messages[^1]!["content"].Str() is not { } leading)
        {
            return false;
        }

        messages[^1]!["content"] = leading.Length == 0 ? text : text.Length == 0 ? leading : leading + "\n\n" + text;
        return true;
    }

    private static JsonObject ConvertMessage(JsonObject item)
    {
        var role = item["role"].Str() ?? "user";
        if (role != "user")
        {
            // Assistant and system turns go as plain text: the widest-supported shape across providers.
            var content = item["content"];
            var text = content.Str() ?? string.Concat(content.Objects().Where(p => p["type"].Str() != "refusal").Select(p => p["text"].Str()));
            var refusal = content.Objects().Where(p => p["type"].Str() == "refusal").Select(p => p["refusal"].Str()).FirstOrDefault();
            var message = new JsonObject
            {
                ["role"] = role == "developer" ? "system" : role,
                ["content"] = text.Length > 0 || refusal is null ? text : null,
            };
            if (refusal is not null)
            {
                message["refusal"] = refusal;
            }

            return message;
        }

        if (item["content"].Str() is { } userText)
        {
            return new JsonObject { ["role"] = "user", ["content"] = userText };
        }

        var parts = new JsonArray();
        foreach (var part in item["content"].Objects())
        {
            if (UserPart(part) is { } converted)
            {
                parts.Add(converted);
            }
        }

        return new JsonObject { ["role"] = "user", ["content"] = parts };
    }

    /// <summary>A user content part (text, image or file) as a Chat part; null for what Chat cannot carry.</summary>
    private static JsonObject? UserPart(JsonObject part)
    {
        switch (part["type"].Str())
        {
            case "input_text" or "output_text":
                return new JsonObject { ["type"] = "text", ["text"] = part["text"].Copy() };
            case "input_image" when part["image_url"].Str() is { } url:
                var image = new JsonObject { ["url"] = url };
                image.SetCopy("detail", part["detail"]);
                return new JsonObject { ["type"] = "image_url", ["image_url"] = image };
            case "input_file":
                var file = new JsonObject();
                foreach (var key in (string[])["file_data", "file_id", "filename"])
                {
                    file.SetCopy(key, part[key]);
                }

                return new JsonObject { ["type"] = "file", ["file"] = file };
            default:
                return null;
        }
    }
}
