using System.Net;
using Hangfire.Server;

namespace Gateway.Tests.Web.Hosting;

/// <summary><c>/readyz</c> reports what an operator's load balancer and alerts rely on: a database that answers queries, a job server alive.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_CountsOnlyJobServersWithARecentHeartbeat_NotTheRecordOfAKilledOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new GatewayAppFactory().WithSetting("Gateway:JobWorkerCount", "0").WithTimeProvider(time);
        var client = app.CreateClient();
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            connection.AnnounceServer("killed-instance:1", new ServerContext { Queues = ["default"], WorkerCount = 1 });
        }

        var alive = await client.GetStringAsync("/readyz");

        // The heartbeat is the storage's own clock's, taken after this clock started: a minute more covers the gap.
        time.Advance(JobServerHealthCheck.StaleAfter + TimeSpan.FromMinutes(1));
        var stale = await client.GetStringAsync("/readyz");

        Assert.Equal(("Healthy", "Degraded"), (alive, stale));
    }

    [Fact]
    public async Task Readyz_QueriesTheDatabase_SoADatabaseThatCannotBeReadIsUnhealthy()
    {
        using var app = new GatewayAppFactory();
        var before = (await app.CreateClient().GetAsync("/readyz")).StatusCode;

        await using (var db = app.CreateDbContext())
        {
            // The file stays, which is all EF's connection check looks at on SQLite.
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=OFF; DROP TABLE accounts;");
        }

        var broken = await app.CreateClient().GetAsync("/readyz");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), (before, broken.StatusCode));
        Assert.Equal("Unhealthy", await broken.Content.ReadAsStringAsync());
    }
}
