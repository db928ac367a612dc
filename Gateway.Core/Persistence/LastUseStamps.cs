namespace Gateway.Core.Persistence;

/// <summary>A row that stores when it was last used, stamped in batches after its usage rows are written.</summary>
internal interface ILastUseStamped
{
    long Id { get; }

    DateTime? LastUsedAt { get; }
}

/// <summary>
/// Writes when rows (accounts, API keys) were last used, so that every instance sees them: one unit of work on a fresh
/// context, redone by the <see cref="ResiliencePipelineNames.StorageWrite"/> pipeline after a transient database error.
/// </summary>
internal static class LastUseStamps
{
    /// <summary>
    /// Stores each (row id, time) stamp. A stamp never moves a later one back, so redoing them all after an error is harmless.
    /// </summary>
    public static async Task WriteAsync<T>(IDbContextFactory<GatewayDbContext> dbFactory, ResiliencePipeline storageWrites, IEnumerable<(long Id, DateTime At)> lastUses)
        where T : class, ILastUseStamped
    {
        var stamps = lastUses.ToList();
        await storageWrites.ExecuteAsync(async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var (id, at) in stamps)
            {
                await db.Set<T>().Where(r => r.Id == id && (r.LastUsedAt == null || r.LastUsedAt < at))
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.LastUsedAt, at), ct);
            }
        });
    }
}
