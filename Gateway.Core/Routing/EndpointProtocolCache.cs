namespace Gateway.Core.Routing;

/// <summary>
/// The upstream protocol that last succeeded per (account, upstream model), SPEC 5.2: successes only,
/// <see cref="GatewayOptions.EndpointCacheTtl"/> long, shared through the database.
/// </summary>
public interface IEndpointProtocolCache
{
    /// <summary>The cached protocol, or null when none is cached or it expired. Served from memory.</summary>
    ValueTask<ApiProtocol?> GetAsync(long accountId, string model, CancellationToken ct);

    /// <summary>
    /// Records that <paramref name="protocol"/> served (account, model): in this instance's memory at once, so the very
    /// next request uses it, and in the database (where other instances read it) in the background, off the caller's
    /// thread, unless the stored entry is still fresh. Shutdown waits for the write.
    /// </summary>
    void RecordSuccess(long accountId, string model, ApiProtocol protocol);

    /// <summary>As <see cref="RecordSuccess"/>, with the database write done before the task completes.</summary>
    Task RecordSuccessAsync(long accountId, string model, ApiProtocol protocol, CancellationToken ct);
}

/// <summary>
/// Reads go to an in-memory snapshot of the <c>endpoint_cache</c> table, reloaded at most every
/// <see cref="GatewayOptions.EndpointCacheRefreshInterval"/> (so other instances' writes arrive), never a
/// query per request; a reload runs in the background and never holds up a request (<see cref="SnapshotRefresh"/>). A success is in memory at once and written to the database after, but one that only
/// confirms a fresh entry (more than half its lifetime left) is not written again; a reload keeps what this
/// instance remembered and has not finished writing. Writes made in the background are waited for when the host stops.
/// </summary>
internal sealed partial class EndpointProtocolCache(
    IDbContextFactory<GatewayDbContext> dbFactory,
    [FromKeyedServices(ResiliencePipelineNames.StorageWrite)] ResiliencePipeline storageWrites,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<EndpointProtocolCache> logger) : IEndpointProtocolCache, IAccountChangeListener, IHostedService
{
    private readonly SnapshotRefresh _refresh = new(time);
    private readonly BackgroundWrites _writes = new();
    private ImmutableDictionary<(long AccountId, string Model), Entry> _entries = ImmutableDictionary<(long, string), Entry>.Empty;
    private ImmutableDictionary<(long AccountId, string Model), Entry> _unwritten = ImmutableDictionary<(long, string), Entry>.Empty;

    public async ValueTask<ApiProtocol?> GetAsync(long accountId, string model, CancellationToken ct)
    {
        if (_refresh.IsDue(options.CurrentValue.EndpointCacheRefreshInterval))
        {
            await _refresh.RefreshAsync(LoadAsync, ex => LogReloadFailed(logger, ex), ct);
        }

        return _entries.TryGetValue((accountId, model), out var entry) && entry.ExpiresAt > Now ? entry.Protocol : null;
    }

    public void RecordSuccess(long accountId, string model, ApiProtocol protocol)
    {
        if (Remember(accountId, model, protocol) is { } write)
        {
            _writes.Track(StoreInBackgroundAsync(write));
        }
    }

    public async Task RecordSuccessAsync(long accountId, string model, ApiProtocol protocol, CancellationToken ct)
    {
        if (Remember(accountId, model, protocol) is { } write)
        {
            await StoreAsync(write, ct);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the writes still under way (until the host's shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _writes.WrittenAsync().WaitAsync(cancellationToken);

    /// <summary>A changed connection may serve other protocols now: forget what this instance knew.</summary>
    public void OnAccountChanged(AccountChange change)
    {
        if (change.Kind is AccountChangeKind.ConnectionChanged or AccountChangeKind.Deleted)
        {
            ImmutableInterlocked.Update(ref _entries, entries => entries.RemoveRange(entries.Keys.Where(k => k.AccountId == change.AccountId)));
            ImmutableInterlocked.Update(ref _unwritten, unwritten => unwritten.RemoveRange(unwritten.Keys.Where(k => k.AccountId == change.AccountId)));
            _writes.Track(DeleteAccountEntriesAsync(change.AccountId));
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // In memory at once; the database write it calls for, or null when the stored entry is still fresh.
    private Write? Remember(long accountId, string model, ApiProtocol protocol)
    {
        if (model.Length > GatewayOptions.ModelColumnLength)
        {
            return null;
        }

        var now = Now;
        var ttl = options.CurrentValue.EndpointCacheTtl;
        if (_entries.TryGetValue((accountId, model), out var known) && known.Protocol == protocol && known.ExpiresAt - now > ttl / 2)
        {
            return null;
        }

        var entry = new Entry(protocol, now + ttl);
        ImmutableInterlocked.Update(ref _unwritten, unwritten => unwritten.SetItem((accountId, model), entry));
        ImmutableInterlocked.Update(ref _entries, entries => entries.SetItem((accountId, model), entry));
        return new Write(accountId, model, entry);
    }

    // The request that served already has its answer (the attempt commits before its first byte goes out, and SQLite's
    // calls complete inline): off its thread first. A failed write only costs another instance one extra attempt.
    private async Task StoreInBackgroundAsync(Write write)
    {
        await Task.Yield();
        try
        {
            await StoreAsync(write, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWriteFailed(logger, write.AccountId, ex);
        }
    }

    private async Task StoreAsync(Write write, CancellationToken ct)
    {
        try
        {
            await storageWrites.ExecuteAsync(async token => await UpsertAsync(write.AccountId, write.Model, write.Entry, token), ct);
        }
        finally
        {
            ImmutableInterlocked.Update(ref _unwritten, unwritten =>
                unwritten.TryGetValue((write.AccountId, write.Model), out var entry) && entry == write.Entry ? unwritten.Remove((write.AccountId, write.Model)) : unwritten);
        }
    }

    // What was still unwritten when the query began is kept as well as what is unwritten when it ends: a write that
    // finished in between may be missing from the rows read.
    private async Task LoadAsync(CancellationToken ct)
    {
        var now = Now;
        var unwritten = _unwritten;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.EndpointCacheEntries.AsNoTracking()
            .Where(e => e.ExpiresAt > now)
            .Select(e => new { e.AccountId, e.Model, e.Protocol, e.ExpiresAt })
            .ToListAsync(ct);
        _entries = rows.ToImmutableDictionary(r => (r.AccountId, r.Model), r => new Entry(r.Protocol, r.ExpiresAt)).SetItems(unwritten).SetItems(_unwritten);
    }

    private async Task UpsertAsync(long accountId, string model, Entry entry, CancellationToken ct)
    {
        var (protocol, expiresAt) = entry;
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.EndpointCacheEntries.FirstOrDefaultAsync(e => e.AccountId == accountId && e.Model == model, ct);
            if (row is null)
            {
                db.EndpointCacheEntries.Add(new EndpointCacheEntry { AccountId = accountId, Model = model, Protocol = protocol, ExpiresAt = expiresAt });
            }
            else
            {
                row.Protocol = protocol;
                row.ExpiresAt = expiresAt;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (row is null && attempt == 0)
            {
                // Another instance inserted the same (account, model) first: update its row instead.
            }
        }
    }

    private async Task DeleteAccountEntriesAsync(long accountId)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.EndpointCacheEntries.Where(e => e.AccountId == accountId).ExecuteDeleteAsync();
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogWriteFailed(logger, accountId, ex);
        }
    }

    // A write that stores a success or forgets an account's entries.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the endpoint cache of account {AccountId} to the database.")]
    private static partial void LogWriteFailed(ILogger logger, long accountId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the endpoint cache from the database; the entries loaded last stay in use.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    private readonly record struct Entry(ApiProtocol Protocol, DateTime ExpiresAt);

    private readonly record struct Write(long AccountId, string Model, Entry Entry);
}
