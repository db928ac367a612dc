namespace Gateway.Core.Persistence;

/// <summary>
/// Reads one admin listing (usage logs, audit entries) for the admin API and the console: the rows a filter selects,
/// newest first, a page at a time, and the names behind the ids they hold.
/// </summary>
public abstract class ListingQueryService<TRow, TFilter>(IDbContextFactory<GatewayDbContext> dbFactory)
    where TRow : class, IListingRow
    where TFilter : ListingFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    protected IDbContextFactory<GatewayDbContext> DbFactory => dbFactory;

    public async Task<ListPage<TRow>> QueryAsync(TFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Apply(db.Set<TRow>().AsNoTracking(), filter).PageAsync(NewestFirst, offset, limit, MaxPageSize, ct);
    }

    /// <summary>The names of every account, API key and group, for showing the rows (deleted ones included as <c>#id</c>).</summary>
    public async Task<ListingNames> NamesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new ListingNames(
            await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct),
            await db.ApiKeys.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, ct),
            await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct));
    }

    /// <summary>The rows <paramref name="filter"/> selects, as one query for the database: its time range, then its own fields.</summary>
    internal IQueryable<TRow> Apply(IQueryable<TRow> query, TFilter filter) => Narrow(
        query.WhereGiven(filter.From, from => r => r.CreatedAt >= from).WhereGiven(filter.To, to => r => r.CreatedAt < to),
        filter);

    /// <summary>The rows in the listing's order: newest first, the later written first of two written at once.</summary>
    protected static IQueryable<TRow> NewestFirst(IQueryable<TRow> query) => query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

    /// <summary>The rows the listing's own fields of <paramref name="filter"/> keep.</summary>
    protected abstract IQueryable<TRow> Narrow(IQueryable<TRow> query, TFilter filter);
}
