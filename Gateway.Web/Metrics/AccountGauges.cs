namespace Gateway.Web.Metrics;

/// <summary>
/// The value of <c>gateway.accounts.cooling</c>: accounts whose cooldown has not ended, read from this instance's
/// account snapshot. The snapshot follows the shared database within one <c>AccountRefreshInterval</c>, so a scrape
/// never waits on (or fails with) the database.
/// </summary>
internal sealed class CoolingAccountsGauge(AccountPool pool, TimeProvider time)
{
    public int Read()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return pool.Accounts.Count(a => a.Account.CooldownUntil > now);
    }
}
