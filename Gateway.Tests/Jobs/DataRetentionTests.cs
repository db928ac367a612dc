using Gateway.Core.Accounts;
using Gateway.Core.Jobs;
using Gateway.Core.Options;
using Gateway.Core.Persistence;
using Gateway.Core.Usage;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Jobs;

public sealed class DataRetentionTests
{
    [Theory]
    [InlineData(30, 14, 1, 1)]
    [InlineData(0, 14, 2, 1)]
    [InlineData(30, 0, 1, 2)]
    public async Task Purge_DeletesOnlyRowsOlderThanTheirRetention_ZeroKeepsForever(int usageDays, int runDays, int usageLeft, int runsLeft)
    {
        using var app = new GatewayAppFactory();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddYears(1));
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = app.CreateDbContext())
        {
            db.UsageLogs.Add(Usage("old", now.AddDays(-31)));
            db.UsageLogs.Add(Usage("recent", now.AddDays(-29)));
            db.JobRuns.Add(new JobRun { JobName = "old", StartedAt = now.AddDays(-15), Outcome = "succeeded" });
            db.JobRuns.Add(new JobRun { JobName = "recent", StartedAt = now.AddDays(-13), Outcome = "succeeded" });
            await db.SaveChangesAsync();
        }

        var options = Microsoft.Extensions.Options.Options.Create(new GatewayOptions { UsageRetentionDays = usageDays, JobRunRetentionDays = runDays });
        var retention = new DataRetention(app.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>(), options, clock);

        var result = await retention.PurgeAsync(default);

        await using var check = app.CreateDbContext();
        Assert.Equal(usageLeft, await check.UsageLogs.CountAsync());
        Assert.Equal(runsLeft, await check.JobRuns.CountAsync(r => r.JobName == "old" || r.JobName == "recent"));
        Assert.Equal(new DataRetentionResult(2 - usageLeft, 2 - runsLeft), result);
        Assert.True(await check.UsageLogs.AnyAsync(u => u.RequestId == "recent"));
    }

    private static UsageLog Usage(string requestId, DateTime at) =>
        new() { RequestId = requestId, Model = "gpt-4o", CreatedAt = at, InboundProtocol = ApiProtocol.Chat, Status = 200 };
}
