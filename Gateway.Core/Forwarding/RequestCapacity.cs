namespace Gateway.Core.Forwarding;

/// <summary>
/// The whole gateway's room for requests in this process: at most <see cref="GatewayOptions.MaxInFlightRequests"/>
/// requests and <see cref="GatewayOptions.MaxInFlightRequestBodyBytes"/> bytes of request bodies at once (each body stays
/// in memory until its request ends), so a flood of large requests is refused instead of exhausting memory. A body's
/// bytes are counted as the gateway sets memory aside for them while they arrive (<see cref="Room.Take"/>), never from
/// the length it declares: slow uploads that announce large bodies cannot fill the gateway with room they never use.
/// </summary>
public sealed class RequestCapacity(IOptionsMonitor<GatewayOptions> options)
{
    private int _requests;
    private long _bodyBytes;

    public int InFlightRequests => Volatile.Read(ref _requests);

    public long InFlightBodyBytes => Interlocked.Read(ref _bodyBytes);

    private long MaxBodyBytes => options.CurrentValue.MaxInFlightRequestBodyBytes;

    /// <summary>Room for one more request, to dispose when it ends; null with the reason when there is none.</summary>
    public Room? TryEnter(out string? refusal)
    {
        var limit = options.CurrentValue.MaxInFlightRequests;
        if (Interlocked.Increment(ref _requests) > limit && limit > 0)
        {
            Interlocked.Decrement(ref _requests);
            refusal = "The gateway is serving as many requests as it allows; retry shortly.";
            return null;
        }

        refusal = null;
        return new Room(this);
    }

    /// <summary>One request's place, and the body bytes it holds.</summary>
    public sealed class Room(RequestCapacity capacity) : IDisposable
    {
        private long _bytes;
        private int _released;

        /// <summary>
        /// Counts <paramref name="bytes"/> more of the request's body, or throws <see cref="RequestCapacityExceededException"/>
        /// when the gateway would then hold more than it allows; what was counted is given back on <see cref="Dispose"/>.
        /// </summary>
        public void Take(int bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            var held = Interlocked.Add(ref capacity._bodyBytes, bytes);
            var limit = capacity.MaxBodyBytes;
            if (limit > 0 && held > limit)
            {
                throw new RequestCapacityExceededException("The gateway holds as many request bytes as it allows; retry shortly.");
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref capacity._requests);
                Interlocked.Add(ref capacity._bodyBytes, -Interlocked.Read(ref _bytes));
            }
        }
    }
}
