namespace Gateway.Web.Metrics;

/// <summary>
/// The values of the account gauges, read from this instance's account snapshot, so a scrape never waits on (or fails
/// with) the database: <c>gateway.accounts.cooling</c>, accounts whose cooldown has not ended (the snapshot follows the
/// shared database within one <c>AccountRefreshInterval</c>), and <c>gateway.accounts.in_flight</c>, requests holding
/// one of an account's concurrency slots on this instance.
/// </summary>
internal sealed class AccountGauges(AccountPool pool, TimeProvider time)
{
    public int Cooling()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return pool.Accounts.Count(a => a.Account.CooldownUntil > now);
    }

    public int InFlight() => pool.Accounts.Sum(a => a.InFlight);
}
