namespace Gateway.Core.Accounts;

/// <summary>
/// Ends what has expired: temporary cooldowns (the account returns to scheduling), model suspensions
/// and endpoint-cache entries, with one audit entry by <c>system</c> per change (SPEC 6).
/// </summary>
public sealed class CooldownExpiry(IDbContextFactory<GatewayDbContext> dbFactory, IAccountChangeNotifier changes, TimeProvider time)
{
    public const string Actor = "system";

    public async Task<CooldownExpiryResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var audit = new List<AuditEntry>();
        var touched = new HashSet<long>();

        var cooled = await db.Accounts.AsNoTracking()
            .Where(a => a.CooldownUntil != null && a.CooldownUntil <= now)
            .Select(a => new { a.Id, a.CooldownReason, a.CooldownUntil })
            .ToListAsync(ct);
        foreach (var account in cooled)
        {
            // Conditional, so a cooldown the gateway started again meanwhile is left alone.
            var ended = await db.Accounts
                .Where(a => a.Id == account.Id && a.CooldownUntil != null && a.CooldownUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CooldownUntil, (DateTime?)null).SetProperty(a => a.CooldownReason, (string?)null), ct);
            if (ended > 0)
            {
                touched.Add(account.Id);
                audit.Add(Entry(now, account.Id, AuditActions.CooldownExpired, $"Cooldown ({account.CooldownReason ?? "unspecified"}) ended at {account.CooldownUntil:O}."));
            }
        }

        var suspensions = await db.ModelSuspensions.AsNoTracking().Where(s => s.Until <= now).ToListAsync(ct);
        foreach (var suspension in suspensions)
        {
            if (await db.ModelSuspensions.Where(s => s.Id == suspension.Id && s.Until <= now).ExecuteDeleteAsync(ct) > 0)
            {
                touched.Add(suspension.AccountId);
                audit.Add(Entry(now, suspension.AccountId, AuditActions.ModelSuspensionExpired, $"Model {suspension.UpstreamModel} ({suspension.Reason}) schedulable again."));
            }
        }

        var cacheEntries = await db.EndpointCacheEntries.AsNoTracking().Where(e => e.ExpiresAt <= now).ToListAsync(ct);
        foreach (var entry in cacheEntries)
        {
            if (await db.EndpointCacheEntries.Where(e => e.Id == entry.Id && e.ExpiresAt <= now).ExecuteDeleteAsync(ct) > 0)
            {
                touched.Add(entry.AccountId);
                audit.Add(Entry(now, entry.AccountId, AuditActions.EndpointCacheExpired, $"Cached {entry.Protocol.ToString().ToLowerInvariant()} protocol for model {entry.Model} expired."));
            }
        }

        db.AuditEntries.AddRange(audit);
        await db.SaveChangesAsync(ct);
        foreach (var id in touched)
        {
            changes.AccountChanged(new AccountChange(id, AccountChangeKind.StateChanged));
        }

        return new CooldownExpiryResult(
            audit.Count(a => a.Action == AuditActions.CooldownExpired),
            audit.Count(a => a.Action == AuditActions.ModelSuspensionExpired),
            audit.Count(a => a.Action == AuditActions.EndpointCacheExpired));
    }

    private static AuditEntry Entry(DateTime now, long accountId, string action, string detail) =>
        new() { CreatedAt = now, AccountId = accountId, Action = action, Detail = detail, Actor = Actor };
}

/// <summary>What one cooldown-expiry pass ended.</summary>
public sealed record CooldownExpiryResult(int Cooldowns, int Suspensions, int CacheEntries);
