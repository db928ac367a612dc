namespace Gateway.Core.Audit;

/// <summary>Reads audit entries for the admin API and the console's audit page.</summary>
public sealed class AuditQueryService(IDbContextFactory<GatewayDbContext> dbFactory)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<ListPage<AuditEntry>> QueryAsync(AuditFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Apply(db.AuditEntries.AsNoTracking(), filter)
            .PageAsync(q => q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id), offset, limit, MaxPageSize, ct);
    }

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter) => query
        .WhereGiven(filter.From, from => a => a.CreatedAt >= from)
        .WhereGiven(filter.To, to => a => a.CreatedAt < to)
        .WhereGiven(filter.Action, action => a => a.Action == action)
        .WhereGiven(filter.Actor, actor => a => a.Actor == actor)
        .WhereGiven(filter.AccountId, accountId => a => a.AccountId == accountId);
}
