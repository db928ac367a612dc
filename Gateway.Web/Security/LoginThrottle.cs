namespace Gateway.Web.Security;

/// <summary>Why a sign-in attempt is refused before its password is checked.</summary>
public enum LoginRefusal
{
    None,

    /// <summary>This address failed too often within the minute (<see cref="SecurityOptions.LoginAttemptsPerMinute"/>).</summary>
    TooManyAttempts,

    /// <summary>This user failed too often from this address: locked out there for a while, not everywhere.</summary>
    LockedOut,
}

/// <summary>
/// Sign-in throttling by client address: at most <see cref="SecurityOptions.LoginAttemptsPerMinute"/> failed attempts per
/// address and minute, and a lockout after <see cref="MaxFailures"/> failures of one user from one address. Unlike an
/// account-wide lockout, nobody can keep the admin out by failing on purpose from elsewhere. An attempt counts as failed
/// from the moment it may check its password (<see cref="Begin"/>) until it succeeds, so parallel attempts cannot all pass
/// the limit before the first failure is known. State is in memory, bounded to <see cref="MaxTracked"/> addresses and
/// user-address pairs (the stalest are dropped first).
/// </summary>
public sealed class LoginThrottle(TimeProvider time, IOptionsMonitor<SecurityOptions> options)
{
    public const int MaxFailures = 5;
    public const int MaxTracked = 10_000;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> _addresses = new();
    private readonly ConcurrentDictionary<(string Address, string User), Counter> _users = new();

    // Checking the limits and counting the attempt are one step.
    private readonly Lock _gate = new();

    /// <summary>
    /// Whether an attempt for <paramref name="user"/> from <paramref name="address"/> may check its password now; one that
    /// may is counted as failed until <see cref="Succeeded"/>.
    /// </summary>
    public LoginRefusal Begin(IPAddress? address, string user)
    {
        var now = time.GetUtcNow();
        var limit = options.CurrentValue.LoginAttemptsPerMinute;
        var addressKey = Key(address);
        var userKey = (addressKey, Normalise(user));
        lock (_gate)
        {
            if (limit > 0 && _addresses.TryGetValue(addressKey, out var perAddress) && perAddress.CountSince(now - Window) >= limit)
            {
                return LoginRefusal.TooManyAttempts;
            }

            if (_users.TryGetValue(userKey, out var perUser) && perUser.CountSince(now - LockoutDuration) >= MaxFailures)
            {
                return LoginRefusal.LockedOut;
            }

            Record(_addresses, addressKey, now, Window);
            Record(_users, userKey, now, LockoutDuration);
            return LoginRefusal.None;
        }
    }

    /// <summary>The attempt <see cref="Begin"/> counted did not fail: it leaves the address's count, and the user's failures there are cleared.</summary>
    public void Succeeded(IPAddress? address, string user)
    {
        lock (_gate)
        {
            if (_addresses.TryGetValue(Key(address), out var perAddress))
            {
                perAddress.RemoveNewest();
            }

            _users.TryRemove((Key(address), Normalise(user)), out _);
        }
    }

    private static void Record<TKey>(ConcurrentDictionary<TKey, Counter> counters, TKey key, DateTimeOffset now, TimeSpan keep)
        where TKey : notnull
    {
        if (counters.Count >= MaxTracked && !counters.ContainsKey(key))
        {
            foreach (var stale in counters.Where(c => c.Value.Latest < now - keep).Select(c => c.Key).ToList())
            {
                counters.TryRemove(stale, out _);
            }

            if (counters.Count >= MaxTracked && counters.MinBy(c => c.Value.Latest) is { Key: var oldest })
            {
                counters.TryRemove(oldest, out _);
            }
        }

        counters.GetOrAdd(key, _ => new Counter()).Add(now, keep);
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    private static string Normalise(string user) => user.Trim().ToUpperInvariant();

    // The failure times still inside the longest span anyone asks about.
    private sealed class Counter
    {
        private readonly Lock _gate = new();
        private readonly Queue<DateTimeOffset> _times = new();

        public DateTimeOffset Latest { get; private set; }

        public void Add(DateTimeOffset at, TimeSpan keep)
        {
            lock (_gate)
            {
                while (_times.Count > 0 && _times.Peek() < at - keep)
                {
                    _times.Dequeue();
                }

                _times.Enqueue(at);
                Latest = at;
            }
        }

        public void RemoveNewest()
        {
            lock (_gate)
            {
                var kept = _times.SkipLast(1).ToList();
                _times.Clear();
                foreach (var at in kept)
                {
                    _times.Enqueue(at);
                }
            }
        }

        public int CountSince(DateTimeOffset since)
        {
            lock (_gate)
            {
                return _times.Count(t => t > since);
            }
        }
    }
}
