namespace Gateway.Core.Conversations;

/// <summary>One input or output item of a <see cref="StoredResponse"/>, as the Responses API shapes it.</summary>
public sealed class StoredResponseItem
{
    /// <summary>Longest id kept (response and item ids): the gateway's own are far shorter; a longer client-made item id is not indexed.</summary>
    public const int IdMaxLength = 100;

    public long Id { get; set; }

    public required string ResponseId { get; set; }

    public StoredResponse? Response { get; set; }

    /// <summary>Copied from the response so an <c>item_reference</c> is looked up by (key, item id) alone.</summary>
    public long KeyId { get; set; }

    /// <summary>Order within the response: input items first, then output items.</summary>
    public int Position { get; set; }

    /// <summary>The item's own id (<c>msg_…</c>, <c>fc_…</c>, <c>ctc_…</c>, <c>rs_…</c>), when it has one: what <c>item_reference</c> names.</summary>
    public string? ItemId { get; set; }

    public required string Json { get; set; }
}
