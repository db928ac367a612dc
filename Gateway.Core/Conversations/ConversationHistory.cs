namespace Gateway.Core.Conversations;

/// <summary>
/// The stored items one Responses request refers to, read before the attempt loop (the converters cannot wait on a
/// database). Items stay JSON text: each attempt that converts the request parses its own copy.
/// </summary>
public sealed class ConversationHistory
{
    /// <summary>The <c>previous_response_id</c> the request named, if any.</summary>
    public string? PreviousResponseId { get; init; }

    /// <summary>The conversation the previous response belongs to: a response continuing it joins it.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The previous response's items and its ancestors', oldest first; null when the previous response is unknown.</summary>
    public IReadOnlyList<string>? PreviousItems { get; init; }

    /// <summary>The referenced items that were found, by item id.</summary>
    public IReadOnlyDictionary<string, string> ReferencedItems { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// Whether the gateway's store knew anything the request refers to: its previous response or one of its references. An
    /// upstream that speaks Responses never saw those ids and gets the items themselves instead (<see cref="ConversationInput.Inline"/>).
    /// </summary>
    public bool FoundStoredState => PreviousItems is not null || ReferencedItems.Count > 0;
}
