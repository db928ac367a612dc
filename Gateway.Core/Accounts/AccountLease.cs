namespace Gateway.Core.Accounts;

/// <summary>A held concurrency slot on one account; disposing releases it exactly once.</summary>
public sealed class AccountLease : IDisposable
{
    private readonly AccountPool _pool;
    private int _released;

    internal AccountLease(AccountPool pool, AccountRuntime runtime)
    {
        _pool = pool;
        Runtime = runtime;
    }

    public AccountRuntime Runtime { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Runtime.ReleaseSlot();
            _pool.NotifySlotReleased();
        }
    }
}
