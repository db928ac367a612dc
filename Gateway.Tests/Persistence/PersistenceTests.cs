using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Gateway.Tests.Persistence;

public sealed class PersistenceTests : IDisposable
{
    private TestDatabase? _database;

    public void Dispose() => _database?.Dispose();

    [Fact]
    public async Task Migrations_CreateAnEmptyDatabaseWithEveryTable()
    {
        var factory = await MigratedFactoryAsync();
        await using var db = factory.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Accounts.CountAsync());
        Assert.Equal(0, await db.UsageLogs.CountAsync());
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.Superset(
            new HashSet<string> { "accounts", "groups", "account_groups", "api_keys", "model_suspensions", "endpoint_cache", "usage_logs", "settings", "admin_tokens", "audit_entries", "data_protection_keys", "AspNetUsers" },
            tables.ToHashSet());
    }

    [Fact]
    public async Task EveryEntity_RoundTrips()
    {
        var factory = await MigratedFactoryAsync();
        var now = new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
        long accountId;
        await using (var db = factory.CreateDbContext())
        {
            var group = new Group { Name = "g", Description = "d", CreatedAt = now };
            var account = new Account
            {
                Name = "deepseek",
                Platform = AccountPlatform.OpenAiCompatible,
                Type = AccountType.OAuth,
                BaseUrl = "https://api.deepseek.com",
                ProtectedSecret = "cipher",
                TokenUrl = "https://auth.example.test/token",
                OAuthClientId = "client",
                Status = AccountStatus.Error,
                ErrorMessage = "boom",
                Schedulable = false,
                Priority = 7,
                Concurrency = 9,
                ModelMapping = new() { ["gpt-4*"] = "deepseek-chat" },
                PoolMode = true,
                PoolModeRetryCount = 5,
                PoolModeRetryStatusCodes = [503, 502],
                Passthrough = true,
                EndpointMode = EndpointMode.Both,
                ResponsesSupported = false,
                ProbedAt = now,
                ProbeDetail = "404",
                CooldownUntil = now.AddMinutes(10),
                CooldownReason = "403 temporary cooldown (1/3)",
                ForbiddenStrikes = 1,
                ForbiddenWindowStart = now,
                LastUsedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
                Groups = [group],
            };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            accountId = account.Id;
            db.ApiKeys.Add(new ApiKey { Name = "k", GroupId = group.Id, KeyHash = new string('a', 64), Prefix = "sk-gw-abc", ExpiresAt = now, ConcurrencyLimit = 2, RequestsPerMinute = 60, CreatedAt = now });
            db.ModelSuspensions.Add(new ModelSuspension { AccountId = accountId, UpstreamModel = "deepseek-chat", Until = now.AddHours(12), Reason = "model_not_supported" });
            db.EndpointCacheEntries.Add(new EndpointCacheEntry { AccountId = accountId, Model = "deepseek-chat", Protocol = ApiProtocol.Chat, ExpiresAt = now.AddHours(24) });
            db.UsageLogs.Add(new UsageLog
            {
                CreatedAt = now, RequestId = "req-1", KeyId = 1, GroupId = group.Id, AccountId = accountId, Model = "gpt-4o", UpstreamModel = "deepseek-chat",
                InboundProtocol = ApiProtocol.Responses, UpstreamProtocol = ApiProtocol.Chat, Stream = true, Status = 200, InputTokens = 10, OutputTokens = 20,
                CachedTokens = 3, DurationMs = 120, FirstTokenMs = 40, Attempts = 2, Error = null,
                Trace = [new AttemptTrace { AccountId = accountId, UpstreamProtocol = ApiProtocol.Responses, Status = 404, FailureClass = "protocol_unsupported", Decision = "protocol_switch", DurationMs = 10 }],
            });
            db.Settings.Add(new Setting { Key = "auto_endpoint", Value = "true", UpdatedAt = now });
            db.AdminTokens.Add(new AdminToken { Name = "ops", TokenHash = new string('b', 64), Prefix = "gwa-xyz", CreatedAt = now });
            db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = accountId, Action = "cooldown_expired", Actor = "system" });
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-1", Xml = "<key/>" });
            await db.SaveChangesAsync();
        }

        await using (var db = factory.CreateDbContext())
        {
            var account = await db.Accounts.Include(a => a.Groups).SingleAsync();
            Assert.Equal(AccountPlatform.OpenAiCompatible, account.Platform);
            Assert.Equal(AccountType.OAuth, account.Type);
            Assert.Equal(AccountStatus.Error, account.Status);
            Assert.Equal("deepseek-chat", account.ModelMapping["gpt-4*"]);
            Assert.Equal([502, 503], account.PoolModeRetryStatusCodes);
            Assert.Equal(5, account.PoolModeRetryCount);
            Assert.True(account.PoolMode && account.Passthrough && !account.Schedulable);
            Assert.Equal(EndpointMode.Both, account.EndpointMode);
            Assert.False(account.ResponsesSupported);
            Assert.Equal(now.AddMinutes(10), account.CooldownUntil);
            Assert.Equal(DateTimeKind.Utc, account.CooldownUntil!.Value.Kind);
            Assert.Equal(1, account.ForbiddenStrikes);
            Assert.Equal("g", Assert.Single(account.Groups).Name);
            Assert.Equal(60, (await db.ApiKeys.SingleAsync()).RequestsPerMinute);
            Assert.Equal("model_not_supported", (await db.ModelSuspensions.SingleAsync()).Reason);
            Assert.Equal(ApiProtocol.Chat, (await db.EndpointCacheEntries.SingleAsync()).Protocol);
            var usage = await db.UsageLogs.SingleAsync();
            Assert.Equal("deepseek-chat", usage.UpstreamModel);
            Assert.Equal(ApiProtocol.Responses, usage.InboundProtocol);
            Assert.Equal("protocol_switch", Assert.Single(usage.Trace).Decision);
            Assert.Equal("true", (await db.Settings.SingleAsync()).Value);
            Assert.Equal("gwa-xyz", (await db.AdminTokens.SingleAsync()).Prefix);
            Assert.Equal("cooldown_expired", (await db.AuditEntries.SingleAsync()).Action);
            Assert.Equal("<key/>", (await db.DataProtectionKeys.SingleAsync()).Xml);
        }
    }

    [Fact]
    public async Task AnExplicitEmptyRetryList_StaysEmptyAndUnsetStaysNull()
    {
        var factory = await MigratedFactoryAsync();
        await using (var db = factory.CreateDbContext())
        {
            db.Accounts.Add(new Account { Name = "empty", BaseUrl = "https://a.test", PoolModeRetryStatusCodes = [] });
            db.Accounts.Add(new Account { Name = "unset", BaseUrl = "https://a.test" });
            await db.SaveChangesAsync();
        }

        await using (var db = factory.CreateDbContext())
        {
            var empty = await db.Accounts.SingleAsync(a => a.Name == "empty");
            var unset = await db.Accounts.SingleAsync(a => a.Name == "unset");
            Assert.NotNull(empty.PoolModeRetryStatusCodes);
            Assert.Empty(empty.PoolModeRetryStatusCodes);
            Assert.False(empty.IsPoolModeRetryableStatus(429));
            Assert.Null(unset.PoolModeRetryStatusCodes);
            Assert.True(unset.IsPoolModeRetryableStatus(429));
        }
    }

    [Fact]
    public async Task OutOfRangeCodesWrittenBehindTheAppsBack_AreNormalisedOnRead()
    {
        var factory = await MigratedFactoryAsync();
        await using (var db = factory.CreateDbContext())
        {
            db.Accounts.Add(new Account { Name = "raw", BaseUrl = "https://a.test" });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts SET PoolModeRetryStatusCodes = '503,42,429,503,x'");
        }

        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal([429, 503], (await db.Accounts.SingleAsync()).PoolModeRetryStatusCodes);
        }
    }

    [Fact]
    public void SqlServerMigrationScript_IsGeneratedOfflineWithTheCoreTables()
    {
        using var db = OfflineSqlServerContext();

        var script = db.Database.GenerateCreateScript();
        var migrationScript = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().GenerateScript();

        foreach (var text in new[] { script, migrationScript })
        {
            Assert.Contains("CREATE TABLE [accounts]", text);
            Assert.Contains("CREATE TABLE [usage_logs]", text);
            Assert.Contains("CREATE TABLE [model_suspensions]", text);
            Assert.Contains("CREATE TABLE [endpoint_cache]", text);
        }

        Assert.Contains("__ef_migrations", migrationScript);
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task OnlyUsageRowsCarryingAClientRequestId_AreIndexedByIt_AndALookupByItUsesTheIndex()
    {
        var factory = await MigratedFactoryAsync();
        await using var db = factory.CreateDbContext();

        var partial = await db.Database.SqlQueryRaw<long>("SELECT partial AS Value FROM pragma_index_list('usage_logs') WHERE name = 'IX_usage_logs_ClientRequestId'").SingleAsync();
        var plan = await QueryPlanAsync(db, "SELECT Id FROM usage_logs WHERE ClientRequestId = 'abc'", []);

        Assert.Equal(1, partial);
        Assert.Contains(plan, step => step.Contains("INDEX IX_usage_logs_ClientRequestId (ClientRequestId=?)", StringComparison.Ordinal));

        await using var sqlServerDb = OfflineSqlServerContext();
        Assert.Contains("CREATE INDEX [IX_usage_logs_ClientRequestId] ON [usage_logs] ([ClientRequestId]) WHERE [ClientRequestId] IS NOT NULL;", sqlServerDb.Database.GenerateCreateScript());
    }

    [Fact]
    public async Task TheUsageFilterByRequestId_ReadsBothRequestIdIndexes_NotTheTable()
    {
        var factory = await MigratedFactoryAsync();
        await using var db = factory.CreateDbContext();

        // EF writes the query's parameters as ".param set" lines before the statement.
        var lines = new UsageQueryService(factory).Apply(db.UsageLogs, new UsageFilter { RequestId = "req_abc" }).Select(u => u.Id).ToQueryString().Split('\n');
        var plan = await QueryPlanAsync(
            db,
            string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal))),
            [.. lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)).Select(p => (p[2], p[3].Trim('\'')))]);

        Assert.Contains(plan, step => step.Contains("INDEX IX_usage_logs_RequestId (RequestId=?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("INDEX IX_usage_logs_ClientRequestId (ClientRequestId=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EverySqliteConnection_SyncsAtCheckpoints_AndCheckpointsEveryTenThousandPages()
    {
        var factory = await MigratedFactoryAsync();
        await using var db = factory.CreateDbContext();

        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        Assert.Equal(1L, await PragmaAsync(db, "synchronous"));
        Assert.Equal(10_000L, await PragmaAsync(db, "wal_autocheckpoint"));
    }

    private async Task<TestDatabase> MigratedFactoryAsync() => _database = await TestDatabase.CreateAsync();

    /// <summary>What SQLite's <c>EXPLAIN QUERY PLAN</c> says of <paramref name="sql"/>: one line per step.</summary>
    private static async Task<List<string>> QueryPlanAsync(GatewayDbContext db, string sql, (string Name, string Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync();
        await using var explain = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            explain.Parameters.AddWithValue(name, value);
        }

        var plan = new List<string>();
        await using var steps = await explain.ExecuteReaderAsync();
        while (await steps.ReadAsync())
        {
            plan.Add(steps.GetString(steps.GetOrdinal("detail")));
        }

        return plan;
    }

    /// <summary>The value of SQLite's <c>PRAGMA <paramref name="name"/></c> on the context's own connection, opened by EF.</summary>
    private static async Task<object?> PragmaAsync(GatewayDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        await using var pragma = db.Database.GetDbConnection().CreateCommand();
        pragma.CommandText = "PRAGMA " + name;
        return await pragma.ExecuteScalarAsync();
    }

    /// <summary>A SQL Server context that only generates scripts: nothing listens at its address.</summary>
    private static SqlServerGatewayDbContext OfflineSqlServerContext()
    {
        var options = new DbContextOptionsBuilder<SqlServerGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(options, "Server=127.0.0.1,1;Database=gateway;User Id=sa;Password=x;TrustServerCertificate=True");
        return new SqlServerGatewayDbContext(options.Options);
    }
}
