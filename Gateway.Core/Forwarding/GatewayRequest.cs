namespace Gateway.Core.Forwarding;

/// <summary>A validated client request on its way through the attempt loop.</summary>
public sealed class GatewayRequest
{
    public required string RequestId { get; init; }

    /// <summary>The <c>x-request-id</c> the client sent, if any (not unique: the row's own id is <see cref="RequestId"/>).</summary>
    public string? ClientRequestId { get; init; }

    public required ApiKeyIdentity Key { get; init; }

    public required ApiProtocol Inbound { get; init; }

    /// <summary>The client body as received (a validated JSON object), forwarded unchanged by passthrough accounts.</summary>
    public required ReadOnlyMemory<byte> RawBody { get; init; }

    public required string Model { get; init; }

    public bool Stream { get; init; }

    /// <summary>The client asked for usage in its stream (<c>stream_options.include_usage</c>).</summary>
    public bool ClientWantsUsage { get; init; }

    /// <summary>Sticky-session key (SPEC 3.2), if the request carries one.</summary>
    public string? SessionKey { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>A Messages client's <c>anthropic-version</c> header, passed on to anthropic accounts.</summary>
    public string? AnthropicVersion { get; init; }

    /// <summary>A Messages client's <c>anthropic-beta</c> header (the beta features it uses), passed on to anthropic accounts.</summary>
    public string? AnthropicBeta { get; init; }

    /// <summary>What a Messages history needs before an anthropic account takes it; null when it needs nothing.</summary>
    internal AnthropicHistoryRepair? AnthropicRepair { get; init; }

    /// <summary>What a Responses input needs before a Responses account takes it; null when it needs nothing.</summary>
    internal ResponsesHistoryRepair? ResponsesRepair { get; init; }

    /// <summary>
    /// Whether a string or property name of the client's body holds <paramref name="text"/>, ignoring case: an upstream
    /// error saying it may only be echoing the client. Read on failures only, never on the way of a request.
    /// </summary>
    public bool Wrote(string text)
    {
        var reader = new Utf8JsonReader(RawBody.Span);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                && reader.GetString()!.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A fresh mutable copy of the body, for an attempt that converts it.</summary>
    public JsonObject CreateBodyObject() => JsonNode.Parse(RawBody.Span)!.AsObject();

    /// <summary>
    /// Whether the history needs a repair before an upstream of <paramref name="upstream"/>'s protocol takes it, or (for
    /// Responses) the gateway's stored conversation put inline.
    /// </summary>
    internal bool RepairsHistoryFor(ApiProtocol upstream) => upstream switch
    {
        ApiProtocol.Messages => AnthropicRepair is not null,
        ApiProtocol.Responses => ResponsesRepair is not null || Conversation?.FoundStoredState == true,
        _ => false,
    };

    /// <summary>
    /// A fresh mutable copy of the body for an upstream of <paramref name="upstream"/>'s protocol: the upstream's model,
    /// and the history repaired for that upstream when it needs it (for Responses: the client's own input repaired, then
    /// the gateway's stored conversation put inline).
    /// </summary>
    internal JsonObject CreateBodyObject(string upstreamModel, ApiProtocol upstream)
    {
        var body = CreateBodyObject();
        body["model"] = upstreamModel;
        if (upstream == ApiProtocol.Messages)
        {
            AnthropicRepair?.Apply(body);
        }
        else if (upstream == ApiProtocol.Responses)
        {
            ResponsesRepair?.Apply(body);
            if (Conversation is { FoundStoredState: true } conversation)
            {
                ConversationInput.Inline(body, conversation);
            }
        }

        return body;
    }

    /// <summary>What the request says about its client for upstream protocol selection (Codex, override header).</summary>
    public ClientHints Hints { get; init; } = ClientHints.None;

    /// <summary>
    /// The stored state a Responses request refers to (<c>previous_response_id</c>, <c>item_reference</c>), read before the
    /// attempt loop; a Chat upstream gets it rebuilt into the messages (SPEC 5.3). Null when the request refers to none.
    /// </summary>
    public ConversationHistory? Conversation { get; init; }
}
