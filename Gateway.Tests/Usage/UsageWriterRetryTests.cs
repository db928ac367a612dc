using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gateway.Tests.Usage;

public sealed class UsageWriterRetryTests
{
    [Fact]
    public async Task UsageBatch_SurvivesATransientDatabaseError()
    {
        var busyOnce = new BusyOnceArmed();
        await using var gateway = await EngineHarness.StartAsync(
            services => services.ConfigureDbContext<SqliteGatewayDbContext>(o => o.AddInterceptors(busyOnce)),
            ("Gateway:StorageWriteRetryDelay", "00:00:00")); // the retry itself, not its pause on the harness's still clock
        var (account, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hello"));
        busyOnce.Arm();

        Assert.Equal(HttpStatusCode.OK, (await gateway.PostChatAsync(requestId: "survives-locked-db")).StatusCode);

        var row = await gateway.UsageAsync("survives-locked-db");
        Assert.Equal((account.Id, 200), (row.AccountId, row.Status));
        Assert.Equal(1, busyOnce.Failures);
        Assert.Contains(gateway.App.Logs.Problems, p => p.Contains("'OnRetry'", StringComparison.Ordinal) && p.Contains(ResiliencePipelineNames.StorageWrite, StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.App.Logs.Problems, p => p.Contains("in one batch failed", StringComparison.Ordinal));
        await using var db = gateway.App.CreateDbContext();
        Assert.Equal(1, await db.UsageLogs.CountAsync(u => u.ClientRequestId == "survives-locked-db"));
    }

    /// <summary>
    /// Fails the first transaction begun once armed the way a busy SQLite database does (SQLITE_BUSY), then lets everything
    /// through. Armed after the test's set-up, that transaction is the usage batch's: serving a plain chat completion
    /// begins no other.
    /// </summary>
    private sealed class BusyOnceArmed : DbTransactionInterceptor
    {
        private int _armed;
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
            {
                Interlocked.Increment(ref _failures);
                throw new SqliteException("database is locked", 5);
            }

            return base.TransactionStartingAsync(connection, eventData, result, cancellationToken);
        }
    }
}
