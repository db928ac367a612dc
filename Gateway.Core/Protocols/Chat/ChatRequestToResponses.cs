namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Turns a Chat Completions request into a Responses request (SPEC 5.3), as <see cref="ChatToResponsesParameters"/> says
/// for every parameter. Leading system/developer messages become <c>instructions</c>; later ones stay in place as input
/// messages. Function and custom tool calls become <c>function_call</c> / <c>custom_tool_call</c> items, and each
/// <c>tool</c> message the output item of the kind of call it answers. An assistant message's OpenAI reasoning details
/// (<see cref="ReasoningDetails"/>, which a Messages client's history carries, never a Chat client's) go back as the
/// reasoning items they came from, before the message's own items. <c>stop</c> has no Responses counterpart: it is
/// honoured on the way back (<see cref="StopSequences"/>), so the client never sees the text after a stop sequence.
/// </summary>
internal static class ChatRequestToResponses
{
    /// <param name="chat">The client's request, left unchanged so another attempt can convert it again.</param>
    /// <param name="droppedTools">Receives the hosted tools left out (<c>web_search_options</c>).</param>
    public static JsonObject Convert(JsonObject chat, ICollection<string> droppedTools)
    {
        var result = ChatToResponsesParameters.Table.CopyThrough(chat, openAiUpstream: true);

        var (instructions, input) = ConvertMessages(chat["messages"]);
        if (instructions is not null)
        {
            result["instructions"] = instructions;
        }

        result["input"] = input;

        if ((chat["max_completion_tokens"] ?? chat["max_tokens"]).Long() is { } maxTokens)
        {
            result["max_output_tokens"] = maxTokens;
        }

        if (chat["reasoning_effort"].Str() is { } effort)
        {
            result["reasoning"] = new JsonObject { ["effort"] = effort };
        }

        var text = new JsonObject();
        if (chat["response_format"] is JsonObject format && ConvertResponseFormat(format) is { } textFormat)
        {
            text["format"] = textFormat;
        }

        if (chat["verbosity"].Str() is { } verbosity)
        {
            text["verbosity"] = verbosity;
        }

        if (text.Count > 0)
        {
            result["text"] = text;
        }

        if (chat["tools"] is JsonArray tools)
        {
            result["tools"] = new JsonArray([.. tools.OfType<JsonObject>().Select(FlattenTool)]);
        }

        if (chat["tool_choice"] is { } toolChoice)
        {
            result["tool_choice"] = toolChoice is JsonObject named ? Flatten(named) : toolChoice.Copy();
        }

        if (chat["web_search_options"] is not null)
        {
            droppedTools.Add("web_search_options");
        }

        // Responses stores answers by default, Chat does not: keep the Chat client's expectation.
        result["store"] = chat["store"].Bool() ?? false;
        return result;
    }

    private static (string? Instructions, JsonArray Input) ConvertMessages(JsonNode? messages)
    {
        var instructions = new StringBuilder();
        var input = new JsonArray();
        var customCalls = new HashSet<string>(StringComparer.Ordinal);
        var leading = true;
        foreach (var message in messages.Objects())
        {
            var role = message["role"].Str();
            if (leading && role is "system" or "developer")
            {
                if (instructions.Length > 0)
                {
                    instructions.Append("\n\n");
                }

                instructions.Append(JsonNodes.JoinedText(message["content"]));
                continue;
            }

            leading = false;
            switch (role)
            {
                case "tool":
                    var callId = message["tool_call_id"].Str();
                    input.Add(new JsonObject
                    {
                        ["type"] = callId is not null && customCalls.Contains(callId) ? "custom_tool_call_output" : "function_call_output",
                        ["call_id"] = callId,
                        ["output"] = JsonNodes.JoinedText(message["content"]) ?? "",
                    });
                    break;
                case "assistant":
                    AddAssistant(message, input, customCalls);
                    break;
                case "user" or "system" or "developer":
                    input.Add(new JsonObject
                    {
                        ["type"] = "message",
                        ["role"] = role,
                        ["content"] = ConvertContent(message["content"], "input_text"),
                    });
                    break;
            }
        }

        return (instructions.Length > 0 ? instructions.ToString() : null, input);
    }

    private static void AddAssistant(JsonObject message, JsonArray input, HashSet<string> customCalls)
    {
        foreach (var detail in message[ReasoningDetails.Member].Objects().Where(ReasoningDetails.IsOpenAi))
        {
            if (ReasoningDetails.ToReasoningItem(detail, ConversionIds.New("rs_")) is { } reasoning)
            {
                input.Add(reasoning);
            }
        }

        var content = message["content"];
        var hasText = content is JsonArray { Count: > 0 } || !string.IsNullOrEmpty(content.Str());
        if (hasText || message["refusal"].Str() is not null)
        {
            var parts = content is JsonArray ? (JsonArray)ConvertContent(content, "output_text") : new JsonArray();
            if (!string.IsNullOrEmpty(content.Str()))
            {
                parts.Add(OutputText(content.Str()!));
            }

            if (message["refusal"].Str() is { } refusal)
            {
                parts.Add(new JsonObject { ["type"] = "refusal", ["refusal"] = refusal });
            }

            input.Add(new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = parts });
        }

        foreach (var call in message["tool_calls"].Objects())
        {
            if (call["custom"] is JsonObject custom)
            {
                if (call["id"].Str() is { } id)
                {
                    customCalls.Add(id);
                }

                input.Add(new JsonObject
                {
                    ["type"] = "custom_tool_call",
                    ["call_id"] = call["id"].Copy(),
                    ["name"] = custom["name"].Copy(),
                    ["input"] = custom["input"].Str() ?? "",
                });
                continue;
            }

            var function = call["function"].Obj();
            input.Add(new JsonObject
            {
                ["type"] = "function_call",
                ["call_id"] = call["id"].Copy(),
                ["name"] = function?["name"].Copy(),
                ["arguments"] = function?["arguments"].Str() ?? "",
            });
        }
    }

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    /// <summary>String content stays a string; parts map text → <paramref name="textType"/>, image_url → input_image, file → input_file.</summary>
    private static JsonNode ConvertContent(JsonNode? content, string textType)
    {
        if (content is not JsonArray parts)
        {
            return JsonValue.Create(content.Str() ?? "");
        }

        var result = new JsonArray();
        foreach (var part in parts.OfType<JsonObject>())
        {
            switch (part["type"].Str())
            {
                case "text":
                    result.Add(textType == "output_text"
                        ? OutputText(part["text"].Str() ?? "")
                        : new JsonObject { ["type"] = textType, ["text"] = part["text"].Copy() });
                    break;
                case "refusal":
                    result.Add(new JsonObject { ["type"] = "refusal", ["refusal"] = part["refusal"].Copy() });
                    break;
                case "image_url":
                    var image = part["image_url"];
                    result.Add(new JsonObject
                    {
                        ["type"] = "input_image",
                        ["image_url"] = image.Str() ?? image.Obj()?["url"].Str(),
                        ["detail"] = image.Obj()?["detail"].Str() ?? "auto",
                    });
                    break;
                case "file":
                    var file = new JsonObject { ["type"] = "input_file" };
                    foreach (var (key, value) in part["file"].Obj() ?? [])
                    {
                        file[key] = value.Copy();
                    }

                    result.Add(file);
                    break;
            }
        }

        return result;
    }

    /// <summary>Chat nests a tool's definition under its type (<c>{type, function:{name,...}}</c>); Responses flattens it.</summary>
    private static JsonObject Flatten(JsonObject nested)
    {
        var type = nested["type"].Str() ?? "function";
        var flat = new JsonObject { ["type"] = type };
        foreach (var (key, value) in nested[type].Obj() ?? [])
        {
            flat[key] = key switch
            {
                "tools" => new JsonArray([.. value.Objects().Select(Flatten)]),
                "format" when type == "custom" => CustomToolFormat.ToResponses(value),
                _ => value.Copy(),
            };
        }

        return flat;
    }

    private static JsonObject FlattenTool(JsonObject tool)
    {
        var flat = Flatten(tool);
        if (flat["type"].Str() == "function")
        {
            // Responses function tools default to strict mode and require parameters; Chat defaults to non-strict.
            flat["strict"] = tool["function"].Obj()?["strict"].Bool() ?? false;
            flat["parameters"] ??= new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        }

        return flat;
    }

    private static JsonObject? ConvertResponseFormat(JsonObject format)
    {
        var type = format["type"].Str();
        if (type != "json_schema")
        {
            return type is null ? null : new JsonObject { ["type"] = type };
        }

        var result = new JsonObject { ["type"] = "json_schema" };
        foreach (var (key, value) in format["json_schema"].Obj() ?? [])
        {
            result[key] = value.Copy();
        }

        return result;
    }
}
