namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Chat Completions answers: a chunk whose delta holds only <c>role</c> and/or empty content is handshake; any other
/// delta member, a finish reason or usage is content; <c>[DONE]</c> ends it; a chunk or body holding <c>error</c> is a failure.
/// </summary>
internal sealed class ChatAnswerPolicy : IAnswerPolicy
{
    public static ChatAnswerPolicy Instance { get; } = new();

    public StreamEventVerdict Classify(SseEvent sse)
    {
        if (sse.IsDone)
        {
            return StreamEventVerdict.TerminalSuccess;
        }

        if (JsonNodes.ParseObject(sse.Utf8) is not { } chunk)
        {
            return AnswerPolicies.NotAnObject(sse);
        }

        if (chunk["error"] is { } error)
        {
            return StreamEventVerdict.Failure(UpstreamError.FromNode(error));
        }

        if (chunk["usage"] is JsonObject)
        {
            return StreamEventVerdict.Content;
        }

        foreach (var choice in chunk["choices"].Objects())
        {
            if (choice["finish_reason"] is not null || HasContent(choice["delta"].Obj()))
            {
                return StreamEventVerdict.Content;
            }
        }

        return StreamEventVerdict.Handshake;
    }

    public UpstreamError? FailureIn(JsonElement body) => UpstreamError.InErrorMember(body);

    // Nulls, empty strings and empty arrays are what providers put in a handshake chunk beside the role.
    private static bool HasContent(JsonObject? delta)
    {
        foreach (var (name, value) in delta ?? [])
        {
            if (name != "role" && value is not null && value.Str() != "" && value is not JsonArray { Count: 0 })
            {
                return true;
            }
        }

        return false;
    }
}
