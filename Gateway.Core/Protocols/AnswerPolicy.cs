namespace Gateway.Core.Protocols;

/// <summary>What one upstream stream event means to the first-chunk gate (SPEC 3).</summary>
public enum StreamEventKind
{
    /// <summary>No content yet (a created or in-progress event, an empty item or part, a role-only chunk): held back.</summary>
    Handshake,

    /// <summary>Content (text, refusal, reasoning, a tool call, a finish reason, usage), or an event not understood: commits.</summary>
    Content,

    /// <summary>Data that is no JSON object: before commit the answer is broken (the attempt failed); after it, relayed.</summary>
    Unreadable,

    /// <summary>The answer ended successfully: commits.</summary>
    TerminalSuccess,

    /// <summary>The upstream reported a failure (SPEC 4.6): before commit the attempt failed; after it the stream ends with it.</summary>
    Failure,
}

/// <summary>The kind of one event and, for a failure, the error it reported.</summary>
internal readonly record struct StreamEventVerdict(StreamEventKind Kind, UpstreamError? Error = null)
{
    public static StreamEventVerdict Handshake => new(StreamEventKind.Handshake);

    public static StreamEventVerdict Content => new(StreamEventKind.Content);

    public static StreamEventVerdict Unreadable => new(StreamEventKind.Unreadable);

    public static StreamEventVerdict TerminalSuccess => new(StreamEventKind.TerminalSuccess);

    public static StreamEventVerdict Failure(UpstreamError error) => new(StreamEventKind.Failure, error);
}

/// <summary>
/// How one upstream protocol's answers read to the attempt loop: the kind of each stream event, and whether a complete
/// 2xx body is a failure. Pure, one per protocol; an event the policy does not understand is content, so it is relayed
/// rather than held, and data that is no JSON object at all is unreadable (<see cref="AnswerPolicies.NotAnObject"/>).
/// </summary>
internal interface IAnswerPolicy
{
    StreamEventVerdict Classify(SseEvent sse);

    /// <summary>The failure a complete 2xx answer body reports, or null when it is an answer.</summary>
    UpstreamError? FailureIn(JsonElement body);
}

/// <summary>
/// The policy of a protocol whose events are typed JSON objects (Responses, Messages): an event is classified by its
/// type (<see cref="AnswerPolicies.TypedEvent"/>); data that is not a JSON object is <see cref="AnswerPolicies.NotAnObject"/>.
/// </summary>
internal abstract class TypedEventAnswerPolicy : IAnswerPolicy
{
    public virtual StreamEventVerdict Classify(SseEvent sse) =>
        AnswerPolicies.TypedEvent(sse) is var (json, type) ? Classify(json, type) : AnswerPolicies.NotAnObject(sse);

    public abstract UpstreamError? FailureIn(JsonElement body);

    /// <summary>The verdict on one event, given its JSON and its type.</summary>
    protected abstract StreamEventVerdict Classify(JsonObject json, string? type);
}

/// <summary>The <see cref="IAnswerPolicy"/> of each upstream protocol.</summary>
internal static class AnswerPolicies
{
    public static IAnswerPolicy For(ApiProtocol upstream) => upstream switch
    {
        ApiProtocol.Chat => ChatAnswerPolicy.Instance,
        ApiProtocol.Responses => ResponsesAnswerPolicy.Instance,
        ApiProtocol.Messages => MessagesAnswerPolicy.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(upstream)),
    };

    /// <summary>
    /// An event's JSON and its type: the data's own <c>type</c>, else the SSE event name (Responses and Messages name
    /// every event); null when the data is not a JSON object.
    /// </summary>
    public static (JsonObject Json, string? Type)? TypedEvent(SseEvent sse) =>
        JsonNodes.ParseObject(sse.Utf8) is { } json ? (json, json["type"].Str() ?? sse.EventType) : null;

    /// <summary>
    /// The verdict on an event whose data is no JSON object: empty data (a keep-alive some proxies send) is handshake;
    /// anything else cannot be read, and before commit fails the attempt rather than reach the client.
    /// </summary>
    public static StreamEventVerdict NotAnObject(SseEvent sse) =>
        sse.Utf8.Trim(" \t\r\n"u8).IsEmpty ? StreamEventVerdict.Handshake : StreamEventVerdict.Unreadable;
}
