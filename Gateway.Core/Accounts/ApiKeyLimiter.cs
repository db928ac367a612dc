using System.Collections.Concurrent;

namespace Gateway.Core.Accounts;

/// <summary>Enforces a key's optional concurrency and requests-per-minute limits in this process.</summary>
public sealed class ApiKeyLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, KeyCounters> _counters = new();

    /// <summary>A slot to dispose when the request ends, or null with the reason when a limit is reached.</summary>
    public IDisposable? TryEnter(ApiKeyIdentity key, out string? refusal)
    {
        refusal = null;
        if (key.ConcurrencyLimit is null && key.RequestsPerMinute is null)
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

            if (key.RequestsPerMinute is { } rpm && counters.InMinute >= rpm)
            {
                refusal = $"This API key is limited to {rpm} requests per minute.";
                return null;
            }

            if (key.ConcurrencyLimit is { } limit && counters.InFlight >= limit)
            {
                refusal = $"This API key is limited to {limit} concurrent requests.";
                return null;
            }

            counters.InMinute++;
            counters.InFlight++;
        }

        return new Slot(counters);
    }

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
