namespace Gateway.Core.Conversations;

/// <summary>The stored state a Responses request refers to: its <c>previous_response_id</c> and the ids of its <c>item_reference</c> inputs.</summary>
public sealed record ConversationReferences(string? PreviousResponseId, IReadOnlyList<string> ItemIds)
{
    /// <summary>Reads the references from the parsed request, or null when it has none (the common case: no lookup at all).</summary>
    public static ConversationReferences? From(JsonElement request)
    {
        var previous = request.TryGetProperty("previous_response_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : null;
        List<string>? items = null;
        if (request.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in input.EnumerateArray())
            {
                if (ReferencedId(item) is { } referenced)
                {
                    (items ??= []).Add(referenced);
                }
            }
        }

        return previous is null && items is null ? null : new ConversationReferences(previous, items ?? []);
    }

    private static string? ReferencedId(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var type = item.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        return IsReference(type, item.TryGetProperty("role", out _)) ? id.GetString() : null;
    }

    /// <summary>Whether an input item that has an id is a reference: typed <c>item_reference</c>, or untyped without a role.</summary>
    internal static bool IsReference(string? type, bool hasRole) => type is null ? !hasRole : type == "item_reference";
}
