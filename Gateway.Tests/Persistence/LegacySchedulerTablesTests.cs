using Microsoft.EntityFrameworkCore.Migrations;

namespace Gateway.Tests.Persistence;

/// <summary>Upgrading a database from before Hangfire: the old scheduler's tables and the job-run table go.</summary>
public sealed class LegacySchedulerTablesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "gateway-tests", $"{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task Upgrade_DropsTheOldSchedulerTablesWithTheirRows_AndTheJobRunTable_AndKeepsTheData()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using (var db = Sqlite())
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE QRTZ_JOB_DETAILS (SCHED_NAME TEXT NOT NULL, JOB_NAME TEXT NOT NULL, JOB_GROUP TEXT NOT NULL, PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP));
                CREATE TABLE QRTZ_TRIGGERS (SCHED_NAME TEXT NOT NULL, TRIGGER_NAME TEXT NOT NULL, TRIGGER_GROUP TEXT NOT NULL, JOB_NAME TEXT NOT NULL, JOB_GROUP TEXT NOT NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP));
                CREATE TABLE QRTZ_CRON_TRIGGERS (SCHED_NAME TEXT NOT NULL, TRIGGER_NAME TEXT NOT NULL, TRIGGER_GROUP TEXT NOT NULL, CRON_EXPRESSION TEXT NOT NULL,
                    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE);
                CREATE TABLE QRTZ_LOCKS (SCHED_NAME TEXT NOT NULL, LOCK_NAME TEXT NOT NULL, PRIMARY KEY (SCHED_NAME, LOCK_NAME));
                INSERT INTO QRTZ_JOB_DETAILS VALUES ('gateway', 'cooldown-expiry', 'DEFAULT');
                INSERT INTO QRTZ_TRIGGERS VALUES ('gateway', 'every-minute', 'cooldown-expiry', 'cooldown-expiry', 'DEFAULT');
                INSERT INTO QRTZ_CRON_TRIGGERS VALUES ('gateway', 'every-minute', 'cooldown-expiry', '0 * * * * ?');
                INSERT INTO QRTZ_LOCKS VALUES ('gateway', 'TRIGGER_ACCESS');
                INSERT INTO job_runs (JobName, StartedAt, DurationMs, Outcome) VALUES ('cooldown-expiry', '2026-11-30 10:00:00', 5, 'succeeded');
                """);
            db.Accounts.Add(new Account { Name = "kept", BaseUrl = "https://a.test" });
            await db.SaveChangesAsync();
        }

        await using (var db = Sqlite())
        {
            await db.Database.MigrateAsync();

            var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
            Assert.DoesNotContain(tables, t => t.StartsWith("QRTZ_", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("job_runs", tables);
            Assert.Equal("kept", (await db.Accounts.SingleAsync()).Name);
        }
    }

    [Fact]
    public void SqlServerUpgradeScript_IsGeneratedOffline_AndDropsEachOldTableOnlyWhereItExists()
    {
        var options = new DbContextOptionsBuilder<SqlServerGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(options, "Server=127.0.0.1,1;Database=gateway;User Id=sa;Password=x;TrustServerCertificate=True");
        using var db = new SqlServerGatewayDbContext(options.Options);

        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: db.Database.GetMigrations().First());

        Assert.Contains("DROP TABLE [job_runs]", script);
        Assert.Contains("IF OBJECT_ID(N'QRTZ_TRIGGERS', N'U') IS NOT NULL DROP TABLE [QRTZ_TRIGGERS];", script);
        Assert.True(
            script.IndexOf("[QRTZ_CRON_TRIGGERS]", StringComparison.Ordinal) < script.IndexOf("[QRTZ_TRIGGERS]", StringComparison.Ordinal)
            && script.IndexOf("[QRTZ_TRIGGERS]", StringComparison.Ordinal) < script.IndexOf("[QRTZ_JOB_DETAILS]", StringComparison.Ordinal),
            "Tables holding foreign keys are dropped before the tables they point at.");
    }

    private SqliteGatewayDbContext Sqlite()
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={_path}");
        return new SqliteGatewayDbContext(options.Options);
    }
}
