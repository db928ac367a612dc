namespace Gateway.Core.Forwarding;

/// <summary>
/// The whole gateway's room for requests in this process: at most <see cref="GatewayOptions.MaxInFlightRequests"/>
/// requests and <see cref="GatewayOptions.MaxInFlightRequestBodyBytes"/> bytes of request bodies at once (each body stays
/// in memory until its request ends), so a flood of large requests is refused instead of exhausting memory.
/// </summary>
public sealed class RequestCapacity(IOptionsMonitor<GatewayOptions> options)
{
    private int _requests;
    private long _bodyBytes;

    public int InFlightRequests => Volatile.Read(ref _requests);

    public long InFlightBodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>Room for one request holding <paramref name="bodyBytes"/>, to dispose when it ends; null with the reason when there is none.</summary>
    public IDisposable? TryEnter(long bodyBytes, out string? refusal)
    {
        var settings = options.CurrentValue;
        refusal = null;
        var requests = Interlocked.Increment(ref _requests);
        var bytes = Interlocked.Add(ref _bodyBytes, bodyBytes);
        if (settings.MaxInFlightRequests > 0 && requests > settings.MaxInFlightRequests)
        {
            refusal = "The gateway is serving as many requests as it allows; retry shortly.";
        }
        else if (settings.MaxInFlightRequestBodyBytes > 0 && bytes > settings.MaxInFlightRequestBodyBytes)
        {
            refusal = "The gateway holds as many request bytes as it allows; retry shortly.";
        }

        var lease = new Lease(this, bodyBytes);
        if (refusal is null)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    private sealed class Lease(RequestCapacity capacity, long bodyBytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref capacity._requests);
                Interlocked.Add(ref capacity._bodyBytes, -bodyBytes);
            }
        }
    }
}
