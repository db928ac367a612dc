namespace Gateway.Core.Usage;

/// <summary>Reads usage logs for the admin API, the console's usage page and its CSV export.</summary>
public sealed class UsageQueryService(IDbContextFactory<GatewayDbContext> dbFactory) : ListingQueryService<UsageLog, UsageFilter>(dbFactory)
{
    /// <summary>Most rows one CSV export holds, so an export cannot exhaust memory.</summary>
    public const int MaxExportRows = 100_000;

    /// <summary>Every matching row, newest first, streamed from the database (capped at <see cref="MaxExportRows"/>).</summary>
    public async IAsyncEnumerable<UsageLog> ExportAsync(UsageFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var rows = NewestFirst(Apply(db.UsageLogs.AsNoTracking(), filter)).Take(MaxExportRows).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
        }
    }

    protected override IQueryable<UsageLog> Narrow(IQueryable<UsageLog> query, UsageFilter filter) => query
        .WhereGiven(filter.AccountId, accountId => u => u.AccountId == accountId)
        .WhereGiven(filter.KeyId, keyId => u => u.KeyId == keyId)
        .WhereGiven(filter.Model, model => u => u.Model == model)
        .WhereGiven(filter.Status, status => u => u.Status == status)
        .WhereGiven(filter.AttemptStatus, UsageTraceSearch.WhereAnyAttemptStatus)
        .WhereGiven(filter.FailedOver, UsageTraceSearch.WhereFailedOver)
        // Both ids are indexed: a client's "x-request-id" from an error report finds its row at once.
        .WhereGiven(filter.RequestId, requestId => u => u.RequestId == requestId || u.ClientRequestId == requestId);
}
