namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Responses tools → Chat tools. Function and custom (freeform) tools keep their definition, nested under their type as
/// Chat wants it; for an upstream that takes only function tools, a custom tool becomes one (<see cref="CustomTools"/>),
/// and a tool choice naming it names that function. The function and custom tools of a namespace go up flat, named
/// <c>namespace__name</c> (<see cref="ChatToolNames"/>), the namespace's description before their own. A tool search the
/// client runs itself goes up as the function <c>tool_search</c>, and the tools earlier searches loaded go up with the
/// request's own. Hosted tools run inside OpenAI's Responses service (web_search, file_search, computer_use, code
/// interpreter, image generation, MCP, shell, a server-run tool_search, apply_patch, …): a Chat upstream cannot run them,
/// so they are dropped and their types reported, for the <c>x-gateway-dropped</c> header and the usage trace.
/// </summary>
internal static class ResponsesToolsToChat
{
    /// <summary>The Chat tools, or null when none is left; the types of the dropped ones are added to <paramref name="dropped"/>.</summary>
    /// <param name="tools">The request's tools, then those its earlier tool searches loaded (a tool loaded twice goes up once).</param>
    /// <param name="names">Receives how each tool is named to the upstream, for reading its calls back.</param>
    /// <param name="customAsFunctions">Custom tools go up as function tools.</param>
    public static JsonArray? Convert(IEnumerable<JsonObject> tools, ICollection<string> dropped, ChatToolNames names, bool customAsFunctions)
    {
        var result = new List<JsonObject>();
        foreach (var tool in tools)
        {
            switch (tool["type"].Str())
            {
                case "function" or "custom":
                    result.Add(ChatTool(tool, tool["name"].Str(), tool["description"], names, customAsFunctions));
                    break;
                case "namespace":
                    AddNamespace(tool, result, dropped, names, customAsFunctions);
                    break;
                case "tool_search" when tool["execution"].Str() == "client":
                    names.ClientToolSearch = true;
                    var search = new JsonObject { ["name"] = ChatToolNames.ToolSearch };
                    search.SetCopy("description", tool["description"]);
                    search["parameters"] = tool["parameters"].Copy() ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
                    result.Add(new JsonObject { ["type"] = "function", ["function"] = search });
                    break;
                case var hosted:
                    DroppedTools.Add(dropped, hosted);
                    break;
            }
        }

        // A tool loaded by two searches, or loaded and also offered, goes up once.
        JsonNode[] unique = [.. result.DistinctBy(tool => (tool["function"] ?? tool["custom"]).Obj()?["name"].Str())];
        return unique.Length > 0 ? new JsonArray(unique) : null;
    }

    private static void AddNamespace(JsonObject space, List<JsonObject> result, ICollection<string> dropped, ChatToolNames names, bool customAsFunctions)
    {
        var ns = space["name"].Str() ?? "";
        foreach (var tool in space["tools"].Objects())
        {
            var name = tool["name"].Str();
            if (tool["type"].Str() is not ("function" or "custom") || name is null || ChatToolNames.ChatName(ns, name) is not { } chatName)
            {
                // A tool without a Chat name the model could call: the namespace is not served whole.
                DroppedTools.Add(dropped, "namespace");
                continue;
            }

            names.AddNamespaced(chatName, ns, name);
            var description = string.Join("\n\n", new[] { space["description"].Str(), tool["description"].Str() }.Where(d => !string.IsNullOrEmpty(d)));
            result.Add(ChatTool(tool, chatName, description.Length > 0 ? description : null, names, customAsFunctions));
        }
    }

    /// <summary>A function or custom tool, named <paramref name="chatName"/> for the upstream.</summary>
    private static JsonObject ChatTool(JsonObject tool, string? chatName, JsonNode? description, ChatToolNames names, bool customAsFunctions)
    {
        var definition = new JsonObject { ["name"] = chatName };
        definition.SetCopy("description", description);
        if (tool["type"].Str() == "function")
        {
            definition.SetCopy("parameters", tool["parameters"]);
            definition.SetCopy("strict", tool["strict"]);
            return new JsonObject { ["type"] = "function", ["function"] = definition };
        }

        if (CustomToolFormat.ToChat(tool["format"]) is { } format)
        {
            definition["format"] = format;
        }

        if (!customAsFunctions)
        {
            return new JsonObject { ["type"] = "custom", ["custom"] = definition };
        }

        names.AddCustomAsFunction(chatName ?? "");
        return CustomTools.ToChatFunction(definition);
    }

    /// <summary>A Chat tool choice, or null when the choice names a hosted tool (or only hosted tools).</summary>
    /// <param name="customAsFunctions">Custom tools went up as function tools: a choice of one names the function.</param>
    public static JsonNode? ConvertChoice(JsonNode? choice, bool customAsFunctions)
    {
        if (choice is JsonValue)
        {
            return choice.Copy();
        }

        if (choice is not JsonObject named)
        {
            return null;
        }

        switch (named["type"].Str())
        {
            case "function" or "custom":
                return Reference(named, customAsFunctions);
            case "allowed_tools":
                var allowed = new JsonArray([.. named["tools"].Objects().Where(t => t["type"].Str() is "function" or "custom").Select(t => Reference(t, customAsFunctions))]);
                return allowed.Count == 0
                    ? null
                    : new JsonObject { ["type"] = "allowed_tools", ["allowed_tools"] = new JsonObject { ["mode"] = named["mode"].Copy(), ["tools"] = allowed } };
            default:
                return null;
        }
    }

    // {type, name} → {type, [type]: {name}}.
    private static JsonObject Reference(JsonObject tool, bool customAsFunctions)
    {
        var type = tool["type"].Str() == "custom" && customAsFunctions ? "function" : tool["type"].Str()!;
        return new JsonObject { ["type"] = type, [type] = new JsonObject { ["name"] = tool["name"].Copy() } };
    }
}
