namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Responses tools → Chat tools. Function and custom (freeform) tools keep their definition, nested under their type as
/// Chat wants it; for an upstream that takes only function tools, a custom tool becomes one (<see cref="CustomTools"/>),
/// and a tool choice naming it names that function. Hosted tools run inside OpenAI's Responses service (web_search, file_search, computer_use, code
/// interpreter, image generation, MCP, shell, tool_search, namespace, apply_patch, …): a Chat upstream cannot run them,
/// so they are dropped and their types reported, for the <c>x-gateway-dropped</c> header and the usage trace.
/// </summary>
internal static class ResponsesToolsToChat
{
    private static readonly string[] FunctionFields = ["name", "description", "parameters", "strict"];

    /// <summary>The Chat tools, or null when none is left; the types of the dropped ones are added to <paramref name="dropped"/>.</summary>
    /// <param name="customAsFunctions">When not null, custom tools go up as function tools and their names are added here.</param>
    public static JsonArray? Convert(JsonNode? tools, ICollection<string> dropped, ISet<string>? customAsFunctions)
    {
        var result = new JsonArray();
        foreach (var tool in tools.Objects())
        {
            switch (tool["type"].Str())
            {
                case "function":
                    var function = new JsonObject();
                    foreach (var field in FunctionFields)
                    {
                        function.SetCopy(field, tool[field]);
                    }

                    result.Add(new JsonObject { ["type"] = "function", ["function"] = function });
                    break;
                case "custom":
                    var custom = new JsonObject();
                    custom.SetCopy("name", tool["name"]);
                    custom.SetCopy("description", tool["description"]);
                    if (CustomToolFormat.ToChat(tool["format"]) is { } format)
                    {
                        custom["format"] = format;
                    }

                    if (customAsFunctions is null)
                    {
                        result.Add(new JsonObject { ["type"] = "custom", ["custom"] = custom });
                    }
                    else
                    {
                        customAsFunctions.Add(custom["name"].Str() ?? "");
                        result.Add(CustomTools.ToChatFunction(custom));
                    }

                    break;
                case var hosted:
                    DroppedTools.Add(dropped, hosted);
                    break;
            }
        }

        return result.Count > 0 ? result : null;
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
