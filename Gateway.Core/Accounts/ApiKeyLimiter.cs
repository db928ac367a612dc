namespace Gateway.Core.Accounts;

/// <summary>
/// Enforces a key's concurrency and requests-per-minute limits in this process: its own, or for a key without them
/// <see cref="GatewayOptions.DefaultKeyConcurrencyLimit"/> and <see cref="GatewayOptions.DefaultKeyRequestsPerMinute"/>,
/// so no one key can take a whole group's accounts.
/// </summary>
public sealed class ApiKeyLimiter(TimeProvider time, IOptionsMonitor<GatewayOptions>? options = null)
{
    private readonly ConcurrentDictionary<long, KeyCounters> _counters = new();

    /// <summary>A slot to dispose when the request ends, or null with the reason when a limit is reached.</summary>
    public IDisposable? TryEnter(ApiKeyIdentity key, out string? refusal)
    {
        refusal = null;
        var defaults = options?.CurrentValue;
        var concurrencyLimit = key.ConcurrencyLimit ?? Positive(defaults?.DefaultKeyConcurrencyLimit);
        var requestsPerMinute = key.RequestsPerMinute ?? Positive(defaults?.DefaultKeyRequestsPerMinute);
        if (concurrencyLimit is null && requestsPerMinute is null)
        {
            return NoSlot.Instance;
        }

        var counters = _counters.GetOrAdd(key.Id, _ => new KeyCounters());
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        lock (counters)
        {
            if (counters.Minute != minute)
            {
                counters.Minute = minute;
                counters.InMinute = 0;
            }

            if (requestsPerMinute is { } rpm && counters.InMinute >= rpm)
            {
                refusal = $"This API key is limited to {rpm} requests per minute.";
                return null;
            }

            if (concurrencyLimit is { } limit && counters.InFlight >= limit)
            {
                refusal = $"This API key is limited to {limit} concurrent requests.";
                return null;
            }

            counters.InMinute++;
            counters.InFlight++;
        }

        return new Slot(counters);
    }

    // 0 (or less) in the options means no default limit.
    private static int? Positive(int? value) => value > 0 ? value : null;

    private sealed class KeyCounters
    {
        public long Minute { get; set; }

        public int InMinute { get; set; }

        public int InFlight { get; set; }
    }

    private sealed class Slot(KeyCounters counters) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lock (counters)
                {
                    counters.InFlight--;
                }
            }
        }
    }

    private sealed class NoSlot : IDisposable
    {
        public static NoSlot Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
