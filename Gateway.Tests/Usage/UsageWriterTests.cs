using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Gateway.Tests.Usage;

public sealed class UsageWriterTests : GatewayPerTest
{
    [Fact]
    public async Task GracefulStop_DrainsEveryQueuedRowInBatches()
    {
        var (queue, writer, _) = NewWriter(new GatewayOptions { UsageBatchSize = 50 });
        for (var i = 0; i < 420; i++)
        {
            queue.Enqueue(Row($"drain-{i}"));
        }

        await RunAsync(writer);

        Assert.Equal(420, await CountAsync("drain-"));
    }

    [Fact]
    public async Task BetweenGathers_OnlyFullBatchesAreWritten_TheRestWaitsForTheNextGather()
    {
        long keyId;
        await using (var db = App.CreateDbContext())
        {
            var group = new Group { Name = "full-batches" };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            var key = new ApiKey { Name = "full-batches", GroupId = group.Id, KeyHash = new string('b', 64), Prefix = "sk-gw-full" };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            keyId = key.Id;
        }

        var clock = new FakeTimeProvider(TestClock.Start);
        var (queue, writer, _) = NewWriter(new GatewayOptions { UsageBatchSize = 3, UsageBatchDelay = TimeSpan.FromSeconds(1) }, clock: clock);
        for (var i = 0; i < 7; i++)
        {
            var row = Row($"full-batch-{i}");
            row.KeyId = keyId;
            queue.Enqueue(row);
        }

        await writer.StartAsync(CancellationToken.None);

        // A drain ends by stamping the key's last use: by then two batches of three are stored, and the seventh row waits.
        await Eventually.TrueAsync(async () => await KeyLastUsedAsync(keyId) is not null, "the first drain's last-use stamp");
        Assert.Equal(6, await CountAsync("full-batch-"));
        await Eventually.TrueAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return await CountAsync("full-batch-") == 7;
            },
            "the next gather");
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Drain_WritesOnAThreadOfItsOwn_NotOnTheThreadPoolRequestsRunOn()
    {
        var database = new ThreadWatchingFactory(App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>());
        var (queue, writer, _) = NewWriter(new GatewayOptions { UsageBatchDelay = TimeSpan.Zero }, database);
        await writer.StartAsync(CancellationToken.None);

        // Queued after the writer waits, so the drain starts from the continuation of that wait (a thread-pool thread).
        queue.Enqueue(Row("own-thread"));
        var onThreadPool = await database.FirstUseOnThreadPool.WaitAsync(TimeSpan.FromSeconds(10));
        await writer.StopAsync(CancellationToken.None);

        Assert.False(onThreadPool);
        Assert.Equal(1, await CountAsync("own-thread"));
    }

    [Fact]
    public async Task OverlongValues_AreCutToTheirColumnSizesAndStored()
    {
        var (queue, writer, _) = NewWriter(new GatewayOptions());
        var row = Row("long-values");
        row.Model = new string('m', 300);
        row.UpstreamModel = "upstream-" + new string('u', 300);
        row.Error = new string('e', 5000);
        queue.Enqueue(row);

        await RunAsync(writer);

        await using var db = App.CreateDbContext();
        var stored = await db.UsageLogs.AsNoTracking().SingleAsync(u => u.RequestId == "long-values");
        Assert.Equal(new string('m', 200), stored.Model);
        Assert.Equal(("upstream-" + new string('u', 300))[..200], stored.UpstreamModel);
        Assert.Equal(2000, stored.Error!.Length);
    }

    [Fact]
    public async Task RowsOfOneBatch_StoreEveryColumnAsEfReadsIt_InOneInsert()
    {
        var (queue, writer, logs) = NewWriter(new GatewayOptions { UsageBatchSize = 3 });
        var at = new DateTime(2030, 1, 2, 10, 0, 30, DateTimeKind.Utc).AddTicks(1234567);
        UsageLog[] rows =
        [
            new()
            {
                RequestId = "columns-1", ClientRequestId = "client-1", CreatedAt = at, KeyId = 1, GroupId = 2, AccountId = 3,
                Model = "gpt-4o", UpstreamModel = "deepseek-chat", InboundProtocol = ApiProtocol.Responses, UpstreamProtocol = ApiProtocol.Chat,
                Stream = true, Status = 200, InputTokens = 12, OutputTokens = 34, CachedTokens = 5, DurationMs = 678, FirstTokenMs = 90, Attempts = 2,
                Trace =
                [
                    new AttemptTrace { AccountId = 4, UpstreamProtocol = ApiProtocol.Responses, ProtocolReason = ProtocolChoiceReason.Mirror, Status = 429, FailureClass = "rate_limited", Decision = "failover", DurationMs = 7 },
                    new AttemptTrace { AccountId = 3, UpstreamProtocol = ApiProtocol.Chat, Status = 200, Decision = "commit", DurationMs = 600, DroppedTools = ["web_search"] },
                ],
            },
            new() { RequestId = "columns-2", CreatedAt = at.AddSeconds(1), Model = "claude", InboundProtocol = ApiProtocol.Messages, Status = 400, Error = "bad" },
            new() { RequestId = "columns-3", CreatedAt = at.AddSeconds(2), Model = "m", InboundProtocol = ApiProtocol.Chat, UpstreamProtocol = ApiProtocol.Messages, Status = 502, Attempts = 1 },
        ];
        foreach (var row in rows)
        {
            queue.Enqueue(row);
        }

        await RunAsync(writer);

        await using var db = App.CreateDbContext();
        var stored = await db.UsageLogs.AsNoTracking().Where(u => u.RequestId.StartsWith("columns-")).OrderBy(u => u.RequestId).ToListAsync();
        Assert.Equal(rows.Select(Comparable), stored.Select(Comparable));
        Assert.Empty(logs.GetSnapshot());
    }

    [Fact]
    public async Task OneRowTheDatabaseRefuses_TheRestOfItsBatchIsStoredAndTheLossCountedAndLogged()
    {
        await using (var db = App.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync(
                """CREATE TRIGGER refuse_bad_row BEFORE INSERT ON usage_logs WHEN NEW.RequestId = 'bad-row' BEGIN SELECT RAISE(ABORT, 'refused'); END;""");
        }

        using var dropped = DroppedRows();
        var (queue, writer, logs) = NewWriter(new GatewayOptions { UsageBatchSize = 50 });
        foreach (var id in new[] { "row-1", "row-2", "bad-row", "row-3", "row-4" })
        {
            queue.Enqueue(Row(id));
        }

        await RunAsync(writer);

        Assert.Equal(4, await CountAsync("row-"));
        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("write_failed", measurement.Tags["reason"]);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("request bad-row", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatabaseStillDownWhenEfsOwnRetriesGiveUp_DropsTheBatchAtOnce_AndTheWriterCarriesOn()
    {
        using var dropped = DroppedRows();
        var database = new OutageFactory(App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>()) { Down = true };
        var (queue, writer, logs) = NewWriter(new GatewayOptions { UsageBatchDelay = TimeSpan.Zero }, database);
        await writer.StartAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            queue.Enqueue(Row($"outage-{i}"));
        }

        await Eventually.TrueAsync(() => Task.FromResult(dropped.GetMeasurementSnapshot().Sum(m => m.Value) == 3), "the batch dropped");
        Assert.Equal(2, database.Refused);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("3 usage row(s) dropped, starting with request outage-0", StringComparison.Ordinal));

        database.Down = false;
        queue.Enqueue(Row("after-outage"));
        await Eventually.TrueAsync(async () => await CountAsync("after-outage") == 1, "the row written once the database is back");
        await writer.StopAsync(CancellationToken.None);
        Assert.True(writer.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task FullQueue_DropsTheOldestRowsAndCountsAndLogsThem()
    {
        using var dropped = DroppedRows();
        var (queue, writer, logs) = NewWriter(new GatewayOptions { UsageChannelCapacity = 2 });
        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue(Row($"full-{i}"));
        }

        await RunAsync(writer);

        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(["full-3", "full-4"], await db.UsageLogs.Where(u => u.RequestId.StartsWith("full-")).OrderBy(u => u.RequestId).Select(u => u.RequestId).ToListAsync());
        }

        Assert.Equal(3, dropped.GetMeasurementSnapshot().Where(m => Equals(m.Tags["reason"], "queue_full")).Sum(m => m.Value));
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("3 usage row(s) dropped", StringComparison.Ordinal));
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

    // Every column but the generated key; the time as ticks (SQLite gives it back without its kind).
    private static string Comparable(UsageLog row)
    {
        var json = JsonSerializer.SerializeToNode(row)!.AsObject();
        json.Remove(nameof(UsageLog.Id));
        json[nameof(UsageLog.CreatedAt)] = row.CreatedAt.Ticks;
        return json.ToJsonString();
    }

    private static UsageLog Row(string requestId) => new() { RequestId = requestId, Model = "m", CreatedAt = DateTime.UtcNow };

    private static async Task RunAsync(UsageWriter writer)
    {
        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
    }

    private (UsageQueue Queue, UsageWriter Writer, FakeLogCollector Logs) NewWriter(GatewayOptions settings, IDbContextFactory<GatewayDbContext>? database = null, TimeProvider? clock = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(settings);
        var metrics = App.Services.GetRequiredService<GatewayMetrics>();
        var queue = new UsageQueue(options, metrics);
        var logger = new FakeLogger<UsageWriter>();
        var writer = new UsageWriter(
            queue,
            database ?? App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>(),
            App.Services.GetRequiredKeyedService<ResiliencePipeline>(ResiliencePipelineNames.StorageWrite),
            App.Services.GetRequiredService<AccountStateUpdater>(),
            metrics,
            clock ?? new FakeTimeProvider(TestClock.Start),
            options,
            logger);
        return (queue, writer, logger.Collector);
    }

    private MetricCollector<long> DroppedRows() =>
        new(App.Services.GetRequiredService<IMeterFactory>(), GatewayMetrics.MeterName, "gateway.usage.dropped");

    private async Task<int> CountAsync(string requestIdPrefix)
    {
        await using var db = App.CreateDbContext();
        return await db.UsageLogs.CountAsync(u => u.RequestId.StartsWith(requestIdPrefix));
    }

    private async Task<DateTime?> KeyLastUsedAsync(long keyId)
    {
        await using var db = App.CreateDbContext();
        return await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.LastUsedAt).SingleAsync();
    }

    /// <summary>Records whether the first unit of work was begun on a thread-pool thread.</summary>
    private sealed class ThreadWatchingFactory(IDbContextFactory<GatewayDbContext> inner) : IDbContextFactory<GatewayDbContext>
    {
        private readonly TaskCompletionSource<bool> _firstUse = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<bool> FirstUseOnThreadPool => _firstUse.Task;

        public GatewayDbContext CreateDbContext()
        {
            _firstUse.TrySetResult(Thread.CurrentThread.IsThreadPoolThread);
            return inner.CreateDbContext();
        }
    }

    /// <summary>A database that, while down, fails every unit of work the way SQL Server does once EF's execution strategy has given up.</summary>
    private sealed class OutageFactory(IDbContextFactory<GatewayDbContext> inner) : IDbContextFactory<GatewayDbContext>
    {
        private int _refused;
        private volatile bool _down;

        public bool Down
        {
            get => _down;
            set => _down = value;
        }

        public int Refused => Volatile.Read(ref _refused);

        public GatewayDbContext CreateDbContext()
        {
            if (Down)
            {
                Interlocked.Increment(ref _refused);
                throw new RetryLimitExceededException("The maximum number of retries (6) was exceeded.", new InvalidOperationException("the server was not found"));
            }

            return inner.CreateDbContext();
        }
    }
}
