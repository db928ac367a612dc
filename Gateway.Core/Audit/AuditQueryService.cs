namespace Gateway.Core.Audit;

/// <summary>Reads audit entries for the admin API and the console's audit page.</summary>
public sealed class AuditQueryService(IDbContextFactory<GatewayDbContext> dbFactory) : ListingQueryService<AuditEntry, AuditFilter>(dbFactory)
{
    protected internal override IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter) => query
        .WhereGiven(filter.From, from => a => a.CreatedAt >= from)
        .WhereGiven(filter.To, to => a => a.CreatedAt < to)
        .WhereGiven(filter.Action, action => a => a.Action == action)
        .WhereGiven(filter.Actor, actor => a => a.Actor == actor)
        .WhereGiven(filter.AccountId, accountId => a => a.AccountId == accountId);

    protected override IQueryable<AuditEntry> NewestFirst(IQueryable<AuditEntry> query) => query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id);
}
