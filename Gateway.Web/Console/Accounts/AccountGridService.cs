namespace Gateway.Web.Console.Accounts;

/// <summary>Loads the accounts grid: accounts with their groups, live suspensions and recent health, one page at a time.</summary>
public sealed class AccountGridService(IDbContextFactory<GatewayDbContext> dbFactory, AccountHealthService health, TimeProvider time)
{
    public async Task<AccountGridPage> QueryAsync(AccountGridQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var healthByAccount = await health.LoadAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Include(a => a.Groups).ToListAsync(ct);
        var suspensions = (await db.ModelSuspensions.AsNoTracking().Where(s => s.Until > now).ToListAsync(ct)).ToLookup(s => s.AccountId);
        var rows = accounts.Select(a => AccountRow.From(a, suspensions[a.Id], healthByAccount.GetValueOrDefault(a.Id, AccountHealth.None), now));
        return AccountGrid.Apply(rows, query, now);
    }
}
