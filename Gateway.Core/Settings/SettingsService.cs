namespace Gateway.Core.Settings;

/// <summary>
/// Reads and writes feature flags. Reads are served from memory and refreshed from the database at
/// most every <see cref="GatewayOptions.FeatureSettingsRefreshInterval"/>, so several instances converge without a
/// per-request query.
/// </summary>
public sealed class SettingsService(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time, IOptionsMonitor<GatewayOptions> options)
{
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private FeatureSettings _current = new();
    private DateTime _loadedAt = DateTime.MinValue;

    /// <summary>The current flags, at most one refresh interval old.</summary>
    public async ValueTask<FeatureSettings> GetAsync(CancellationToken ct)
    {
        var refreshInterval = options.CurrentValue.FeatureSettingsRefreshInterval;
        if (time.GetUtcNow().UtcDateTime - _loadedAt < refreshInterval)
        {
            return _current;
        }

        await _refreshLock.WaitAsync(ct);
        try
        {
            if (time.GetUtcNow().UtcDateTime - _loadedAt >= refreshInterval)
            {
                await LoadAsync(ct);
            }

            return _current;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public async Task<FeatureSettings> SaveAsync(FeatureSettings settings, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == FeatureSettings.AutoEndpointKey, ct);
        var value = settings.AutoEndpoint ? "true" : "false";
        if (row is null)
        {
            db.Settings.Add(new Setting { Key = FeatureSettings.AutoEndpointKey, Value = value, UpdatedAt = now });
        }
        else
        {
            row.Value = value;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        _current = settings;
        _loadedAt = now;
        return settings;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        _current = new FeatureSettings
        {
            AutoEndpoint = rows.TryGetValue(FeatureSettings.AutoEndpointKey, out var auto) && bool.TryParse(auto, out var on) && on,
        };
        _loadedAt = time.GetUtcNow().UtcDateTime;
    }
}
