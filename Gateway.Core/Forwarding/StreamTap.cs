namespace Gateway.Core.Forwarding;

/// <summary>
/// Watches a committed stream as it passes: picks up usage and the response id, notes how the upstream ended the answer
/// (a terminal event, a reported failure, or neither), and removes the usage chunk the gateway asked for on the client's
/// behalf. JSON is parsed only for the few events that need it; the hot path searches the event's UTF-8 bytes.
/// </summary>
internal sealed class StreamTap(ApiProtocol upstream, bool dropUsageChunks)
{
    private readonly IAnswerPolicy _answers = AnswerPolicies.For(upstream);
    private JsonObject? _messagesUsage;

    public TokenUsage? Usage { get; private set; }

    public string? ResponseId { get; private set; }

    /// <summary>
    /// The stream's terminator arrived (Chat's <c>[DONE]</c>, Messages' <c>message_stop</c>, Responses'
    /// <c>response.completed</c> / <c>incomplete</c>): nothing follows it, so nothing more is read.
    /// </summary>
    public bool SawDone { get; private set; }

    /// <summary>The upstream ended its answer: a finish reason or terminal event, or a reported failure.</summary>
    public bool Ended { get; private set; }

    /// <summary>The failure the upstream reported after commit, already relayed to the client.</summary>
    public UpstreamError? Reported { get; private set; }

    /// <summary>The terminator or a reported failure arrived: it is the stream's last word, nothing after it is read.</summary>
    public bool Finished => SawDone || Reported is not null;

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
        switch (sse.EventType ?? JsonNodes.ParseObject(sse.Utf8)?["type"].Str())
        {
            case MessagesEvents.MessageStart:
                var message = JsonNodes.ParseObject(sse.Utf8)?["message"].Obj();
                ResponseId ??= message?["id"].Str();
                MergeMessagesUsage(message?["usage"].Obj());
                break;
            case MessagesEvents.MessageDelta:
                var delta = JsonNodes.ParseObject(sse.Utf8);
                MergeMessagesUsage(delta?["usage"].Obj());
                Ended |= delta?["delta"].Obj()?["stop_reason"].Str() is not null;
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
        switch (sse.EventType ?? TerminalTypeIn(sse.Utf8))
        {
            // Known from the start: a stream that breaks off or is left by its client still names its response (a
            // background one is resumed by that id).
            case "response.created" or "response.queued" or "response.in_progress" when ResponseId is null:
                ResponseId = ResponseIdIn(sse.Utf8);
                break;
            case "response.completed" or "response.incomplete":
                // The whole answer again, only looked at: a document, not a tree.
                using (var completed = JsonNodes.ParseObjectDocument(sse.Utf8Memory))
                {
                    var response = completed?.RootElement.Obj("response");
                    Usage = response?.Obj("usage") is { } usage ? TokenUsage.From(usage) : Usage;
                    ResponseId ??= response?.Str("id");
                }

                SawDone = Ended = true;
                break;
            case "response.failed" or "error":
                NoteFailure(sse);
                break;
        }

        return sse;
    }

    private SseEvent? ObserveChat(SseEvent sse)
    {
        var data = sse.Utf8;
        if (data.IndexOf("\"error\""u8) >= 0 && NoteFailure(sse))
        {
            return sse;
        }

        if (HasMember(data, "\"finish_reason\""u8, (byte)'"'))
        {
            Ended = true;
        }

        if (!HasMember(data, "\"usage\""u8, (byte)'{'))
        {
            return sse;
        }

        using var document = JsonNodes.ParseObjectDocument(sse.Utf8Memory);
        if (document?.RootElement.Obj("usage") is not { } usage)
        {
            return sse;
        }

        Usage = TokenUsage.From(usage);
        return dropUsageChunks ? WithoutUsage(sse, document.RootElement) : sse;
    }

    // The client did not ask for usage: the usage-only chunk is dropped, usage is stripped from a chunk that carries more.
    private static SseEvent? WithoutUsage(SseEvent sse, JsonElement chunk)
    {
        if (chunk.Member("choices") is not { ValueKind: JsonValueKind.Array } choices || choices.GetArrayLength() == 0)
        {
            return null;
        }

        var stripped = JsonNodes.ParseObject(sse.Utf8)!;
        stripped.Remove("usage");
        return new SseEvent(sse.EventType, stripped.CompactUtf8());
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

    // The response's id, read no further: the event that starts a stream repeats the whole request (instructions, tools).
    private static string? ResponseIdIn(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isResponse = reader.ValueTextEquals("response"u8);
                reader.Read();
                if (!isResponse)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isId = reader.ValueTextEquals("id"u8);
                    reader.Read();
                    if (isId)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    reader.Skip();
                }

                return null;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    // Upstreams that name no SSE event type still carry it in the payload.
    private static string? TerminalTypeIn(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"response.completed\""u8) >= 0 ? "response.completed"
        : data.IndexOf("\"response.incomplete\""u8) >= 0 ? "response.incomplete"
        : data.IndexOf("\"response.failed\""u8) >= 0 ? "response.failed"
        : data.IndexOf("\"type\":\"error\""u8) >= 0 ? "error"
        : null;

    /// <summary>
    /// Whether <paramref name="quotedName"/> stands in <paramref name="data"/> as a member name whose value starts with
    /// <paramref name="valueStart"/> (a string's quote, an object's brace): a name in JSON text is followed by a colon,
    /// the same word as a value or inside a string is not.
    /// </summary>
    private static bool HasMember(ReadOnlySpan<byte> data, ReadOnlySpan<byte> quotedName, byte valueStart)
    {
        for (var at = data.IndexOf(quotedName); at >= 0; at = data.IndexOf(quotedName))
        {
            data = data[(at + quotedName.Length)..];
            var rest = data.TrimStart(" \t\r\n"u8);
            if (rest is [(byte)':', ..] && rest[1..].TrimStart(" \t\r\n"u8) is [var first, ..] && first == valueStart)
            {
                return true;
            }
        }

        return false;
    }
}
