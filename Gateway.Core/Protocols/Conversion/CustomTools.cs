namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// Custom (freeform) tools on an upstream that takes only JSON tools: an anthropic account, and an OpenAI-compatible Chat
/// provider (vLLM, DeepSeek, Kimi and the like accept only <c>function</c> tools). A custom tool goes up as a tool with one
/// string property, <c>input</c>, that carries the freeform text (a grammar, when the tool has one, in the property's
/// description); a custom call in the history goes up as a call whose arguments are <c>{"input": text}</c>; and a call of
/// a custom tool's name comes back to the client as a custom call whose input is that text. This is how Codex's
/// <c>apply_patch</c> edits files through such accounts.
/// </summary>
internal static class CustomTools
{
    public const string InputProperty = "input";

    /// <summary>No custom tools: a Messages client's own request, which cannot define any.</summary>
    public static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>The Anthropic tool for a Chat custom tool's <c>custom</c> object (name, description, format).</summary>
    public static JsonObject ToAnthropic(JsonObject? custom)
    {
        var tool = new JsonObject { ["name"] = custom?["name"].Copy() };
        tool.SetCopy("description", custom?["description"]);
        tool["input_schema"] = InputSchema(custom?["format"]);
        return tool;
    }

    /// <summary>The Chat function tool for a Chat custom tool's <c>custom</c> object (name, description, format).</summary>
    public static JsonObject ToChatFunction(JsonObject? custom)
    {
        var function = new JsonObject { ["name"] = custom?["name"].Copy() };
        function.SetCopy("description", custom?["description"]);
        function["parameters"] = InputSchema(custom?["format"]);
        return new JsonObject { ["type"] = "function", ["function"] = function };
    }

    /// <summary>A custom call's input text as the JSON input of a <c>tool_use</c> or a function call.</summary>
    public static JsonObject Wrap(string? input) => new() { [InputProperty] = input ?? "" };

    /// <summary>The input text of a custom tool's <c>tool_use</c> or function call; an input without the text property is given whole, as JSON.</summary>
    public static string Unwrap(JsonNode? input) => input is JsonObject fields && fields[InputProperty] is JsonValue value && value.TryGetValue<string>(out var text)
        ? text
        : input?.Compact() ?? "";

    /// <summary>The input text of a custom tool's call given as JSON text; text that is no JSON object is the input itself.</summary>
    public static string UnwrapArguments(string json) => JsonNodes.ParseObject(json) is { } input ? Unwrap(input) : json;

    // One required string property that carries the freeform text.
    private static JsonObject InputSchema(JsonNode? format) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            [InputProperty] = new JsonObject { ["type"] = "string", ["description"] = Describe(format) },
        },
        ["required"] = new JsonArray(InputProperty),
        ["additionalProperties"] = false,
    };

    private static string Describe(JsonNode? format) => format.Obj()?["grammar"] is JsonObject grammar
        ? $"The tool's input as plain text, not JSON. It must match this {grammar["syntax"].Str() ?? "lark"} grammar:\n{grammar["definition"].Str()}"
        : "The tool's input as plain text, not JSON.";
}
