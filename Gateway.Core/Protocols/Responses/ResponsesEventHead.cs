namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// A Responses event's type (its payload's own, else the SSE event's) and its <c>delta</c> when that is a string, read in
/// one pass over the payload's top-level members without building a tree. Nearly every event of a stream is told by these
/// two alone; the long <c>*.done</c> events are never decoded.
/// </summary>
internal static class ResponsesEventHead
{
    /// <summary>The type of nearly every event; returned as this one string, not a new one per event.</summary>
    public const string TextDelta = "response.output_text.delta";

    /// <summary>The event's type and string delta; null when its data is not a JSON object.</summary>
    public static (string? Type, string? Delta)? Read(SseEvent sse) => Read(sse, wholePayload: true);

    /// <summary>
    /// As <see cref="Read(SseEvent)"/>, but a payload whose type names no delta is read no further than its type: the
    /// long events that end a stream (each <c>*.done</c>, <c>response.completed</c>) are neither read to their end nor
    /// checked. A caller that needs more of such an event parses it, and learns then whether it is JSON.
    /// </summary>
    public static (string? Type, string? Delta)? ReadUpToType(SseEvent sse) => Read(sse, wholePayload: false);

    private static (string? Type, string? Delta)? Read(SseEvent sse, bool wholePayload)
    {
        try
        {
            var reader = new Utf8JsonReader(sse.Utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? type = null;
            string? delta = null;
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
                            return (type, delta);
                        }
                    }
                    else if (isDelta)
                    {
                        delta = reader.GetString();
                    }
                }

                reader.Skip();
            }

            return (type ?? sse.EventType, delta);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
