namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// One server-sent event: its optional <c>event:</c> type and its (joined) <c>data:</c> payload. An event read from an
/// upstream keeps its payload as the UTF-8 bytes it arrived in, so a relay can look into it and write it out again without
/// decoding it; <see cref="Data"/> decodes it for the code that wants text. Events are equal when type and payload are.
/// </summary>
public readonly struct SseEvent : IEquatable<SseEvent>
{
    // The payload: a string, or its UTF-8 bytes (never changed once the event holds them).
    private readonly object? _data;

    public SseEvent(string? eventType, string data) => (EventType, _data) = (eventType, data);

    /// <param name="utf8Data">The payload's UTF-8 bytes, owned by the event from now on.</param>
    public SseEvent(string? eventType, byte[] utf8Data) => (EventType, _data) = (eventType, utf8Data);

    public static SseEvent Done { get; } = new(null, "[DONE]"u8.ToArray());

    public string? EventType { get; }

    /// <summary>The payload as text (decoded on every call when the event holds bytes).</summary>
    public string Data => _data switch
    {
        string text => text,
        byte[] utf8 => Encoding.UTF8.GetString(utf8),
        _ => "",
    };

    /// <summary>The payload as UTF-8 (encoded on every call when the event holds text).</summary>
    public ReadOnlySpan<byte> Utf8 => _data switch
    {
        byte[] utf8 => utf8,
        string text => Encoding.UTF8.GetBytes(text),
        _ => [],
    };

    /// <summary>The payload as UTF-8 memory, for a parser that keeps what it reads (encoded on every call when the event holds text).</summary>
    public ReadOnlyMemory<byte> Utf8Memory => _data switch
    {
        byte[] utf8 => utf8,
        string text => Encoding.UTF8.GetBytes(text),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    /// <summary>The payload's length in UTF-8 bytes.</summary>
    public int Utf8Length => _data switch
    {
        byte[] utf8 => utf8.Length,
        string text => Encoding.UTF8.GetByteCount(text),
        _ => 0,
    };

    /// <summary>The Chat Completions stream terminator <c>data: [DONE]</c>.</summary>
    public bool IsDone => _data is byte[] utf8 ? utf8.AsSpan().SequenceEqual("[DONE]"u8) : Data == "[DONE]";

    public static bool operator ==(SseEvent left, SseEvent right) => left.Equals(right);

    public static bool operator !=(SseEvent left, SseEvent right) => !left.Equals(right);

    public bool Equals(SseEvent other) => EventType == other.EventType && Data == other.Data;

    public override bool Equals(object? obj) => obj is SseEvent other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(EventType, Data);

    public override string ToString() => EventType is null ? $"data: {Data}" : $"event: {EventType}, data: {Data}";
}
