using Gateway.Core.Options;
using Gateway.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Jobs;

/// <summary>
/// Deletes usage logs older than <see cref="GatewayOptions.UsageRetentionDays"/> and job runs older than
/// <see cref="GatewayOptions.JobRunRetentionDays"/>; zero or less keeps them forever.
/// </summary>
public sealed class DataRetention(IDbContextFactory<GatewayDbContext> dbFactory, IOptions<GatewayOptions> options, TimeProvider time)
{
    public async Task<DataRetentionResult> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var usage = 0;
        if (settings.UsageRetentionDays > 0)
        {
            var cutoff = now.AddDays(-settings.UsageRetentionDays);
            usage = await db.UsageLogs.Where(u => u.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        }

        var runs = 0;
        if (settings.JobRunRetentionDays > 0)
        {
            var cutoff = now.AddDays(-settings.JobRunRetentionDays);
            runs = await db.JobRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(ct);
        }

        return new DataRetentionResult(usage, runs);
    }
}

/// <summary>Rows one retention pass deleted.</summary>
public sealed record DataRetentionResult(int UsageLogs, int JobRuns);
