namespace Gateway.Core.Audit;

/// <summary>Reads audit entries for the admin API and the console's audit page.</summary>
public sealed class AuditQueryService(IDbContextFactory<GatewayDbContext> dbFactory) : ListingQueryService<AuditEntry, AuditFilter>(dbFactory)
{
    protected override IQueryable<AuditEntry> Narrow(IQueryable<AuditEntry> query, AuditFilter filter) => query
        .WhereGiven(filter.Action, action => a => a.Action == action)
        .WhereGiven(filter.Actor, actor => a => a.Actor == actor)
        .WhereGiven(filter.AccountId, accountId => a => a.AccountId == accountId);
}
