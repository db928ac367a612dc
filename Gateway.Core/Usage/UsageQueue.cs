namespace Gateway.Core.Usage;

/// <summary>
/// The bounded hand-off between requests and <see cref="UsageWriter"/>: enqueueing never blocks a request;
/// when the channel is full the oldest pending record is dropped, counted in <c>gateway.usage.dropped</c>
/// at once and logged by the writer.
/// </summary>
public sealed class UsageQueue
{
    private readonly Channel<UsageLog> _channel;
    private long _dropped;

    public UsageQueue(IOptions<GatewayOptions> options, GatewayMetrics metrics)
    {
        _channel = Channel.CreateBounded<UsageLog>(
            new BoundedChannelOptions(Math.Max(1, options.Value.UsageChannelCapacity)) { FullMode = BoundedChannelFullMode.DropOldest },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                metrics.UsageRowsDropped(1, "queue_full");
            });
    }

    public void Enqueue(UsageLog log) => _channel.Writer.TryWrite(log);

    internal ChannelReader<UsageLog> Reader => _channel.Reader;

    internal void Complete() => _channel.Writer.TryComplete();

    /// <summary>How many rows the full queue dropped since the last call.</summary>
    internal long TakeDroppedCount() => Interlocked.Exchange(ref _dropped, 0);
}
