namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Custom (freeform) tools on an anthropic account, whose tools all take JSON: a custom tool goes up as a tool with one
/// string property, <c>input</c>, that carries the freeform text (a grammar, when the tool has one, in the property's
/// description); a custom call in the history goes up as <c>tool_use</c> with <c>{"input": text}</c>; and a <c>tool_use</c>
/// of a custom tool's name comes back to the client as a custom call whose input is that text. This is how Codex's
/// <c>apply_patch</c> edits files through an anthropic account.
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
        tool["input_schema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                [InputProperty] = new JsonObject { ["type"] = "string", ["description"] = Describe(custom?["format"]) },
            },
            ["required"] = new JsonArray(InputProperty),
            ["additionalProperties"] = false,
        };
        return tool;
    }

    /// <summary>A custom call's input text as the <c>tool_use</c> input Anthropic requires.</summary>
    public static JsonObject Wrap(string? input) => new() { [InputProperty] = input ?? "" };

    /// <summary>The input text of a custom tool's <c>tool_use</c>; an input without the text property is given whole, as JSON.</summary>
    public static string Unwrap(JsonNode? input) => input is JsonObject fields && fields[InputProperty] is JsonValue value && value.TryGetValue<string>(out var text)
        ? text
        : input?.Compact() ?? "";

    private static string Describe(JsonNode? format) => format?["grammar"] is JsonObject grammar
        ? $"The tool's input as plain text, not JSON. It must match this {grammar["syntax"].Str() ?? "lark"} grammar:\n{grammar["definition"].Str()}"
        : "The tool's input as plain text, not JSON.";
}
