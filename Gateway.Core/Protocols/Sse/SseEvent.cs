namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// One server-sent event: its optional <c>event:</c> type and its (joined) <c>data:</c> payload. An event read from an
/// upstream keeps its payload as the UTF-8 bytes it arrived in, so a relay can look into it and write it out again without
/// decoding it; <see cref="Data"/> decodes it for the code that wants text. Events are equal when type and payload are.
/// </summary>
public readonly struct SseEvent : IEquatable<SseEvent>
{
    // The payload: text, or else its UTF-8 bytes.
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _utf8;

    public SseEvent(string? eventType, string data) => (EventType, _text) = (eventType, data);

    /// <param name="utf8Data">
    /// The payload's UTF-8 bytes, held as they are: an array the event owns from now on, or a reader's buffer lent for as
    /// long as that reader says (<see cref="SseReader.LendsEvents"/>).
    /// </param>
    public SseEvent(string? eventType, ReadOnlyMemory<byte> utf8Data) => (EventType, _utf8) = (eventType, utf8Data);

    public static SseEvent Done { get; } = new(null, "[DONE]"u8.ToArray());

    public string? EventType { get; }

    /// <summary>The payload as text (decoded on every call when the event holds bytes).</summary>
    public string Data => _text ?? Encoding.UTF8.GetString(_utf8.Span);

    /// <summary>The payload as UTF-8 (encoded on every call when the event holds text).</summary>
    public ReadOnlySpan<byte> Utf8 => _text is null ? _utf8.Span : Encoding.UTF8.GetBytes(_text);

    /// <summary>The payload as UTF-8 memory, for a parser that keeps what it reads (encoded on every call when the event holds text).</summary>
    public ReadOnlyMemory<byte> Utf8Memory => _text is null ? _utf8 : Encoding.UTF8.GetBytes(_text);

    /// <summary>The payload's length in UTF-8 bytes.</summary>
    public int Utf8Length => _text is null ? _utf8.Length : Encoding.UTF8.GetByteCount(_text);

    /// <summary>The Chat Completions stream terminator <c>data: [DONE]</c>.</summary>
    public bool IsDone => _text is null ? _utf8.Span.SequenceEqual("[DONE]"u8) : _text == "[DONE]";

    public static bool operator ==(SseEvent left, SseEvent right) => left.Equals(right);

    public static bool operator !=(SseEvent left, SseEvent right) => !left.Equals(right);

    public bool Equals(SseEvent other) => EventType == other.EventType && Data == other.Data;

    public override bool Equals(object? obj) => obj is SseEvent other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(EventType, Data);

    public override string ToString() => EventType is null ? $"data: {Data}" : $"event: {EventType}, data: {Data}";
}
