namespace Gateway.Core.Usage;

/// <summary>
/// Drains <see cref="UsageQueue"/> into the database off the request path: rows gathered for
/// <see cref="GatewayOptions.UsageBatchDelay"/>, written in batches of <see cref="GatewayOptions.UsageBatchSize"/> by
/// <see cref="UsageRowInsert"/>. Values are cut to their column sizes; a batch is retried on transient database errors
/// (<see cref="ResiliencePipelineNames.StorageWrite"/>) and, if it still fails, written row by row so one bad row
/// cannot drop the rest. A row that is lost anyway is logged and counted, never surfaced to a client.
/// On graceful shutdown it completes the queue and writes what is left.
/// </summary>
public sealed partial class UsageWriter(
    UsageQueue queue,
    IDbContextFactory<GatewayDbContext> dbFactory,
    [FromKeyedServices(ResiliencePipelineNames.StorageWrite)] ResiliencePipeline storageWrites,
    AccountStateUpdater accountState,
    GatewayMetrics metrics,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<UsageWriter> logger) : BackgroundService
{
    private const int StampEveryBatches = 10;

    private UsageRowInsert? _insert;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests have stopped by now (the server stops first): no more rows will come.
        queue.Complete();
        await base.StopAsync(cancellationToken);

        // The loop may never have run (a stop right after start) or may have been cut off: write what is left.
        await DrainAsync(toTheEnd: true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by the stopping token: the loop ends when the queue is completed and empty.
        while (await WaitAsync(queue.Reader))
        {
            await GatherAsync(stoppingToken);
            await DrainOffThreadPoolAsync();
        }
    }

    /// <summary>
    /// SQLite runs in-process and its async calls complete synchronously, so a drain holds its thread for as long as it
    /// writes (a few milliseconds a batch). On a thread-pool thread that held up the requests queued behind it: under
    /// load, the tail latency grew with the batch delay (p99 25 ms at the default delay, 77 ms at one second). On a thread
    /// of its own, the operating system shares the processor between the drain and the requests instead.
    /// </summary>
    private Task DrainOffThreadPoolAsync() =>
        Task.Factory.StartNew(() => DrainAsync(toTheEnd: false), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    // Cut short on shutdown: what is queued then is written at once.
    private async Task GatherAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.UsageBatchDelay;
        if (delay <= TimeSpan.Zero || queue.Reader.Count >= options.Value.UsageBatchSize)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<UsageLog> reader)
    {
        try
        {
            return await reader.WaitToReadAsync();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes what is queued in batches. Between gathers only full batches go on: rows that came in while the last was
    /// written wait for the next gather, so under load every commit carries a full batch instead of a tail of small ones,
    /// each costing a commit's index pages. <paramref name="toTheEnd"/> (at shutdown) writes everything.
    /// </summary>
    private async Task DrainAsync(bool toTheEnd)
    {
        var batchSize = Math.Max(1, options.Value.UsageBatchSize);
        var batch = new List<UsageLog>(batchSize);

        // Last use is stamped once the drain ends (or every StampEveryBatches batches under a load that never lets it
        // end), not once per batch: each stamp is an update per key and per account.
        var unstamped = new List<UsageLog>();
        do
        {
            while (batch.Count < batchSize && queue.Reader.TryRead(out var log))
            {
                batch.Add(log);
            }

            ReportQueueDrops();
            if (batch.Count == 0)
            {
                break;
            }

            unstamped.AddRange(await InsertBatchAsync(batch) ? batch : await InsertRowByRowAsync(batch));
            batch.Clear();
            if (unstamped.Count >= StampEveryBatches * batchSize)
            {
                await StampLastUsedAsync(unstamped);
                unstamped.Clear();
            }
        }
        while (toTheEnd || queue.Reader.Count >= batchSize);

        if (unstamped.Count > 0)
        {
            await StampLastUsedAsync(unstamped);
        }
    }

    private void ReportQueueDrops()
    {
        if (queue.TakeDroppedCount() is > 0 and var dropped)
        {
            LogQueueFull(logger, dropped);
        }
    }

    /// <summary>True when the whole batch was stored.</summary>
    private async Task<bool> InsertBatchAsync(List<UsageLog> batch)
    {
        try
        {
            await InsertAsync(batch);
            return true;
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogBatchFailed(logger, batch.Count, ex);
            return false;
        }
    }

    /// <summary>The rows that were stored, one insert each.</summary>
    private async Task<List<UsageLog>> InsertRowByRowAsync(List<UsageLog> batch)
    {
        var written = new List<UsageLog>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                await InsertAsync([batch[i]]);
                written.Add(batch[i]);
            }
            catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
            {
                // A database that stays unavailable through the retries would only fail the rest the same way, slowly.
                var lost = DatabaseErrors.IsUnavailable(ex) ? batch.Count - i : 1;
                metrics.UsageRowsDropped(lost, "write_failed");
                LogRowsDropped(logger, lost, batch[i].RequestId, ex);
                if (lost > 1)
                {
                    break;
                }
            }
        }

        return written;
    }

    private Task InsertAsync(IReadOnlyList<UsageLog> rows) =>
        storageWrites.ExecuteAsync(async ct =>
        {
            // A fresh context per try: a failed try may leave its connection or transaction in an unknown state.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _insert ??= UsageRowInsert.For(db);
            await _insert.InsertAsync(db, rows, ct);
        }).AsTask();

    private async Task StampLastUsedAsync(List<UsageLog> written)
    {
        try
        {
            await LastUseStamps.WriteAsync<ApiKey>(dbFactory, storageWrites, LastUses(written, u => u.KeyId));
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogKeyStampFailed(logger, ex);
        }

        await accountState.RecordLastUsedAsync(LastUses(written, u => u.AccountId));
    }

    /// <summary>The latest use of each key or account (<paramref name="id"/>) the written rows name.</summary>
    private static IEnumerable<(long Id, DateTime At)> LastUses(List<UsageLog> written, Func<UsageLog, long?> id) =>
        written.Where(u => id(u) is not null).GroupBy(u => id(u)!.Value).Select(g => (g.Key, g.Max(u => u.CreatedAt)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} usage rows in one batch failed; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} usage row(s) dropped, starting with request {RequestId}: the database refused them")]
    private static partial void LogRowsDropped(ILogger logger, int count, string requestId, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "The usage queue was full: {Count} usage row(s) dropped, oldest first")]
    private static partial void LogQueueFull(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the last use of API keys failed")]
    private static partial void LogKeyStampFailed(ILogger logger, Exception ex);
}
