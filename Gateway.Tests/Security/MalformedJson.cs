namespace Gateway.Tests.Security;

/// <summary>Malformed copies of a JSON document: each member and element in turn of a kind it should not be, or an odd value of its own.</summary>
internal static class MalformedJson
{
    private static readonly JsonNode?[] Kinds = [JsonValue.Create(7), JsonValue.Create("x"), new JsonArray(), new JsonObject(), null, JsonValue.Create(true)];

    /// <summary>
    /// The JSON text of <paramref name="document"/> with one member or element replaced by a value of another kind or an odd
    /// one of its own, for each of them (JSON nulls aside) and each such value, with where and what the change is, e.g.
    /// <c>$.tools[0].function = 7</c>.
    /// </summary>
    public static IEnumerable<(string Where, string Body)> Variants(JsonObject document)
    {
        var nodes = Descendants(document).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var value in Kinds.Where(k => k?.GetValueKind() != nodes[i].GetValueKind()).Concat(Odd(nodes[i])))
            {
                // The copy's nodes come in the same order as the original's.
                var copy = (JsonObject)document.DeepClone();
                Replace(Descendants(copy).ElementAt(i), value?.DeepClone());
                yield return ($"{nodes[i].GetPath()} = {value?.ToJsonString() ?? "null"}", copy.ToJsonString());
            }
        }
    }

    /// <summary>Values of the node's own kind that a reader may still not expect: a lone surrogate, a number beyond any integer, a negative one, a fraction.</summary>
    private static IEnumerable<JsonNode?> Odd(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => [JsonValue.Create("\ud800x")],
        JsonValueKind.Number => [JsonNode.Parse("1e400"), JsonValue.Create(-1), JsonValue.Create(0.5)],
        _ => [],
    };

    /// <summary>Every member value and element below <paramref name="node"/> but JSON nulls, depth first.</summary>
    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = value;
                break;
        }
    }
}
