using Gateway.Core.Jobs;

namespace Gateway.Tests.Jobs;

public sealed class DataRetentionTests
{
    [Theory]
    [InlineData(30, 1)]
    [InlineData(0, 2)]
    public async Task Purge_DeletesOnlyUsageOlderThanItsRetention_ZeroKeepsForever(int usageDays, int usageLeft)
    {
        using var app = new GatewayAppFactory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(1));
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = app.CreateDbContext())
        {
            db.UsageLogs.Add(Usage("old", now.AddDays(-31)));
            db.UsageLogs.Add(Usage("recent", now.AddDays(-29)));
            await db.SaveChangesAsync();
        }

        var options = Microsoft.Extensions.Options.Options.Create(new GatewayOptions { UsageRetentionDays = usageDays });
        var retention = new DataRetention(app.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>(), options, clock);

        var deleted = await retention.PurgeAsync(default);

        await using var check = app.CreateDbContext();
        Assert.Equal(usageLeft, await check.UsageLogs.CountAsync());
        Assert.Equal(2 - usageLeft, deleted);
        Assert.True(await check.UsageLogs.AnyAsync(u => u.RequestId == "recent"));
    }

    private static UsageLog Usage(string requestId, DateTime at) =>
        new() { RequestId = requestId, Model = "gpt-4o", CreatedAt = at, InboundProtocol = ApiProtocol.Chat, Status = 200 };
}
