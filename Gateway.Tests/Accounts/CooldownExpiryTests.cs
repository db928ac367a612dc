namespace Gateway.Tests.Accounts;

public sealed class CooldownExpiryTests(GatewayAppFactory app) : IClassFixture<GatewayAppFactory>
{
    [Fact]
    public async Task EachExpiry_HappensWhenItsTimeComes_AndIsAuditedOnceBySystem()
    {
        // A year ahead of the real clock, so the host's own every-minute run never touches these rows.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(1));
        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new RecordingNotifier();
        var expiry = new CooldownExpiry(app.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>(), changes, clock);
        long id;
        await using (var db = app.CreateDbContext())
        {
            var account = new Account { Name = "cooling", BaseUrl = "https://a.test", CooldownUntil = now.AddMinutes(10), CooldownReason = "forbidden" };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            id = account.Id;
            db.ModelSuspensions.Add(new ModelSuspension { AccountId = id, UpstreamModel = "gpt-5", Until = now.AddHours(1), Reason = "model_unsupported" });
            db.EndpointCacheEntries.Add(new EndpointCacheEntry { AccountId = id, Model = "gpt-5", Protocol = ApiProtocol.Responses, ExpiresAt = now.AddHours(24) });
            await db.SaveChangesAsync();
        }

        Assert.Equal(new CooldownExpiryResult(0, 0, 0), await expiry.RunAsync(default));
        Assert.True((await AccountAsync(id)).IsCoolingDown(now));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new CooldownExpiryResult(1, 0, 0), await expiry.RunAsync(default));
        var returned = await AccountAsync(id);
        Assert.Null(returned.CooldownUntil);
        Assert.Null(returned.CooldownReason);
        Assert.Equal([new AccountChange(id, AccountChangeKind.StateChanged)], changes.Changes);

        clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(new CooldownExpiryResult(0, 1, 0), await expiry.RunAsync(default));
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(new CooldownExpiryResult(0, 0, 1), await expiry.RunAsync(default));
        Assert.Equal(new CooldownExpiryResult(0, 0, 0), await expiry.RunAsync(default));

        await using var check = app.CreateDbContext();
        var audit = await check.AuditEntries.Where(a => a.AccountId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["cooldown_expired", "model_suspension_expired", "endpoint_cache_expired"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("system", a.Actor));
        Assert.Contains("forbidden", audit[0].Detail);
        Assert.Contains("gpt-5", audit[1].Detail);
    }

    private async Task<Account> AccountAsync(long id)
    {
        await using var db = app.CreateDbContext();
        return await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private sealed class RecordingNotifier : IAccountChangeNotifier
    {
        public List<AccountChange> Changes { get; } = [];

        public void AccountChanged(AccountChange change) => Changes.Add(change);
    }
}
