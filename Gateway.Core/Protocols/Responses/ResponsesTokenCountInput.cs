namespace Gateway.Core.Protocols.Responses;

/// <summary>What the model reads of a Responses request, for a local token count: instructions, items, tools, output schema.</summary>
internal static class ResponsesTokenCountInput
{
    /// <param name="items">The full input: stored history first, then the request's own items.</param>
    public static TokenCountInput From(JsonObject request, IEnumerable<JsonObject> items)
    {
        var input = new TokenCountInput();
        if (request["instructions"].Str() is { Length: > 0 } instructions)
        {
            input.Messages.Add(new TokenCountMessage("system", instructions));
        }

        foreach (var item in items)
        {
            if (Message(item) is { } message)
            {
                input.Messages.Add(message);
            }
        }

        foreach (var tool in request["tools"].Objects())
        {
            input.Tools.Add(tool.Compact());
        }

        if (request["text"].Obj()?["format"] is JsonObject { } format && format["type"].Str() == "json_schema")
        {
            input.Tools.Add(format.Compact());
        }

        return input;
    }

    private static TokenCountMessage? Message(JsonObject item) => (item["type"].Str() ?? "message") switch
    {
        "message" => Content(item["role"].Str() ?? "user", item["content"]),
        "function_call" => new TokenCountMessage("assistant", item["name"].Str() + item["arguments"].Str()),
        "custom_tool_call" => new TokenCountMessage("assistant", item["name"].Str() + item["input"].Str()),
        "function_call_output" or "custom_tool_call_output" => new TokenCountMessage("tool", JsonNodes.JoinedText(item["output"]) ?? ""),
        "reasoning" => new TokenCountMessage("assistant", ReasoningText.Of(item)),
        _ => null,
    };

    private static TokenCountMessage Content(string role, JsonNode? content)
    {
        if (content.Str() is { } text)
        {
            return new TokenCountMessage(role, text);
        }

        var parts = content.Objects().ToList();
        var images = parts.Where(p => p["type"].Str() == "input_image").ToList();
        var low = images.Count(p => p["detail"].Str() == "low");
        var written = string.Concat(parts.Select(p => p["text"].Str() ?? p["refusal"].Str()));
        return new TokenCountMessage(role, written, low, images.Count - low);
    }
}
