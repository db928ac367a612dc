namespace Gateway.Core.Accounts;

/// <summary>
/// The in-memory snapshot of every account with decrypted secrets. The database is the shared truth: the
/// snapshot is reloaded every <see cref="GatewayOptions.AccountRefreshInterval"/> and at once after admin
/// changes, so cooldowns written by another instance are seen within one interval.
/// </summary>
public sealed partial class AccountPool : BackgroundService, IAccountChangeListener
{
    private readonly IDbContextFactory<GatewayDbContext> _dbFactory;
    private readonly SecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly ILogger<AccountPool> _logger;
    private readonly ConcurrentDictionary<long, AccountRuntime> _accounts = new();

    // Read on every request: an array swapped after each load, so readers take no lock.
    private AccountRuntime[] _snapshot = [];
    private readonly ConcurrentDictionary<string, AccountSecret> _secrets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _generation;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _slotReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AccountPool(
        IDbContextFactory<GatewayDbContext> dbFactory,
        SecretProtector protector,
        TimeProvider time,
        IOptionsMonitor<GatewayOptions> options,
        ILogger<AccountPool> logger)
    {
        _dbFactory = dbFactory;
        _protector = protector;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Every known account.</summary>
    public IReadOnlyList<AccountRuntime> Accounts => Volatile.Read(ref _snapshot);

    public AccountRuntime? Find(long id) => _accounts.GetValueOrDefault(id);

    /// <summary>Completes when a concurrency slot is released anywhere, so waiters can look again.</summary>
    internal Task SlotReleased => Volatile.Read(ref _slotReleased).Task;

    /// <summary>Waits for the first load, so the first requests after start-up see the accounts.</summary>
    public async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_firstLoad.Task.IsCompleted)
        {
            return;
        }

        await _refreshLock.WaitAsync(ct);
        try
        {
            // Many first requests may arrive together: one load serves them all.
            if (!_firstLoad.Task.IsCompleted)
            {
                await LoadAsync(ct);
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void OnAccountChanged(AccountChange change) => Volatile.Read(ref _changed).TrySetResult();

    /// <summary>Reloads every account and active suspension from the database.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshLock.WaitAsync(ct);
        try
        {
            await LoadAsync(ct);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var generation = Interlocked.Increment(ref _generation);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var now = _time.GetUtcNow().UtcDateTime;
        var rows = await db.Accounts.AsNoTracking().Include(a => a.Groups).ToListAsync(ct);
        var suspensions = (await db.ModelSuspensions.AsNoTracking().Where(s => s.Until > now).ToListAsync(ct))
            .GroupBy(s => s.AccountId)
            .ToDictionary(g => g.Key, g => g.GroupBy(s => s.UpstreamModel).ToImmutableDictionary(m => m.Key, m => m.Max(s => s.Until)));
        foreach (var row in rows)
        {
            var secret = Decrypt(row);
            var rowSuspensions = suspensions.GetValueOrDefault(row.Id) ?? ImmutableDictionary<string, DateTime>.Empty;
            _accounts.AddOrUpdate(row.Id, _ => new AccountRuntime(row, secret, rowSuspensions), (_, existing) =>
            {
                existing.ApplySnapshot(row, secret, rowSuspensions, generation);
                return existing;
            });
        }

        var ids = rows.Select(r => r.Id).ToHashSet();
        foreach (var gone in _accounts.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _accounts.TryRemove(gone, out _);
        }

        Volatile.Write(ref _snapshot, [.. _accounts.Values.OrderBy(a => a.Id)]);

        _firstLoad.TrySetResult();
    }

    /// <summary>Reloads one account after the state updater wrote it (the caller holds its state lock).</summary>
    internal async Task ReloadAsync(AccountRuntime runtime, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var row = await db.Accounts.AsNoTracking().Include(a => a.Groups).FirstOrDefaultAsync(a => a.Id == runtime.Id, ct);
        if (row is not null)
        {
            runtime.Update(row, Decrypt(row), runtime.Suspensions);
        }

        MarkWritten(runtime);
    }

    /// <summary>Keeps snapshot loads that began before this moment from overwriting <paramref name="runtime"/>'s newer state.</summary>
    internal void MarkWritten(AccountRuntime runtime) => runtime.MarkWritten(Interlocked.Increment(ref _generation));

    internal void NotifySlotReleased() => Interlocked.Exchange(ref _slotReleased, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(_logger, ex);
            }

            var changed = Volatile.Read(ref _changed).Task;
            try
            {
                await Task.WhenAny(changed, Task.Delay(_options.CurrentValue.AccountRefreshInterval, _time, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (changed.IsCompleted)
            {
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
    }

    private AccountSecret Decrypt(Account row)
    {
        if (row.ProtectedSecret is null)
        {
            return new AccountSecret();
        }

        // Unprotecting is costly; the protected text only changes when the secret does.
        return _secrets.GetOrAdd(row.ProtectedSecret, text =>
        {
            try
            {
                return _protector.Unprotect(text);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                LogSecretUnreadable(_logger, row.Id, ex);
                return new AccountSecret();
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the account snapshot failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "The secret of account {AccountId} cannot be decrypted")]
    private static partial void LogSecretUnreadable(ILogger logger, long accountId, Exception ex);
}
