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

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter)
    {
        if (filter.From is { } from)
        {
            query = query.Where(a => a.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.CreatedAt < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(a => a.Actor == actor);
        }

        if (filter.AccountId is { } accountId)
        {
            query = query.Where(a => a.AccountId == accountId);
        }

        return query;
    }
}
