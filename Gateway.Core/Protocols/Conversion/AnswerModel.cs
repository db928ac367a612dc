namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// Names the client's model in a same-protocol answer from an account that maps it to another, as converted answers
/// already do: the mapping is the operator's, and the client asked for its own name. Claude Code, for one, leaves out the
/// thinking of a turn that names another model than it asked for (a signature is bound to its model), so every later turn
/// of its tool loop on a mapped anthropic account went without thinking. Where each protocol names the model: a whole
/// answer's top-level <c>model</c>; in a stream, each Chat chunk's, the <c>response.model</c> of a Responses event that
/// carries the response, and a Messages <c>message_start</c>'s <c>message.model</c> (from an upstream that names no SSE
/// event type, any event's top-level <c>response</c> or <c>message</c> object). Nothing else in the answer changes,
/// and an account whose mapping leaves the name as it is gets none (<see cref="For"/> is null).
/// </summary>
internal sealed class AnswerModel
{
    private readonly ApiProtocol _protocol;

    // The client's model as a JSON string, written as the gateway writes JSON (JsonNodes.Wire).
    private readonly byte[] _name;

    private AnswerModel(ApiProtocol protocol, string clientModel)
    {
        _protocol = protocol;
        _name = JsonSerializer.SerializeToUtf8Bytes(clientModel, JsonNodes.Wire);
    }

    /// <summary>The renaming for an attempt that speaks the client's own <paramref name="protocol"/>, or null when the account sends the client's name.</summary>
    public static AnswerModel? For(ApiProtocol protocol, string clientModel, string upstreamModel) =>
        string.Equals(clientModel, upstreamModel, StringComparison.Ordinal) ? null : new AnswerModel(protocol, clientModel);

    /// <summary>A whole answer naming the client's model, or null when it names none at its top level.</summary>
    public byte[]? Rename(ReadOnlySpan<byte> answer) => Rename(answer, []);

    /// <summary>The event naming the client's model, or the event itself when it names none.</summary>
    public SseEvent Rename(SseEvent upstream)
    {
        ReadOnlySpan<byte> container;
        switch (_protocol, upstream.EventType)
        {
            case (ApiProtocol.Chat, _):
                container = [];
                break;
            // An upstream that names no event type: whichever event carries the object is the one.
            case (ApiProtocol.Responses, null or "response.created" or "response.in_progress" or "response.queued" or "response.completed" or "response.incomplete" or "response.failed"):
                container = "response"u8;
                break;
            case (ApiProtocol.Messages, null or MessagesEvents.MessageStart):
                container = "message"u8;
                break;
            default:
                return upstream;
        }

        return Rename(upstream.Utf8, container) is { } renamed ? new SseEvent(upstream.EventType, renamed) : upstream;
    }

    // The JSON object with the string value of its model member (inside the object member named container, if one is
    // named) replaced by the client's name; null when there is no such string, or the text is not a JSON object.
    private byte[]? Rename(ReadOnlySpan<byte> json, ReadOnlySpan<byte> container)
    {
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var depth = container.IsEmpty ? 1 : 2;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == depth && reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? Splice(json, (int)reader.TokenStartIndex, reader.ValueSpan.Length + 2) : null;
                }

                // Into the container's object; past every other member's value.
                var enter = depth == 2 && reader.CurrentDepth == 1 && reader.ValueTextEquals(container);
                reader.Read();
                if (enter && reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                if (!enter)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not whole JSON: left as it came.
        }

        return null;
    }

    private byte[] Splice(ReadOnlySpan<byte> json, int start, int length)
    {
        var renamed = new byte[json.Length - length + _name.Length];
        json[..start].CopyTo(renamed);
        _name.CopyTo(renamed.AsSpan(start));
        json[(start + length)..].CopyTo(renamed.AsSpan(start + _name.Length));
        return renamed;
    }
}
