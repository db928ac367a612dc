namespace Gateway.Core.Conversations;

/// <summary>Deletes stored responses whose conversation was last used longer ago than <see cref="GatewayOptions.ResponseStoreRetention"/>.</summary>
internal sealed class ResponseStoreRetention(IDbContextFactory<GatewayDbContext> dbFactory, IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    /// <summary>Returns how many stored responses were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        // A retention of zero stores nothing, so whatever is left from before goes too.
        var retention = options.CurrentValue.ResponseStoreRetention;
        var cutoff = time.GetUtcNow().UtcDateTime - (retention > TimeSpan.Zero ? retention : TimeSpan.Zero);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // One statement, its items going with each response by the foreign key's cascade: items deleted first, by a
        // statement of their own, left a response continued in between (its retention restarted, so kept) without them.
        return await db.StoredResponses.Where(r => r.LastUsedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
