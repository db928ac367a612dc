namespace Gateway.Core.Conversations;

/// <summary>
/// Rebuilds a Responses request's full input for an upstream that keeps no state (SPEC 5.3): the stored history of its
/// <c>previous_response_id</c>, then its own items with every <c>item_reference</c> replaced by the item it names.
/// An id that is not known gets a clear 400, never a silent drop.
/// </summary>
internal static class ConversationInput
{
    /// <summary>The request's own input as items (a string input is one user message), references resolved.</summary>
    public static JsonArray OwnItems(JsonNode? input, ConversationHistory? history)
    {
        if (input.Str() is { } text)
        {
            return [new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = text }];
        }

        var items = new JsonArray();
        foreach (var item in input.Objects())
        {
            items.Add(item["id"].Str() is { } id && ConversationReferences.IsReference(item["type"].Str(), item.ContainsKey("role"))
                ? Referenced(id, history)
                : item.DeepClone());
        }

        return items;
    }

    /// <summary>The stored items before the request's own, oldest first; empty without a <c>previous_response_id</c>.</summary>
    public static IEnumerable<JsonObject> Previous(string? previousResponseId, ConversationHistory? history)
    {
        if (previousResponseId is null)
        {
            return [];
        }

        if (history?.PreviousItems is not { } stored || history.PreviousResponseId != previousResponseId)
        {
            throw ConversionRejectedException.PreviousResponseNotFound(previousResponseId);
        }

        return stored.Select(Parse);
    }

    private static JsonObject Referenced(string id, ConversationHistory? history) =>
        history is not null && history.ReferencedItems.TryGetValue(id, out var json) ? Parse(json) : throw ConversionRejectedException.ItemNotFound(id);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
