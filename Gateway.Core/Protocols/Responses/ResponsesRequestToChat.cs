using System.Text.Json.Nodes;
using Gateway.Core.Protocols.Conversion;

namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Turns a Responses request into a Chat Completions request (SPEC 5.3) for upstreams without the Responses
/// API. <c>instructions</c> becomes a leading system message (not <c>developer</c>: most OpenAI-compatible
/// providers only know <c>system</c>); consecutive <c>function_call</c> items fold into one assistant message
/// with parallel <c>tool_calls</c>; <c>function_call_output</c> items become <c>tool</c> messages. Items, tools
/// and fields Chat cannot express (reasoning items, hosted tools, <c>store</c>, <c>include</c>,
/// <c>previous_response_id</c>, ...) are dropped; other fields are copied through.
/// <c>max_output_tokens</c> becomes <c>max_tokens</c>, the field every OpenAI-compatible provider accepts.
/// </summary>
internal static class ResponsesRequestToChat
{
    private static readonly HashSet<string> Dropped =
    [
        "input", "instructions", "max_output_tokens", "text", "reasoning", "tools", "tool_choice", "store",
        "include", "previous_response_id", "conversation", "background", "truncation", "prompt", "max_tool_calls",
        "stream_options", "metadata", "top_logprobs",
    ];

    private static readonly HashSet<string> TypeField = ["type"];

    public static JsonObject Convert(JsonObject request)
    {
        var result = JsonNodes.CopyExcept(request, Dropped);

        result["messages"] = ConvertInput(request["instructions"].Str(), request["input"]);

        if (request["max_output_tokens"].Long() is { } maxTokens)
        {
            result["max_tokens"] = maxTokens;
        }

        if (request["reasoning"]?["effort"].Str() is { } effort)
        {
            result["reasoning_effort"] = effort;
        }

        if (request["text"]?["format"] is JsonObject format)
        {
            result["response_format"] = ConvertFormat(format);
        }

        if (request["text"]?["verbosity"].Str() is { } verbosity)
        {
            result["verbosity"] = verbosity;
        }

        var tools = new JsonArray([.. request["tools"].Objects().Where(t => t["type"].Str() is "function" or "custom").Select(Nest)]);
        if (tools.Count > 0)
        {
            result["tools"] = tools;
            if (ConvertToolChoice(request["tool_choice"]) is { } toolChoice)
            {
                result["tool_choice"] = toolChoice;
            }
        }
        else
        {
            // Chat rejects tool settings without tools, e.g. when every tool was a hosted one.
            result.Remove("parallel_tool_calls");
        }

        if (request["stream"].Bool() == true)
        {
            // The converted answer needs the token counts for response.completed and the usage log.
            result["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return result;
    }

    private static JsonArray ConvertInput(string? instructions, JsonNode? input)
    {
        var messages = new JsonArray();
        if (!string.IsNullOrEmpty(instructions))
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = instructions });
        }

        if (input.Str() is { } text)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = text });
            return messages;
        }

        JsonObject? openAssistant = null;
        foreach (var item in input.Objects())
        {
            switch (item["type"].Str() ?? "message")
            {
                case "message":
                    var message = ConvertMessage(item);
                    messages.Add(message);
                    openAssistant = message["role"].Str() == "assistant" ? message : null;
                    break;
                case "function_call":
                    if (openAssistant is null)
                    {
                        openAssistant = new JsonObject { ["role"] = "assistant", ["content"] = null };
                        messages.Add(openAssistant);
                    }

                    if (openAssistant["tool_calls"] is not JsonArray calls)
                    {
                        calls = [];
                        openAssistant["tool_calls"] = calls;
                    }

                    calls.Add(Chat.ResponsesAnswerToChat.ToolCall(item["call_id"].Str(), item["name"].Str(), item["arguments"].Str() ?? ""));
                    break;
                case "function_call_output":
                    messages.Add(new JsonObject
                    {
                        ["role"] = "tool",
                        ["tool_call_id"] = item["call_id"].Copy(),
                        ["content"] = JsonNodes.JoinedText(item["output"]) ?? "",
                    });
                    openAssistant = null;
                    break;
            }
        }

        return messages;
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
            switch (part["type"].Str())
            {
                case "input_text" or "output_text":
                    parts.Add(new JsonObject { ["type"] = "text", ["text"] = part["text"].Copy() });
                    break;
                case "input_image" when part["image_url"].Str() is { } url:
                    var image = new JsonObject { ["url"] = url };
                    image.SetCopy("detail", part["detail"]);
                    parts.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = image });
                    break;
                case "input_file":
                    var file = new JsonObject();
                    foreach (var key in (string[])["file_data", "file_id", "filename"])
                    {
                        file.SetCopy(key, part[key]);
                    }

                    parts.Add(new JsonObject { ["type"] = "file", ["file"] = file });
                    break;
            }
        }

        return new JsonObject { ["role"] = "user", ["content"] = parts };
    }

    /// <summary>Responses tools are flat (<c>{type, name, ...}</c>); Chat nests the definition under its type.</summary>
    private static JsonObject Nest(JsonObject flat)
    {
        var type = flat["type"].Str() ?? "function";
        var definition = new JsonObject();
        foreach (var (key, value) in flat)
        {
            if (key != "type")
            {
                definition[key] = key == "tools" ? new JsonArray([.. value.Objects().Select(Nest)]) : value.Copy();
            }
        }

        return new JsonObject { ["type"] = type, [type] = definition };
    }

    private static JsonNode? ConvertToolChoice(JsonNode? choice) => choice switch
    {
        JsonValue => choice.Copy(),
        JsonObject named when named["type"].Str() is "function" or "custom" or "allowed_tools" => Nest(named),
        _ => null,
    };

    private static JsonObject ConvertFormat(JsonObject format)
    {
        var type = format["type"].Str() ?? "text";
        if (type != "json_schema")
        {
            return new JsonObject { ["type"] = type };
        }

        return new JsonObject { ["type"] = "json_schema", ["json_schema"] = JsonNodes.CopyExcept(format, TypeField) };
    }
}
