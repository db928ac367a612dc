namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// What the model reads of a Messages request, for a local token count (<c>POST /v1/messages/count_tokens</c> without an
/// anthropic account): the system prompt, each turn's text, thinking, tool calls with their input and tool results, its
/// images, the tool definitions and a json_schema output format.
/// </summary>
internal static class MessagesTokenCountInput
{
    public static TokenCountInput From(JsonObject request)
    {
        var input = new TokenCountInput();
        if (MessagesRequestToChat.SystemText(request["system"]) is { Length: > 0 } system)
        {
            input.Messages.Add(new TokenCountMessage("system", system));
        }

        foreach (var message in request["messages"].Objects())
        {
            input.Messages.Add(Turn(message["role"].Str() ?? "user", message["content"]));
        }

        foreach (var tool in request["tools"].Objects())
        {
            input.Tools.Add(tool.Compact());
        }

        if (request["output_config"].Obj()?["format"] is JsonObject { } format && format["type"].Str() == "json_schema")
        {
            input.Tools.Add(format.Compact());
        }

        return input;
    }

    private static TokenCountMessage Turn(string role, JsonNode? content)
    {
        if (content.Str() is { } plain)
        {
            return new TokenCountMessage(role, plain);
        }

        var text = new StringBuilder();
        var images = 0;
        foreach (var block in content.Objects())
        {
            images += Read(block, text);
            foreach (var inner in block["content"].Objects())
            {
                images += Read(inner, text);
            }
        }

        return new TokenCountMessage(role, text.ToString(), OtherImages: images);
    }

    /// <summary>Appends what a block says and returns 1 for an image (its size is not known here).</summary>
    private static int Read(JsonObject block, StringBuilder text)
    {
        switch (block["type"].Str())
        {
            case "image":
                return 1;
            case "tool_use":
                text.Append(block["name"].Str()).Append((block["input"] ?? new JsonObject()).Compact());
                break;
            case "document":
                var source = block["source"].Obj();
                text.Append(source?["type"].Str() == "text" ? source["data"].Str() : null);
                break;
            default:
                text.Append(block["text"].Str() ?? block["thinking"].Str() ?? block["content"].Str());
                break;
        }

        return 0;
    }
}
