namespace Gateway.Core.Protocols.Sse;

/// <summary>One server-sent event: its optional <c>event:</c> type and its (joined) <c>data:</c> payload.</summary>
public readonly record struct SseEvent(string? EventType, string Data)
{
    /// <summary>The Chat Completions stream terminator <c>data: [DONE]</c>.</summary>
    public bool IsDone => Data == "[DONE]";

    public static SseEvent Done { get; } = new(null, "[DONE]");
}
