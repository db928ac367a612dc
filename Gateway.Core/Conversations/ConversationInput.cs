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

    /// <summary>
    /// The request for an upstream that speaks Responses itself, when the gateway's store holds what it refers to (the
    /// turns before were served through Chat or Messages): those ids are the gateway's, never that upstream's, so the
    /// stored history goes inline in place of <c>previous_response_id</c> and each stored item in place of its
    /// <c>item_reference</c>. An id the store does not know is left for the upstream: it may be its own. Stored reasoning
    /// items are left out: they hold another provider's thinking, which this upstream cannot take; stored items go without
    /// the gateway's ids.
    /// </summary>
    public static void Inline(JsonObject request, ConversationHistory history)
    {
        var previousId = request["previous_response_id"].Str();
        var previous = previousId is not null && history.PreviousItems is { } stored && history.PreviousResponseId == previousId ? stored : null;
        var input = new JsonArray();
        foreach (var item in previous ?? [])
        {
            AddStored(input, item);
        }

        if (request["input"].Str() is { } text)
        {
            input.Add(new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = text });
        }

        foreach (var item in request["input"].Objects())
        {
            if (item["id"].Str() is { } id && ConversationReferences.IsReference(item["type"].Str(), item.ContainsKey("role"))
                && history.ReferencedItems.TryGetValue(id, out var referenced))
            {
                AddStored(input, referenced);
            }
            else
            {
                input.Add(item.DeepClone());
            }
        }

        if (previous is not null)
        {
            request.Remove("previous_response_id");
        }

        request["input"] = input;
    }

    private static void AddStored(JsonArray input, string json)
    {
        var item = Parse(json);
        if (item["type"].Str() != "reasoning")
        {
            item.Remove("id");
            input.Add(item);
        }
    }

    private static JsonObject Referenced(string id, ConversationHistory? history) =>
        history is not null && history.ReferencedItems.TryGetValue(id, out var json) ? Parse(json) : throw ConversionRejectedException.ItemNotFound(id);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
