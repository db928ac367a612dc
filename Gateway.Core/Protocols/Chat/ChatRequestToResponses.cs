using System.Text;
using System.Text.Json.Nodes;
using Gateway.Core.Protocols.Conversion;

namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Turns a Chat Completions request into a Responses request (SPEC 5.3). Leading system/developer messages
/// become <c>instructions</c>; later ones stay in place as input messages. Fields not named here are copied
/// through unchanged (vendor extensions, <c>metadata</c>, <c>service_tier</c>, ...).
/// <c>stop</c>, <c>n</c>, penalties, <c>seed</c>, logprobs and audio have no Responses counterpart and the
/// Responses API rejects them as unknown parameters, so they are dropped rather than failing the request;
/// <c>stop</c> is then honoured on the way back (<see cref="StopSequences"/>): the upstream may generate past
/// a stop sequence, but the client never sees the text after it.
/// </summary>
internal static class ChatRequestToResponses
{
    private static readonly HashSet<string> Dropped =
    [
        "messages", "stop", "n", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs",
        "seed", "modalities", "audio", "prediction", "web_search_options", "functions", "function_call",
        "stream_options", "max_tokens", "max_completion_tokens", "response_format", "reasoning_effort", "verbosity",
        "tools", "tool_choice",
    ];

    public static JsonObject Convert(JsonObject chat)
    {
        var result = JsonNodes.CopyExcept(chat, Dropped);

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
            result["tool_choice"] = ConvertToolChoice(toolChoice);
        }

        // Responses stores answers by default, Chat does not: keep the Chat client's expectation.
        result["store"] = chat["store"].Bool() ?? false;
        return result;
    }

    private static (string? Instructions, JsonArray Input) ConvertMessages(JsonNode? messages)
    {
        var instructions = new StringBuilder();
        var input = new JsonArray();
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
                    input.Add(new JsonObject
                    {
                        ["type"] = "function_call_output",
                        ["call_id"] = message["tool_call_id"].Copy(),
                        ["output"] = JsonNodes.JoinedText(message["content"]) ?? "",
                    });
                    break;
                case "assistant":
                    AddAssistant(message, input);
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

    private static void AddAssistant(JsonObject message, JsonArray input)
    {
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
                        ["image_url"] = image.Str() ?? image?["url"].Str(),
                        ["detail"] = image?["detail"].Str() ?? "auto",
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
            flat[key] = key == "tools" ? new JsonArray([.. value.Objects().Select(Flatten)]) : value.Copy();
        }

        return flat;
    }

    private static JsonObject FlattenTool(JsonObject tool)
    {
        var flat = Flatten(tool);
        if (flat["type"].Str() == "function")
        {
            // Responses function tools default to strict mode and require parameters; Chat defaults to non-strict.
            flat["strict"] = tool["function"]?["strict"].Bool() ?? false;
            flat["parameters"] ??= new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        }

        return flat;
    }

    private static JsonNode? ConvertToolChoice(JsonNode choice) => choice is JsonObject named ? Flatten(named) : choice.Copy();

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
