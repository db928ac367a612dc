namespace Gateway.Web.Console.Accounts;

/// <summary>
/// Reads the last hour of request traces (the newest <see cref="MaxRequests"/>) into per-account health.
/// Every open accounts page refreshes every few seconds: one read serves them all for <see cref="CacheFor"/>.
/// </summary>
public sealed class AccountHealthService(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    public const int MaxRequests = 5000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset ReadAt, IReadOnlyDictionary<long, AccountHealth> Health)? cached;

    public async Task<IReadOnlyDictionary<long, AccountHealth>> LoadAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (cached is { } hit && now - hit.ReadAt < CacheFor)
            {
                return hit.Health;
            }

            var since = (now - Window).UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var requests = await db.UsageLogs.AsNoTracking()
                .Where(u => u.CreatedAt >= since)
                .OrderByDescending(u => u.CreatedAt)
                .Take(MaxRequests)
                .Select(u => new { u.CreatedAt, u.Trace })
                .ToListAsync(ct);
            var health = AccountHealthCalculator.FromTraces(requests.Select(r => (r.CreatedAt, (IReadOnlyList<Gateway.Core.Usage.AttemptTrace>)r.Trace)));
            cached = (now, health);
            return health;
        }
        finally
        {
            gate.Release();
        }
    }
}
