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
        if (chunk.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            return StreamEventVerdict.Failure(UpstreamError.FromElement(error));
        }

        if (chunk.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            return StreamEventVerdict.Content;
        }

        if (chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind == JsonValueKind.Object && (IsPresent(choice, "finish_reason") || HasContent(choice)))
                {
                    return StreamEventVerdict.Content;
                }
            }
        }

        return StreamEventVerdict.Handshake;
    }

    public UpstreamError? FailureIn(JsonElement body) => UpstreamError.InErrorMember(body);

    private static bool IsPresent(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    // Nulls, empty strings and empty arrays are what providers put in a handshake chunk beside the role.
    private static bool HasContent(JsonElement choice)
    {
        if (!choice.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var member in delta.EnumerateObject())
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
