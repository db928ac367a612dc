namespace Gateway.Core.Protocols.Responses;

/// <summary>One Chat tool call being streamed as a Responses output item: where it sits, what it is, and its text so far.</summary>
/// <param name="decoder">For the function call of a custom tool sent as a function: reads its input out of the arguments.</param>
/// <param name="toolSearch">A call of the tool search the client runs: a <c>tool_search_call</c> item, whose arguments have no delta events.</param>
internal sealed class ToolCallState(
    int outputIndex, string itemId, string callId, string? ns, string? name, bool custom, CustomToolInputStream? decoder = null, bool toolSearch = false)
{
    public int OutputIndex { get; } = outputIndex;

    public string ItemId { get; } = itemId;

    public string CallId { get; } = callId;

    /// <summary>The namespace of the tool called, or null.</summary>
    public string? Namespace { get; } = ns;

    public string? Name { get; } = name;

    /// <summary>A custom (freeform) tool call rather than a function call.</summary>
    public bool Custom { get; } = custom;

    public CustomToolInputStream? Decoder { get; } = decoder;

    public bool ToolSearch { get; } = toolSearch;

    /// <summary>The function arguments, or the custom call's input.</summary>
    public StringBuilder Text { get; } = new();

    public JsonObject Item(string status) => ToolSearch
        ? ResponseEnvelope.ToolSearchCallItem(ItemId, status, CallId, Text.ToString())
        : ResponseEnvelope.ToolCallItem(Custom, ItemId, status, CallId, Namespace, Name, Text.ToString());
}
