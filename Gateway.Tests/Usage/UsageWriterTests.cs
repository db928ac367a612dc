using System.Net;
using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Gateway.Core.Persistence;
using Gateway.Core.Usage;
using Gateway.Tests.Fakes;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Usage;

public sealed class UsageWriterTests
{
    [Fact]
    public async Task GracefulStop_DrainsEveryQueuedRowInBatches()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new GatewayOptions { UsageBatchSize = 50 });
        var queue = new UsageQueue(options);
        var writer = new UsageWriter(queue, gateway.Service<IDbContextFactory<GatewayDbContext>>(), gateway.Service<AccountStateUpdater>(), options, NullLogger<UsageWriter>.Instance);
        for (var i = 0; i < 420; i++)
        {
            queue.Enqueue(new UsageLog { RequestId = $"drain-{i}", Model = "m", CreatedAt = DateTime.UtcNow });
        }

        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);

        await using var db = gateway.App.CreateDbContext();
        Assert.Equal(420, await db.UsageLogs.CountAsync(u => u.RequestId.StartsWith("drain-")));
    }

    [Fact]
    public async Task FailingUsageWrite_NeverFailsTheRequest()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("still fine"));
        await using (var db = gateway.App.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE usage_logs");
        }

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await gateway.PostChatAsync());
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains("still fine", await responses[^1].Content.ReadAsStringAsync());
    }
}
