using System.Data.Common;
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
    IOptions<GatewayOptions> options,
    ILogger<UsageWriter> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests have stopped by now (the server stops first): let the loop drain what is queued.
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = Math.Max(1, options.Value.UsageBatchSize);
        var batch = new List<UsageLog>(batchSize);
        var reader = queue.Reader;
        while (await WaitAsync(reader))
        {
            while (batch.Count < batchSize && reader.TryRead(out var log))
            {
                batch.Add(log);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    // Not cancelled by the stopping token: the loop ends when the queue is completed and empty.
    private static async Task<bool> WaitAsync(System.Threading.Channels.ChannelReader<UsageLog> reader)
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

    private async Task WriteAsync(List<UsageLog> batch)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.UsageLogs.AddRange(batch);
            await db.SaveChangesAsync();
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException or IOException)
        {
            LogBatchFailed(logger, batch.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} usage rows failed; they are dropped")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception ex);
}
