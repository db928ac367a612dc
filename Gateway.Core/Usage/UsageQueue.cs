using System.Threading.Channels;
using Gateway.Core.Options;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Usage;

/// <summary>
/// The bounded hand-off between requests and <see cref="UsageWriter"/>: enqueueing never blocks a request;
/// when the channel is full the oldest pending record is dropped.
/// </summary>
public sealed class UsageQueue(IOptions<GatewayOptions> options)
{
    private readonly Channel<UsageLog> _channel = Channel.CreateBounded<UsageLog>(new BoundedChannelOptions(Math.Max(1, options.Value.UsageChannelCapacity))
    {
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    public void Enqueue(UsageLog log) => _channel.Writer.TryWrite(log);

    internal ChannelReader<UsageLog> Reader => _channel.Reader;

    internal void Complete() => _channel.Writer.TryComplete();
}
