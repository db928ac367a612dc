namespace Gateway.Tests.Security;

/// <summary>Malformed copies of a JSON document: each member and element in turn of a kind it should not be.</summary>
internal static class MalformedJson
{
    private static readonly JsonNode?[] Kinds = [JsonValue.Create(7), JsonValue.Create("x"), new JsonArray(), new JsonObject(), null, JsonValue.Create(true)];

    /// <summary>
    /// The JSON text of <paramref name="document"/> with one member or element replaced by a value of another kind, for each
    /// of them (JSON nulls aside) and each kind, with where and what the change is, e.g. <c>$.tools[0].function = 7</c>.
    /// </summary>
    public static IEnumerable<(string Where, string Body)> Variants(JsonObject document)
    {
        var nodes = Descendants(document).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var kind in Kinds.Where(k => k?.GetValueKind() != nodes[i].GetValueKind()))
            {
                // The copy's nodes come in the same order as the original's.
                var copy = (JsonObject)document.DeepClone();
                Replace(Descendants(copy).ElementAt(i), kind?.DeepClone());
                yield return ($"{nodes[i].GetPath()} = {kind?.ToJsonString() ?? "null"}", copy.ToJsonString());
            }
        }
    }

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
