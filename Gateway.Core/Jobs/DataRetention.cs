namespace Gateway.Core.Jobs;

/// <summary>Deletes usage logs older than <see cref="GatewayOptions.UsageRetentionDays"/>; zero or less keeps them forever.</summary>
public sealed class DataRetention(IDbContextFactory<GatewayDbContext> dbFactory, IOptions<GatewayOptions> options, TimeProvider time)
{
    /// <summary>Returns how many usage rows were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var days = options.Value.UsageRetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UsageLogs.Where(u => u.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
