using System.Data.Common;
using System.Net;
using Gateway.Core.Persistence;
using Gateway.Core.Resilience;
using Gateway.Tests.Fakes;
using Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Usage;

public sealed class UsageWriterRetryTests
{
    [Fact]
    public async Task UsageBatch_SurvivesATransientDatabaseError()
    {
        var lockedOnce = new LockedOnFirstUsageInsert();
        await using var gateway = await EngineHarness.StartAsync(
            services => services.ConfigureDbContext<SqliteGatewayDbContext>(o => o.AddInterceptors(lockedOnce)),
            ("Gateway:StorageWriteRetryDelay", "00:00:00")); // the retry itself, not its pause on the harness's still clock
        var (account, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hello"));

        Assert.Equal(HttpStatusCode.OK, (await gateway.PostChatAsync(requestId: "survives-locked-db")).StatusCode);

        var row = await gateway.UsageAsync("survives-locked-db");
        Assert.Equal((account.Id, 200), (row.AccountId, row.Status));
        Assert.Equal(1, lockedOnce.Failures);
        Assert.Contains(gateway.App.Logs.Problems, p => p.Contains("'OnRetry'", StringComparison.Ordinal) && p.Contains(ResiliencePipelineNames.StorageWrite, StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.App.Logs.Problems, p => p.Contains("in one batch failed", StringComparison.Ordinal));
        await using var db = gateway.App.CreateDbContext();
        Assert.Equal(1, await db.UsageLogs.CountAsync(u => u.ClientRequestId == "survives-locked-db"));
    }

    /// <summary>Fails the first usage insert the way a busy SQLite database does (SQLITE_BUSY), then lets everything through.</summary>
    private sealed class LockedOnFirstUsageInsert : DbCommandInterceptor
    {
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"usage_logs\"", StringComparison.Ordinal) && Interlocked.CompareExchange(ref _failures, 1, 0) == 0)
            {
                throw new SqliteException("database is locked", 5);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
