namespace Gateway.Core.Conversations;

/// <summary>One answered Responses request to keep: its own input (references resolved) and the output the client got.</summary>
public sealed record ConversationTurn(long KeyId, string ResponseId, JsonArray Input, JsonArray Output)
{
    /// <summary>What the request continued, if anything (its <c>previous_response_id</c> and what it drew on).</summary>
    public ConversationHistory? Continues { get; init; }
}
