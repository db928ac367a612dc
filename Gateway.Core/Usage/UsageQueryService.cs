namespace Gateway.Core.Usage;

/// <summary>Reads usage logs for the admin API, the console's usage page and its CSV export.</summary>
public sealed class UsageQueryService(IDbContextFactory<GatewayDbContext> dbFactory)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Most rows one CSV export holds, so an export cannot exhaust memory.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<ListPage<UsageLog>> QueryAsync(UsageFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Apply(db.UsageLogs.AsNoTracking(), filter)
            .PageAsync(q => q.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id), offset, limit, MaxPageSize, ct);
    }

    /// <summary>The names of every account, API key and group, for showing usage rows (deleted ones included as <c>#id</c>).</summary>
    public async Task<UsageNames> NamesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new UsageNames(
            await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct),
            await db.ApiKeys.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, ct),
            await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct));
    }

    /// <summary>Every matching row, newest first, streamed from the database (capped at <see cref="MaxExportRows"/>).</summary>
    public async IAsyncEnumerable<UsageLog> ExportAsync(UsageFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = Apply(db.UsageLogs.AsNoTracking(), filter).OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Take(MaxExportRows).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <summary>The rows <paramref name="filter"/> selects, as one query for the database.</summary>
    internal static IQueryable<UsageLog> Apply(IQueryable<UsageLog> query, UsageFilter filter) => query
        .WhereGiven(filter.From, from => u => u.CreatedAt >= from)
        .WhereGiven(filter.To, to => u => u.CreatedAt < to)
        .WhereGiven(filter.AccountId, accountId => u => u.AccountId == accountId)
        .WhereGiven(filter.KeyId, keyId => u => u.KeyId == keyId)
        .WhereGiven(filter.Model, model => u => u.Model == model)
        .WhereGiven(filter.Status, status => u => u.Status == status)
        .WhereGiven(filter.AttemptStatus, UsageTraceSearch.WhereAnyAttemptStatus)
        .WhereGiven(filter.FailedOver, UsageTraceSearch.WhereFailedOver)
        // Both ids are indexed: a client's "x-request-id" from an error report finds its row at once.
        .WhereGiven(filter.RequestId, requestId => u => u.RequestId == requestId || u.ClientRequestId == requestId);
}
