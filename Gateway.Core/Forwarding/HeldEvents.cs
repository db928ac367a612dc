namespace Gateway.Core.Forwarding;

/// <summary>
/// The handshake events the first-chunk gate holds back until its attempt commits, in arrival order, and their size
/// against <see cref="Options.GatewayOptions.FirstChunkGateMaxHeldBytes"/>: past it the gate commits anyway, so an
/// upstream cannot make the gateway buffer without end.
/// </summary>
internal sealed class HeldEvents(long maxBytes)
{
    private readonly List<SseEvent> _events = [];
    private long _bytes;

    /// <summary>
    /// The events one attempt may hold: <paramref name="maxHeldBytes"/> of what the upstream adds. A Responses upstream
    /// repeats the request's instructions and tools in <c>response.created</c> and <c>response.in_progress</c> (Claude
    /// Code's default tools alone come to 64 KB), so twice the request it was sent, which the gateway holds already,
    /// comes on top: without it a failure right after those two events would reach the client instead of failing over.
    /// </summary>
    public static HeldEvents For(ApiProtocol upstream, int maxHeldBytes, long requestBytes) =>
        new(upstream == ApiProtocol.Responses ? maxHeldBytes + (2 * requestBytes) : maxHeldBytes);

    public IReadOnlyList<SseEvent> Events => _events;

    /// <summary>Holds <paramref name="sse"/>; false when the held bytes now pass the bound.</summary>
    public bool TryHold(SseEvent sse)
    {
        _events.Add(sse);
        _bytes += sse.Utf8Length + (sse.EventType?.Length ?? 0);
        return _bytes <= maxBytes;
    }
}
