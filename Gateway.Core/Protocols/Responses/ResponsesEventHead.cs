namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// A Responses event's type (its payload's own, else the SSE event's) and where its <c>delta</c> stands when that is a
/// string, read in one pass over the payload's top-level members without building a tree. Nearly every event of a stream
/// is told by these two alone; the long <c>*.done</c> events are never decoded, and a delta is decoded only when asked.
/// </summary>
internal readonly struct ResponsesEventHead
{
    /// <summary>The type of nearly every event; returned as this one string, not a new one per event.</summary>
    public const string TextDelta = "response.output_text.delta";

    // Where the delta's characters stand in the payload, between its quotes and still escaped; -1 when there is none.
    private readonly int _deltaStart;
    private readonly int _deltaLength;

    private ResponsesEventHead(string? type, int deltaStart, int deltaLength) => (Type, _deltaStart, _deltaLength) = (type, deltaStart, deltaLength);

    public string? Type { get; }

    /// <summary>The event carries a <c>delta</c> string, and it is empty.</summary>
    public bool HasEmptyDelta => _deltaStart >= 0 && _deltaLength == 0;

    /// <summary>The event's type and where its string delta stands; null when its data is not a JSON object.</summary>
    public static ResponsesEventHead? Read(SseEvent sse) => Read(sse, wholePayload: true);

    /// <summary>
    /// As <see cref="Read(SseEvent)"/>, but a payload whose type names no delta is read no further than its type: the
    /// long events that end a stream (each <c>*.done</c>, <c>response.completed</c>) are neither read to their end nor
    /// checked. A caller that needs more of such an event parses it, and learns then whether it is JSON.
    /// </summary>
    public static ResponsesEventHead? ReadUpToType(SseEvent sse) => Read(sse, wholePayload: false);

    /// <summary>The delta decoded, or null when the event has no delta string.</summary>
    public string? Delta(SseEvent sse)
    {
        if (_deltaStart < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(DeltaJson(sse));
        reader.Read();
        return reader.GetString();
    }

    /// <summary>
    /// The delta as the JSON string it is in the payload, quotes and escapes kept (valid JSON: a delta's payload is read
    /// whole), so a chunk can carry it without decoding and encoding it again. Empty when the event has no delta.
    /// </summary>
    public ReadOnlySpan<byte> DeltaJson(SseEvent sse) => _deltaStart < 0 ? [] : sse.Utf8.Slice(_deltaStart - 1, _deltaLength + 2);

    private static ResponsesEventHead? Read(SseEvent sse, bool wholePayload)
    {
        try
        {
            var reader = new Utf8JsonReader(sse.Utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? type = null;
            var (deltaStart, deltaLength) = (-1, 0);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                var isDelta = !isType && reader.ValueTextEquals("delta"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (isType)
                    {
                        type = reader.ValueTextEquals("response.output_text.delta"u8) ? TextDelta : reader.GetString();
                        if (!wholePayload && !type!.EndsWith(".delta", StringComparison.Ordinal))
                        {
                            return new ResponsesEventHead(type, deltaStart, deltaLength);
                        }
                    }
                    else if (isDelta)
                    {
                        // A string token starts at its opening quote; its value span is the escaped text between the quotes.
                        (deltaStart, deltaLength) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    }
                }

                reader.Skip();
            }

            return new ResponsesEventHead(type ?? sse.EventType, deltaStart, deltaLength);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
