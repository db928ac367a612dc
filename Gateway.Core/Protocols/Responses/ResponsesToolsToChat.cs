namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Responses tools → Chat tools. Function and custom (freeform) tools keep their definition, nested under their type as
/// Chat wants it. Hosted tools run inside OpenAI's Responses service (web_search, file_search, computer_use, code
/// interpreter, image generation, MCP, shell, tool_search, namespace, apply_patch, …): a Chat upstream cannot run them,
/// so they are dropped and their types reported, for the <c>x-gateway-dropped</c> header and the usage trace.
/// </summary>
internal static class ResponsesToolsToChat
{
    private static readonly string[] FunctionFields = ["name", "description", "parameters", "strict"];

    /// <summary>The Chat tools, or null when none is left; the types of the dropped ones are added to <paramref name="dropped"/>.</summary>
    public static JsonArray? Convert(JsonNode? tools, ICollection<string> dropped)
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

                    result.Add(new JsonObject { ["type"] = "custom", ["custom"] = custom });
                    break;
                case var hosted:
                    DroppedTools.Add(dropped, hosted);
                    break;
            }
        }

        return result.Count > 0 ? result : null;
    }

    /// <summary>A Chat tool choice, or null when the choice names a hosted tool (or only hosted tools).</summary>
    public static JsonNode? ConvertChoice(JsonNode? choice)
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
                return Reference(named);
            case "allowed_tools":
                var allowed = new JsonArray([.. named["tools"].Objects().Where(t => t["type"].Str() is "function" or "custom").Select(Reference)]);
                return allowed.Count == 0
                    ? null
                    : new JsonObject { ["type"] = "allowed_tools", ["allowed_tools"] = new JsonObject { ["mode"] = named["mode"].Copy(), ["tools"] = allowed } };
            default:
                return null;
        }
    }

    // {type, name} → {type, [type]: {name}}.
    private static JsonObject Reference(JsonObject tool)
    {
        var type = tool["type"].Str()!;
        return new JsonObject { ["type"] = type, [type] = new JsonObject { ["name"] = tool["name"].Copy() } };
    }
}
