namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Turns a Responses request into a Chat Completions request (SPEC 5.3) for upstreams without the Responses API, as
/// <see cref="ResponsesToChatParameters"/> says for every parameter: the converted request carries only parameters Chat
/// Completions accepts (and, for OpenAI-compatible providers, only the ones they commonly accept).
/// </summary>
internal static class ResponsesRequestToChat
{
    /// <param name="request">The client's request, left unchanged so another attempt can convert it again.</param>
    /// <param name="items">The full input: the stored history of <c>previous_response_id</c>, then the request's own items.</param>
    /// <param name="openAiUpstream">The upstream is OpenAI's own API, which accepts its optional parameters.</param>
    /// <param name="droppedTools">Receives the types of the hosted tools left out.</param>
    /// <param name="toolNames">Receives how each tool is named to the upstream, for reading its calls back.</param>
    /// <param name="customAsFunctions">The upstream takes only function tools: custom tools go up as function tools.</param>
    /// <param name="reasoningDetails">The Chat request goes on to a Messages upstream: reasoning items keep their <see cref="ReasoningDetails"/>.</param>
    public static JsonObject Convert(
        JsonObject request, IEnumerable<JsonObject> items, bool openAiUpstream, ICollection<string> droppedTools, ChatToolNames toolNames, bool customAsFunctions, bool reasoningDetails)
    {
        var table = ResponsesToChatParameters.Table;
        table.RejectUnsupported(request);
        var result = table.CopyThrough(request, openAiUpstream);
        result["messages"] = ResponsesItemsToMessages.Convert(request["instructions"].Str(), items, customAsFunctions, reasoningDetails);

        if (request["max_output_tokens"].Long() is { } maxTokens)
        {
            // Current OpenAI models refuse max_tokens; most other providers only know it.
            result[openAiUpstream ? "max_completion_tokens" : "max_tokens"] = maxTokens;
        }

        if (request["reasoning"].Obj()?["effort"].Str() is { } effort)
        {
            result["reasoning_effort"] = effort;
        }

        if (request["text"].Obj()?["format"] is JsonObject format)
        {
            result["response_format"] = ConvertFormat(format);
        }

        if (openAiUpstream && request["text"].Obj()?["verbosity"].Str() is { } verbosity)
        {
            result["verbosity"] = verbosity;
        }

        // The tools the client's own tool searches loaded are offered as the request's own: Chat has no deferred tools.
        var loaded = items.Where(item => item["type"].Str() == "tool_search_output").SelectMany(item => item["tools"].Objects());
        if (ResponsesToolsToChat.Convert(request["tools"].Objects().Concat(loaded), droppedTools, toolNames, customAsFunctions) is { } tools)
        {
            result["tools"] = tools;
            result.SetCopy("parallel_tool_calls", request["parallel_tool_calls"]);
            if (ResponsesToolsToChat.ConvertChoice(request["tool_choice"], customAsFunctions) is { } toolChoice)
            {
                result["tool_choice"] = toolChoice;
            }
        }

        if (request["stream"].Bool() == true)
        {
            // The converted answer needs the token counts for response.completed and the usage log.
            result["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return result;
    }

    private static JsonObject ConvertFormat(JsonObject format)
    {
        var type = format["type"].Str() ?? "text";
        if (type != "json_schema")
        {
            return new JsonObject { ["type"] = type };
        }

        var schema = new JsonObject();
        foreach (var (key, value) in format)
        {
            if (key != "type")
            {
                schema[key] = value.Copy();
            }
        }

        return new JsonObject { ["type"] = "json_schema", ["json_schema"] = schema };
    }
}
