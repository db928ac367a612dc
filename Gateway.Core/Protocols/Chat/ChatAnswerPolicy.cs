namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Chat Completions answers: a chunk whose delta holds only <c>role</c> and/or empty content is handshake; any other
/// delta member, a finish reason or usage is content; <c>[DONE]</c> ends it; a chunk or body holding <c>error</c> is a failure.
/// </summary>
internal sealed class ChatAnswerPolicy : IAnswerPolicy
{
    public static ChatAnswerPolicy Instance { get; } = new();

    // Read from a document, not a tree: the gate classifies the first events of every Chat stream.
    public StreamEventVerdict Classify(SseEvent sse)
    {
        if (sse.IsDone)
        {
            return StreamEventVerdict.TerminalSuccess;
        }

        using var document = JsonNodes.ParseObjectDocument(sse.Utf8Memory);
        if (document is null)
        {
            return AnswerPolicies.NotAnObject(sse);
        }

        var chunk = document.RootElement;
        if (chunk.Member("error") is { } error)
        {
            return StreamEventVerdict.Failure(UpstreamError.FromElement(error));
        }

        if (chunk.Obj("usage") is not null)
        {
            return StreamEventVerdict.Content;
        }

        if (chunk.Member("choices") is { ValueKind: JsonValueKind.Array } choices)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.Member("finish_reason") is not null || HasContent(choice.Obj("delta")))
                {
                    return StreamEventVerdict.Content;
                }
            }
        }

        return StreamEventVerdict.Handshake;
    }

    public UpstreamError? FailureIn(JsonElement body) => UpstreamError.InErrorMember(body);

    // Nulls, empty strings and empty arrays are what providers put in a handshake chunk beside the role.
    private static bool HasContent(JsonElement? delta)
    {
        if (delta is not { } members)
        {
            return false;
        }

        foreach (var member in members.EnumerateObject())
        {
            var empty = member.Value.ValueKind switch
            {
                JsonValueKind.Null => true,
                JsonValueKind.String => member.Value.ValueEquals(""u8),
                JsonValueKind.Array => member.Value.GetArrayLength() == 0,
                _ => false,
            };
            if (!empty && !member.NameEquals("role"u8))
            {
                return true;
            }
        }

        return false;
    }
}
