namespace Gateway.Core.Forwarding;

/// <summary>
/// Watches a committed stream as it passes: picks up usage and the response id, notes how the upstream ended the answer
/// (a terminal event, a reported failure, or neither), and removes the usage chunk the gateway asked for on the client's
/// behalf. JSON is parsed only for the few events that need it; the hot path is a substring check.
/// </summary>
internal sealed class StreamTap(ApiProtocol upstream, bool dropUsageChunks)
{
    private const string FinishReason = "\"finish_reason\"";
    private readonly IAnswerPolicy _answers = AnswerPolicies.For(upstream);
    private JsonObject? _messagesUsage;

    public TokenUsage? Usage { get; private set; }

    public string? ResponseId { get; private set; }

    /// <summary>The stream's terminator arrived (Chat's <c>[DONE]</c>, Messages' <c>message_stop</c>): nothing follows it.</summary>
    public bool SawDone { get; private set; }

    /// <summary>The upstream ended its answer: a finish reason or terminal event, or a reported failure.</summary>
    public bool Ended { get; private set; }

    /// <summary>The failure the upstream reported after commit, already relayed to the client.</summary>
    public UpstreamError? Reported { get; private set; }

    /// <summary>Records what the event says and returns the event to forward, or null to drop it.</summary>
    public SseEvent? Observe(SseEvent sse)
    {
        if (sse.IsDone)
        {
            SawDone = Ended = true;
            return sse;
        }

        return upstream switch
        {
            ApiProtocol.Responses => ObserveResponses(sse),
            ApiProtocol.Messages => ObserveMessages(sse),
            _ => ObserveChat(sse),
        };
    }

    private SseEvent ObserveMessages(SseEvent sse)
    {
        switch (sse.EventType ?? JsonNodes.ParseObject(sse.Data)?["type"].Str())
        {
            case MessagesEvents.MessageStart:
                var message = JsonNodes.ParseObject(sse.Data)?["message"];
                ResponseId ??= message?["id"].Str();
                MergeMessagesUsage(message?["usage"].Obj());
                break;
            case MessagesEvents.MessageDelta:
                var delta = JsonNodes.ParseObject(sse.Data);
                MergeMessagesUsage(delta?["usage"].Obj());
                Ended |= delta?["delta"]?["stop_reason"].Str() is not null;
                break;
            case MessagesEvents.MessageStop:
                SawDone = Ended = true;
                break;
            case MessagesEvents.Error:
                NoteFailure(sse);
                break;
        }

        return sse;
    }

    private void MergeMessagesUsage(JsonObject? usage)
    {
        if (usage is not null)
        {
            MessagesUsage.Merge(_messagesUsage ??= [], usage);
            Usage = TokenUsage.From(_messagesUsage);
        }
    }

    private SseEvent ObserveResponses(SseEvent sse)
    {
        switch (sse.EventType ?? TerminalTypeIn(sse.Data))
        {
            case "response.completed" or "response.incomplete":
                var response = JsonNodes.ParseObject(sse.Data)?["response"];
                Usage = TokenUsage.From(response?["usage"]) ?? Usage;
                ResponseId ??= response?["id"].Str();
                Ended = true;
                break;
            case "response.failed" or "error":
                NoteFailure(sse);
                break;
        }

        return sse;
    }

    private SseEvent? ObserveChat(SseEvent sse)
    {
        if (sse.Data.Contains("\"error\"", StringComparison.Ordinal) && NoteFailure(sse))
        {
            return sse;
        }

        if (HasFinishReason(sse.Data))
        {
            Ended = true;
        }

        if (!sse.Data.Contains("\"usage\":{", StringComparison.Ordinal) && !sse.Data.Contains("\"usage\": {", StringComparison.Ordinal))
        {
            return sse;
        }

        var chunk = JsonNodes.ParseObject(sse.Data);
        if (chunk?["usage"] is not JsonObject usage)
        {
            return sse;
        }

        Usage = TokenUsage.From(usage);
        if (!dropUsageChunks)
        {
            return sse;
        }

        // The client did not ask for usage: drop the usage-only chunk, strip usage from a chunk that carries more.
        if (chunk["choices"] is not JsonArray { Count: > 0 })
        {
            return null;
        }

        chunk.Remove("usage");
        return sse with { Data = chunk.ToJsonString() };
    }

    private bool NoteFailure(SseEvent sse)
    {
        if (_answers.Classify(sse) is not { Kind: StreamEventKind.Failure, Error: { } error })
        {
            return false;
        }

        Reported = error;
        Ended = true;
        return true;
    }

    // Upstreams that name no SSE event type still carry it in the payload.
    private static string? TerminalTypeIn(string data) =>
        data.Contains("\"response.completed\"", StringComparison.Ordinal) ? "response.completed"
        : data.Contains("\"response.incomplete\"", StringComparison.Ordinal) ? "response.incomplete"
        : data.Contains("\"response.failed\"", StringComparison.Ordinal) ? "response.failed"
        : data.Contains("\"type\":\"error\"", StringComparison.Ordinal) ? "error"
        : null;

    // "finish_reason": followed by a string, not null.
    private static bool HasFinishReason(string data)
    {
        var at = data.IndexOf(FinishReason, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var rest = data.AsSpan(at + FinishReason.Length).TrimStart();
        if (rest.IsEmpty || rest[0] != ':')
        {
            return false;
        }

        rest = rest[1..].TrimStart();
        return !rest.IsEmpty && rest[0] == '"';
    }
}
