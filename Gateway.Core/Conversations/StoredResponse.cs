namespace Gateway.Core.Conversations;

/// <summary>
/// A response the gateway produced for a Responses client through a Chat upstream, kept (SPEC 5.3) so a later request can
/// continue it by <c>previous_response_id</c> or name its items by <c>item_reference</c>: a Chat upstream remembers nothing.
/// Belongs to one API key; kept <see cref="Options.GatewayOptions.ResponseStoreRetention"/> after its conversation was last used.
/// </summary>
public sealed class StoredResponse
{
    /// <summary>The <c>resp_…</c> id the client received.</summary>
    public required string Id { get; set; }

    public long KeyId { get; set; }

    /// <summary>The first response of the chain this one continues (its own id when it starts one): a chain loads in one query.</summary>
    public required string ConversationId { get; set; }

    public string? PreviousResponseId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When this response's conversation was last continued: retention counts from here.</summary>
    public DateTime LastUsedAt { get; set; }

    /// <summary>The response object the client received, without its <c>output</c> (the items hold it); null in rows stored before it was kept.</summary>
    public string? Envelope { get; set; }

    /// <summary>How many of <see cref="Items"/> are the turn's own input; the rest are its output.</summary>
    public int InputItemCount { get; set; }

    /// <summary>The turn's own input items, then its output items.</summary>
    public List<StoredResponseItem> Items { get; set; } = [];
}
