namespace Gateway.Core.Routing;

/// <summary>
/// The upstream protocol that last succeeded per (account, upstream model), SPEC 5.2: successes only,
/// <see cref="GatewayOptions.EndpointCacheTtl"/> long, shared through the database.
/// </summary>
public interface IEndpointProtocolCache
{
    /// <summary>The cached protocol, or null when none is cached or it expired. Served from memory.</summary>
    ValueTask<ApiProtocol?> GetAsync(long accountId, string model, CancellationToken ct);

    /// <summary>Records that <paramref name="protocol"/> served (account, model): <see cref="Remember"/>, then <see cref="StoreAsync"/>.</summary>
    Task RecordSuccessAsync(long accountId, string model, ApiProtocol protocol, CancellationToken ct);

    /// <summary>
    /// Records in this instance's memory at once that <paramref name="protocol"/> served (account, model), so the very next
    /// request uses it; returns the database write it calls for, or null when the stored entry is still fresh.
    /// </summary>
    EndpointCacheWrite? Remember(long accountId, string model, ApiProtocol protocol);

    /// <summary>Writes a remembered success to the database, where other instances read it.</summary>
    Task StoreAsync(EndpointCacheWrite write, CancellationToken ct);
}

/// <summary>One endpoint-cache row to write.</summary>
public readonly record struct EndpointCacheWrite(long AccountId, string Model, ApiProtocol Protocol, DateTime ExpiresAt);

/// <summary>
/// Reads go to an in-memory snapshot of the <c>endpoint_cache</c> table, reloaded at most every
/// <see cref="GatewayOptions.EndpointCacheRefreshInterval"/> (so other instances' writes arrive), never a
/// query per request. A success is in memory at once and written to the database after, but one that only
/// confirms a fresh entry (more than half its lifetime left) is not written again; a reload keeps what this
/// instance remembered and has not finished writing.
/// </summary>
internal sealed partial class EndpointProtocolCache(
    IDbContextFactory<GatewayDbContext> dbFactory,
    [FromKeyedServices(ResiliencePipelineNames.StorageWrite)] ResiliencePipeline storageWrites,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<EndpointProtocolCache> logger) : IEndpointProtocolCache, IAccountChangeListener
{
    private const int MaxModelLength = 200;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private ImmutableDictionary<(long AccountId, string Model), Entry> _entries = ImmutableDictionary<(long, string), Entry>.Empty;
    private ImmutableDictionary<(long AccountId, string Model), Entry> _unwritten = ImmutableDictionary<(long, string), Entry>.Empty;
    private DateTime _loadedAt = DateTime.MinValue;

    public async ValueTask<ApiProtocol?> GetAsync(long accountId, string model, CancellationToken ct)
    {
        var now = Now;
        if (now - _loadedAt >= options.CurrentValue.EndpointCacheRefreshInterval)
        {
            await ReloadAsync(ct);
        }

        return _entries.TryGetValue((accountId, model), out var entry) && entry.ExpiresAt > now ? entry.Protocol : null;
    }

    public async Task RecordSuccessAsync(long accountId, string model, ApiProtocol protocol, CancellationToken ct)
    {
        if (Remember(accountId, model, protocol) is { } write)
        {
            await StoreAsync(write, ct);
        }
    }

    public EndpointCacheWrite? Remember(long accountId, string model, ApiProtocol protocol)
    {
        if (model.Length > MaxModelLength)
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
        return new EndpointCacheWrite(accountId, model, protocol, entry.ExpiresAt);
    }

    public async Task StoreAsync(EndpointCacheWrite write, CancellationToken ct)
    {
        try
        {
            await storageWrites.ExecuteAsync(async token => await UpsertAsync(write.AccountId, write.Model, write.Protocol, write.ExpiresAt, token), ct);
        }
        finally
        {
            ImmutableInterlocked.Update(ref _unwritten, unwritten =>
                unwritten.TryGetValue((write.AccountId, write.Model), out var entry) && entry.ExpiresAt == write.ExpiresAt ? unwritten.Remove((write.AccountId, write.Model)) : unwritten);
        }
    }

    /// <summary>A changed connection may serve other protocols now: forget what this instance knew.</summary>
    public void OnAccountChanged(AccountChange change)
    {
        if (change.Kind is AccountChangeKind.ConnectionChanged or AccountChangeKind.Deleted)
        {
            ImmutableInterlocked.Update(ref _entries, entries => entries.RemoveRange(entries.Keys.Where(k => k.AccountId == change.AccountId)));
            ImmutableInterlocked.Update(ref _unwritten, unwritten => unwritten.RemoveRange(unwritten.Keys.Where(k => k.AccountId == change.AccountId)));
            _ = DeleteAccountEntriesAsync(change.AccountId);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task ReloadAsync(CancellationToken ct)
    {
        // One reload at a time; concurrent readers keep using the previous snapshot meanwhile.
        if (!await _reloadLock.WaitAsync(_loadedAt == DateTime.MinValue ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, ct))
        {
            return;
        }

        try
        {
            var now = Now;
            if (now - _loadedAt < options.CurrentValue.EndpointCacheRefreshInterval)
            {
                return;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.EndpointCacheEntries.AsNoTracking()
                .Where(e => e.ExpiresAt > now)
                .Select(e => new { e.AccountId, e.Model, e.Protocol, e.ExpiresAt })
                .ToListAsync(ct);
            _entries = rows.ToImmutableDictionary(r => (r.AccountId, r.Model), r => new Entry(r.Protocol, r.ExpiresAt)).SetItems(_unwritten);
            _loadedAt = now;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private async Task UpsertAsync(long accountId, string model, ApiProtocol protocol, DateTime expiresAt, CancellationToken ct)
    {
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
            LogForgetFailed(logger, accountId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear the endpoint cache of account {AccountId}.")]
    private static partial void LogForgetFailed(ILogger logger, long accountId, Exception exception);

    private readonly record struct Entry(ApiProtocol Protocol, DateTime ExpiresAt);
}
