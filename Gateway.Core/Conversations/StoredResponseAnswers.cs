namespace Gateway.Core.Conversations;

/// <summary>
/// A stored response (SPEC 5.3) as the Responses API's calls about one response show it: <c>GET /v1/responses/{id}</c> the
/// response object the client received, <c>GET /v1/responses/{id}/input_items</c> a page of the input items the turn
/// sent (references resolved, each with an id: <see cref="ResponseStore"/> gives one to an item sent without), in the shape
/// of OpenAI's <c>ResponseItemList</c>. A message the client sent untyped, or with its content as one string, is listed
/// typed and with its content as one text part, as the Responses API lists it.
/// </summary>
public static class StoredResponseAnswers
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The response object the client received; null for a response stored before whole responses were kept.</summary>
    public static JsonObject? Response(StoredResponse stored)
    {
        if (stored.Envelope is null || JsonNodes.ParseObject(stored.Envelope) is not { } response)
        {
            return null;
        }

        response["output"] = new JsonArray([.. Parsed(Ordered(stored).Skip(stored.InputItemCount))]);
        return response;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> input items, the last sent first unless <paramref name="ascending"/>, starting after
    /// the item whose id is <paramref name="after"/>; null when no input item has that id.
    /// </summary>
    public static JsonObject? InputItems(StoredResponse stored, int limit, bool ascending, string? after)
    {
        var items = Parsed(Ordered(stored).Take(stored.InputItemCount)).Select(Listed).ToList();
        if (!ascending)
        {
            items.Reverse();
        }

        var start = 0;
        if (after is not null)
        {
            start = items.FindIndex(item => item["id"].Str() == after) + 1;
            if (start == 0)
            {
                return null;
            }
        }

        var page = items.Skip(start).Take(limit).ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page]),
            ["first_id"] = page.FirstOrDefault()?["id"].Str(),
            ["last_id"] = page.LastOrDefault()?["id"].Str(),
            ["has_more"] = start + page.Count < items.Count,
        };
    }

    // In the order they were kept; only the part an answer shows is parsed.
    private static IEnumerable<StoredResponseItem> Ordered(StoredResponse stored) => stored.Items.OrderBy(i => i.Position);

    private static IEnumerable<JsonObject> Parsed(IEnumerable<StoredResponseItem> items) =>
        items.Select(i => JsonNodes.ParseObject(i.Json) ?? throw new InvalidOperationException($"Stored item {i.Id} is no JSON object."));

    // A message as the API lists one: typed, and with its content as parts (a client may send a message without its type,
    // or its content as one string).
    private static JsonObject Listed(JsonObject item)
    {
        if (item["type"] is null && item.ContainsKey("role"))
        {
            item["type"] = "message";
        }

        if (item["type"].Str() != "message" || item["content"].Str() is not { } text)
        {
            return item;
        }

        var assistant = item["role"].Str() == "assistant";
        item["content"] = new JsonArray(assistant
            ? new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }
            : new JsonObject { ["type"] = "input_text", ["text"] = text });
        return item;
    }
}
