namespace Gateway.Web.Console.Accounts;

/// <summary>
/// Reads the last hour of request traces (the newest <see cref="MaxRequests"/>) into per-account health.
/// Every open accounts page refreshes every few seconds: one read serves them all for <see cref="CacheFor"/> (a
/// <see cref="SharedRead{T}"/>).
/// </summary>
public sealed class AccountHealthService(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    public const int MaxRequests = 5000;

    private readonly SharedRead<IReadOnlyDictionary<long, AccountHealth>> shared = new(time, CacheFor);

    public Task<IReadOnlyDictionary<long, AccountHealth>> LoadAsync(CancellationToken ct) => shared.GetAsync(ReadAsync, ct);

    private async Task<IReadOnlyDictionary<long, AccountHealth>> ReadAsync(CancellationToken ct)
    {
        var since = (time.GetUtcNow() - Window).UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = await db.UsageLogs.AsNoTracking()
            .Where(u => u.CreatedAt >= since)
            .OrderByDescending(u => u.CreatedAt)
            .Take(MaxRequests)
            .Select(u => new { u.CreatedAt, u.Trace })
            .ToListAsync(ct);
        return AccountHealthCalculator.FromTraces(requests.Select(r => (r.CreatedAt, (IReadOnlyList<Gateway.Core.Usage.AttemptTrace>)r.Trace)));
    }
}
