namespace Gateway.Core.Settings;

/// <summary>
/// Reads and writes feature flags. Reads are served from memory and refreshed from the database at
/// most every <see cref="GatewayOptions.FeatureSettingsRefreshInterval"/>, so several instances converge without a
/// per-request query; a refresh runs in the background and never holds up a request (<see cref="SnapshotRefresh"/>).
/// </summary>
public sealed partial class SettingsService(
    IDbContextFactory<GatewayDbContext> dbFactory,
    TimeProvider time,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<SettingsService> logger)
{
    private readonly SnapshotRefresh _refresh = new(time);
    private FeatureSettings _current = new();
    private int _saves;

    /// <summary>The current flags, at most one refresh interval old (while the database answers).</summary>
    public async ValueTask<FeatureSettings> GetAsync(CancellationToken ct)
    {
        if (_refresh.IsDue(options.CurrentValue.FeatureSettingsRefreshInterval))
        {
            await _refresh.RefreshAsync(LoadAsync, ex => LogRefreshFailed(logger, ex), ct);
        }

        return _current;
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
        Interlocked.Increment(ref _saves);
        _current = settings;
        _refresh.Loaded();
        return settings;
    }

    // A save made while the rows were being read is newer than they are: it stays.
    private async Task LoadAsync(CancellationToken ct)
    {
        var saves = Volatile.Read(ref _saves);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        if (saves != Volatile.Read(ref _saves))
        {
            return;
        }

        _current = new FeatureSettings
        {
            AutoEndpoint = rows.TryGetValue(FeatureSettings.AutoEndpointKey, out var auto) && bool.TryParse(auto, out var on) && on,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the feature flags from the database; the ones loaded last stay in force.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
