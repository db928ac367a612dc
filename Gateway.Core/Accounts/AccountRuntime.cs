namespace Gateway.Core.Accounts;

/// <summary>
/// One account as the engine sees it: the latest stored row (replaced whole, never mutated), its decrypted
/// secret, its active model suspensions, and this process's in-flight count and last use.
/// </summary>
public sealed class AccountRuntime
{
    private int _inFlight;
    private long _lastUsedTicks;
    private long _writtenAtGeneration;
    private EndpointUris _endpoints;

    internal AccountRuntime(Account account, AccountSecret secret, ImmutableDictionary<string, DateTime> suspensions)
    {
        Account = account;
        Secret = secret;
        Suspensions = suspensions;
        GroupIds = account.Groups.Select(g => g.Id).ToHashSet();
        _lastUsedTicks = account.LastUsedAt?.Ticks ?? 0;
        _endpoints = new EndpointUris(account.BaseUrl);
    }

    public long Id => Account.Id;

    /// <summary>The stored row; a new instance replaces it whenever the database changes.</summary>
    public Account Account { get; private set; }

    public AccountSecret Secret { get; private set; }

    public IReadOnlySet<long> GroupIds { get; private set; }

    /// <summary>Suspended upstream models and when each suspension ends.</summary>
    public ImmutableDictionary<string, DateTime> Suspensions { get; private set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    /// <summary>Serialises this process's writes to the account's state so strikes are counted one at a time.</summary>
    internal SemaphoreSlim StateLock { get; } = new(1, 1);

    /// <summary>The account's endpoint of <paramref name="protocol"/>, built once per base URL instead of once per attempt.</summary>
    public Uri EndpointFor(ApiProtocol protocol) => _endpoints.For(protocol);

    public bool IsSuspended(string upstreamModel, DateTime now) =>
        Suspensions.TryGetValue(upstreamModel, out var until) && until > now;

    internal void Update(Account account, AccountSecret secret, ImmutableDictionary<string, DateTime> suspensions)
    {
        Account = account;
        Secret = secret;
        Suspensions = suspensions;
        GroupIds = account.Groups.Select(g => g.Id).ToHashSet();
        if (account.BaseUrl != _endpoints.BaseUrl)
        {
            _endpoints = new EndpointUris(account.BaseUrl);
        }

        var stored = account.LastUsedAt?.Ticks ?? 0;
        if (stored > LastUsedTicks)
        {
            Interlocked.Exchange(ref _lastUsedTicks, stored);
        }
    }

    /// <summary>
    /// Applies a snapshot whose database read began at <paramref name="readGeneration"/>. It is skipped while this
    /// process is writing the account's state, and when that write finished after the read began: the read may
    /// predate the write, and memory already holds the newer state. The next snapshot catches up.
    /// </summary>
    internal void ApplySnapshot(Account account, AccountSecret secret, ImmutableDictionary<string, DateTime> suspensions, long readGeneration)
    {
        if (!StateLock.Wait(0))
        {
            return;
        }

        try
        {
            if (Interlocked.Read(ref _writtenAtGeneration) <= readGeneration)
            {
                Update(account, secret, suspensions);
            }
        }
        finally
        {
            StateLock.Release();
        }
    }

    /// <summary>Notes the pool generation at which this process last wrote the account's state (under <see cref="StateLock"/>).</summary>
    internal void MarkWritten(long generation) => Interlocked.Exchange(ref _writtenAtGeneration, generation);

    internal void SetSuspensions(ImmutableDictionary<string, DateTime> suspensions) => Suspensions = suspensions;

    internal void SetSecret(AccountSecret secret) => Secret = secret;

    internal bool TryAcquireSlot()
    {
        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            if (current >= Math.Max(1, Account.Concurrency))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    internal void ReleaseSlot() => Interlocked.Decrement(ref _inFlight);

    internal void MarkUsed(DateTime now) => Interlocked.Exchange(ref _lastUsedTicks, now.Ticks);

    /// <summary>The endpoints under one base URL, each made when first used, so a malformed URL fails only the attempts that use it.</summary>
    private sealed class EndpointUris(string baseUrl)
    {
        private readonly Uri?[] _uris = new Uri?[Enum.GetValues<ApiProtocol>().Length];

        public string BaseUrl { get; } = baseUrl;

        public Uri For(ApiProtocol protocol) => _uris[(int)protocol] ??= UpstreamHttp.EndpointFor(BaseUrl, protocol);
    }
}
