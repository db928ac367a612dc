namespace Gateway.Core.Conversations;

/// <summary>One answered Responses request to keep: its own input (references resolved) and the output the client got.</summary>
public sealed record ConversationTurn(long KeyId, string ResponseId, JsonArray Input, JsonArray Output)
{
    /// <summary>What the request continued, if anything (its <c>previous_response_id</c> and what it drew on).</summary>
    public ConversationHistory? Continues { get; init; }

    /// <summary>The response object the client received (its <c>output</c> is <see cref="Output"/>), kept to be read back by <c>GET /v1/responses/{id}</c>.</summary>
    public JsonObject? Response { get; init; }
}
