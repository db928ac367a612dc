using System.Data.Common;
using System.Threading.Channels;
using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Gateway.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Usage;

/// <summary>
/// Drains <see cref="UsageQueue"/> into the database in batches of <see cref="GatewayOptions.UsageBatchSize"/>,
/// off the request path. On graceful shutdown it completes the queue and writes what is left; a failed batch is
/// logged and dropped, never surfaced to a client.
/// </summary>
public sealed partial class UsageWriter(
    UsageQueue queue,
    IDbContextFactory<GatewayDbContext> dbFactory,
    AccountStateUpdater accountState,
    IOptions<GatewayOptions> options,
    ILogger<UsageWriter> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests have stopped by now (the server stops first): no more rows will come.
        queue.Complete();
        await base.StopAsync(cancellationToken);

        // The loop may never have run (a stop right after start) or may have been cut off: write what is left.
        await DrainAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by the stopping token: the loop ends when the queue is completed and empty.
        while (await WaitAsync(queue.Reader))
        {
            await DrainAsync();
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

    private async Task DrainAsync()
    {
        var batchSize = Math.Max(1, options.Value.UsageBatchSize);
        var batch = new List<UsageLog>(batchSize);
        while (true)
        {
            while (batch.Count < batchSize && queue.Reader.TryRead(out var log))
            {
                batch.Add(log);
            }

            if (batch.Count == 0)
            {
                return;
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<UsageLog> batch)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.UsageLogs.AddRange(batch);
            await db.SaveChangesAsync();
            await StampKeysLastUsedAsync(db, batch);
            await accountState.RecordLastUsedAsync(batch
                .Where(u => u.AccountId is not null)
                .GroupBy(u => u.AccountId!.Value)
                .Select(g => (g.Key, g.Max(u => u.CreatedAt))));
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException or IOException)
        {
            LogBatchFailed(logger, batch.Count, ex);
        }
    }

    // Last use is written once per batch rather than once per request.
    private static async Task StampKeysLastUsedAsync(GatewayDbContext db, List<UsageLog> batch)
    {
        foreach (var (keyId, at) in batch.Where(u => u.KeyId is not null).GroupBy(u => u.KeyId!.Value).Select(g => (g.Key, g.Max(u => u.CreatedAt))))
        {
            await db.ApiKeys.Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < at))
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, at));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} usage rows failed; they are dropped")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception ex);
}
