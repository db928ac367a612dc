namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Turns an Anthropic Messages request into a Chat Completions request (SPEC 5.5), as <see cref="MessagesToChatParameters"/>
/// says for every parameter: <c>system</c> (string or blocks) → a leading system message; user text, image and document blocks → content parts;
/// <c>tool_result</c> blocks → <c>tool</c> messages ahead of the user's own content (an <c>is_error</c> result says so in its
/// text, images in results follow in the user message: Chat tool messages carry text only); assistant text → content,
/// <c>tool_use</c> → <c>tool_calls</c> (parallel calls stay one message), <c>thinking</c> → <c>reasoning_content</c>;
/// <c>redacted_thinking</c> and signatures, which only Anthropic can read, are dropped (but for a Responses upstream,
/// whose own reasoning items come back as thinking the gateway signed: <see cref="ReasoningDetails"/>). <c>tools</c> → function tools
/// (Anthropic's server tools have no Chat form and are dropped), <c>tool_choice</c> (<c>any</c> → <c>required</c>,
/// <c>disable_parallel_tool_use</c> → <c>parallel_tool_calls: false</c>), <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>,
/// <c>stop_sequences</c> → <c>stop</c>, <c>metadata.user_id</c> → <c>user</c> (hashed unless a short plain id), <c>thinking</c> (or <c>output_config.effort</c>)
/// → <c>reasoning_effort</c>, <c>output_config.format</c> → <c>response_format</c>. <c>top_k</c>, <c>service_tier</c>,
/// <c>container</c>, <c>mcp_servers</c> and the like are dropped; dropped server tools are named by type.
/// </summary>
internal static class MessagesRequestToChat
{
    /// <summary>Marks the text of a tool result the client flagged <c>is_error</c>; Chat has no such flag.</summary>
    public const string ToolErrorPrefix = "Error: ";

    /// <summary>How Claude Code's system block for Anthropic's billing begins.</summary>
    private const string BillingHeader = "x-anthropic-billing-header:";

    /// <param name="openAiUpstream">The upstream is OpenAI itself, whose current models take only <c>max_completion_tokens</c>.</param>
    /// <param name="reasoningDetails">
    /// The Chat request goes on to a Responses upstream: signed thinking is kept as <see cref="ReasoningDetails"/>, so the
    /// upstream's own reasoning items (which the gateway signed for the client) go back to it.
    /// </param>
    /// <param name="dropped">Receives the types of the server tools left out, for <c>x-gateway-dropped</c> and the usage trace.</param>
    public static JsonObject Convert(JsonObject request, bool openAiUpstream, bool reasoningDetails, ICollection<string> dropped)
    {
        MessagesToChatParameters.Table.RejectUnsupported(request);
        var chat = MessagesToChatParameters.Table.CopyThrough(request, openAiUpstream);
        var messages = new JsonArray();
        if (SystemText(request["system"]) is { Length: > 0 } system)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        foreach (var message in request["messages"].Objects())
        {
            if (message["role"].Str() == "assistant")
            {
                messages.Add(MessagesAnswerToChat.AssistantMessage(message["content"], CustomTools.None, reasoningDetails));
            }
            else
            {
                AddUser(message["content"], messages);
            }
        }

        chat["messages"] = messages;
        chat.SetCopy(openAiUpstream ? "max_completion_tokens" : "max_tokens", request["max_tokens"]);
        if (request["stop_sequences"] is JsonArray { Count: > 0 } stops)
        {
            chat["stop"] = stops.DeepClone();
        }

        if (request["metadata"].Obj()?["user_id"].Str() is { Length: > 0 } userId)
        {
            chat["user"] = ChatUser(userId);
        }

        if (ReasoningEffort(request) is { } effort)
        {
            chat["reasoning_effort"] = effort;
        }

        if (request["output_config"].Obj()?["format"] is JsonObject { } format && format["type"].Str() == "json_schema")
        {
            chat["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "output", ["schema"] = format["schema"].Copy(), ["strict"] = true },
            };
        }

        AddTools(request, chat, dropped);
        if (request["stream"].Bool() == true)
        {
            chat["stream"] = true;

            // message_delta reports usage: the converted stream needs the token counts.
            chat["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return chat;
    }

    /// <summary>
    /// The system prompt as one text; blocks are separate paragraphs. Claude Code's first block is a billing line for
    /// Anthropic whose hash changes with every conversation: at the front of the prompt it would defeat every upstream's
    /// prefix cache, so it is left out.
    /// </summary>
    public static string? SystemText(JsonNode? system) =>
        system.Str() ?? (system is JsonArray blocks
            ? string.Join("\n\n", blocks.Objects().Select(b => b["text"].Str()).OfType<string>().Where(text => !text.StartsWith(BillingHeader, StringComparison.Ordinal)))
            : null);

    private static void AddUser(JsonNode? content, JsonArray messages)
    {
        if (content.Str() is { } text)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = text });
            return;
        }

        var parts = new JsonArray();
        foreach (var block in content.Objects())
        {
            switch (block["type"].Str())
            {
                case "text":
                    parts.Add(new JsonObject { ["type"] = "text", ["text"] = block["text"].Str() ?? "" });
                    break;
                case "image" when MessagesContent.ImageToChat(block) is { } image:
                    parts.Add(image);
                    break;
                case "document" when MessagesContent.DocumentToChat(block) is { } document:
                    parts.Add(document);
                    break;
                case "tool_result":
                    messages.Add(ToolMessage(block, parts));
                    break;
            }
        }

        if (parts.Count > 0)
        {
            messages.Add(new JsonObject
            {
                ["role"] = "user",
                ["content"] = parts is [JsonObject { } only] && only["type"].Str() == "text" ? only["text"].Copy() : parts,
            });
        }
    }

    /// <summary>A tool message; the result's images go to <paramref name="userParts"/>, the user message that follows.</summary>
    private static JsonObject ToolMessage(JsonObject result, JsonArray userParts)
    {
        var text = new StringBuilder();
        if (result["content"].Str() is { } plain)
        {
            text.Append(plain);
        }

        foreach (var block in result["content"].Objects())
        {
            if (block["type"].Str() == "text")
            {
                text.Append(block["text"].Str());
            }
            else if (block["type"].Str() == "image" && MessagesContent.ImageToChat(block) is { } image)
            {
                userParts.Add(image);
            }
        }

        return new JsonObject
        {
            ["role"] = "tool",
            ["tool_call_id"] = result["tool_use_id"].Copy(),
            ["content"] = result["is_error"].Bool() == true ? ToolErrorPrefix + text : text.ToString(),
        };
    }

    private static void AddTools(JsonObject request, JsonObject chat, ICollection<string> dropped)
    {
        var tools = new JsonArray();
        foreach (var tool in request["tools"].Objects())
        {
            if (tool["type"].Str() is { } type and not "custom")
            {
                DroppedTools.Add(dropped, type);
                continue;
            }

            var function = new JsonObject { ["name"] = tool["name"].Copy() };
            function.SetCopy("description", tool["description"]);
            function["parameters"] = tool["input_schema"].Copy() ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            tools.Add(new JsonObject { ["type"] = "function", ["function"] = function });
        }

        if (tools.Count == 0)
        {
            return;
        }

        chat["tools"] = tools;
        var choice = request["tool_choice"].Obj();
        chat["tool_choice"] = choice?["type"].Str() switch
        {
            "any" => "required",
            "none" => "none",
            "tool" => new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = choice["name"].Copy() } },
            _ => "auto",
        };
        if (choice?["disable_parallel_tool_use"].Bool() == true)
        {
            chat["parallel_tool_calls"] = false;
        }
    }

    /// <summary>
    /// Chat's <c>user</c> for Anthropic's <c>metadata.user_id</c>: as is when it is a plain id of at most 64 characters, else
    /// a stable hash of it. Claude Code sends a JSON object of device, account and session ids, about 150 characters:
    /// OpenRouter refuses a <c>user</c> over 128, other providers fewer, and the ids are no third party's business.
    /// </summary>
    private static string ChatUser(string userId)
    {
        if (userId.Length <= 64 && userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return userId;
        }

        return "user-" + KeyHasher.Hash(userId)[..32];
    }

    /// <summary>
    /// How hard to think: <c>output_config.effort</c> when named (<c>max</c> is <c>high</c>), else the thinking budget — up to
    /// 4k tokens low, up to 16k medium, more high; adaptive thinking lets the model choose, as medium does.
    /// </summary>
    private static string? ReasoningEffort(JsonObject request)
    {
        // Claude Code's side requests turn thinking off and still name an effort: a Chat provider would think anyway.
        var thinking = request["thinking"].Obj();
        if (thinking?["type"].Str() == "disabled")
        {
            return null;
        }

        if (request["output_config"].Obj()?["effort"].Str() is { } effort)
        {
            return effort == "max" ? "high" : effort;
        }

        return thinking?["type"].Str() switch
        {
            "enabled" => (thinking["budget_tokens"].Long() ?? 0) switch
            {
                <= 4096 => "low",
                <= 16384 => "medium",
                _ => "high",
            },
            "adaptive" => "medium",
            _ => null,
        };
    }
}
