namespace Gateway.Core.Forwarding;

/// <summary>
/// The handshake events the first-chunk gate holds back until its attempt commits, in arrival order, and their size
/// against <see cref="Options.GatewayOptions.FirstChunkGateMaxHeldBytes"/>: past it the gate commits anyway, so an
/// upstream cannot make the gateway buffer without end.
/// </summary>
internal sealed class HeldEvents(int maxBytes)
{
    private readonly List<SseEvent> _events = [];
    private int _bytes;

    public IReadOnlyList<SseEvent> Events => _events;

    /// <summary>Holds <paramref name="sse"/>; false when the held bytes now pass the bound.</summary>
    public bool TryHold(SseEvent sse)
    {
        _events.Add(sse);
        _bytes += sse.Utf8Length + (sse.EventType?.Length ?? 0);
        return _bytes <= maxBytes;
    }
}
