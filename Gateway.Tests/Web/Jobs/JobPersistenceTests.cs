using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Security;
using Gateway.Tests.Fakes;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Web.Security;
using Gateway.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;

namespace Gateway.Tests.Web.Jobs;

public sealed class JobPersistenceTests
{
    [Fact]
    public async Task ProbeQueuedBeforeARestart_RunsAfterIt()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.On("/v1/responses", UpstreamReply.Error(404, "Not found"));
        using var second = new GatewayAppFactory();
        long id;
        using (var first = GatewayAppFactory.SharingDatabaseOf(second))
        {
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(default);

            // The hosted service starts the scheduler once the host has started; standby only after that.
            await Eventually.TrueAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running), "the scheduler start");
            await scheduler.Standby(default);
            var admin = first.CreateAdminClient();
            var created = await admin.PostAsJsonAsync("/api/admin/accounts", new { name = "survivor", base_url = upstream.BaseUrl, api_key = "sk-1" });
            id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
            await Eventually.TrueAsync(async () =>
            {
                var probe = await admin.GetFromJsonAsync<JsonObject>("/api/admin/jobs/capability-probe");
                return probe!["triggers"]!.AsArray().Count > 0;
            }, "the stored probe trigger");
            Assert.Empty(upstream.Received);
        }

        var account = await Eventually.ReturnsAsync(async () =>
        {
            await using var db = second.CreateDbContext();
            return await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.ProbedAt != null);
        }, "the probe after the restart");

        Assert.False(account.ResponsesSupported);
        Assert.Single(upstream.Received);
    }

    [Fact]
    public async Task PausedJob_StaysPausedAcrossARestart()
    {
        using var second = new GatewayAppFactory();
        using (var first = GatewayAppFactory.SharingDatabaseOf(second))
        {
            var paused = await first.CreateAdminClient().PostAsync("/api/admin/jobs/cooldown-expiry/pause", null);
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }

        var job = await second.CreateAdminClient().GetFromJsonAsync<JsonObject>("/api/admin/jobs/cooldown-expiry");

        Assert.True(job!["paused"]!.GetValue<bool>());
        Assert.Equal("paused", job["triggers"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "every-minute")!["state"]!.GetValue<string>());
        Assert.Equal("bootstrap-token", job["paused_by"]!.GetValue<string>());
        var resumed = await (await second.CreateAdminClient().PostAsync("/api/admin/jobs/cooldown-expiry/resume", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(resumed!["paused"]!.GetValue<bool>());
        Assert.NotNull(resumed["next_run_at"]);
    }

    [Fact]
    public async Task RetentionSchedule_ComesFromConfiguration()
    {
        using var app = new GatewayAppFactory().WithSetting("Gateway:UsageRetentionSchedule", "0 15 2 ? * SUN");

        var job = await app.CreateAdminClient().GetFromJsonAsync<JsonObject>("/api/admin/jobs/usage-retention");

        var daily = job!["triggers"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "daily")!;
        Assert.StartsWith("cron 0 15 2 ? * SUN", daily["schedule"]!.GetValue<string>());
        var next = daily["next_run_at"]!.GetValue<DateTime>();
        Assert.Equal(DayOfWeek.Sunday, next.DayOfWeek);
        Assert.Equal(new TimeSpan(2, 15, 0), next.TimeOfDay);
    }

    [Fact]
    public async Task AccountSave_NeitherWaitsForTheProbeNorFailsWhenTheSchedulerIsGone()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.On("/v1/responses", UpstreamReply.Json("{}") with { Delay = TimeSpan.FromSeconds(30) });
        using var app = new GatewayAppFactory();
        var admin = app.CreateAdminClient();
        admin.Timeout = TimeSpan.FromSeconds(10);

        var slow = await admin.PostAsJsonAsync("/api/admin/accounts", new { name = "slow-upstream", base_url = upstream.BaseUrl, api_key = "sk-1" });
        Assert.Equal(HttpStatusCode.Created, slow.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(upstream.Received.Count == 1), "the probe in flight");

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(default);
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/readyz"));
        await scheduler.Shutdown(false, default);
        Assert.Equal("Degraded", await app.CreateClient().GetStringAsync("/readyz"));
        var saved = await admin.PostAsJsonAsync("/api/admin/accounts", new { name = "no-scheduler", base_url = upstream.BaseUrl, api_key = "sk-2" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.True(await db.Accounts.AnyAsync(a => a.Name == "no-scheduler"));
    }

    [Fact]
    public async Task ProbeAll_ProbesTheOthersWhenOneSecretCannotBeRead_AndTheRunFailsNamingIt()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.On("/v1/responses", UpstreamReply.Error(400, "bad request"));
        using var app = new GatewayAppFactory();
        var admin = app.CreateAdminClient();
        long broken;
        long good;
        await using (var db = app.CreateDbContext())
        {
            var unreadable = new Account { Name = "unreadable", BaseUrl = upstream.BaseUrl, ProtectedSecret = "not-a-protected-payload" };
            var readable = new Account { Name = "readable", BaseUrl = upstream.BaseUrl };
            db.Accounts.AddRange(unreadable, readable);
            await db.SaveChangesAsync();
            (broken, good) = (unreadable.Id, readable.Id);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/admin/jobs/capability-probe/trigger", null)).StatusCode);

        var job = await Eventually.ReturnsAsync(async () =>
        {
            var j = await admin.GetFromJsonAsync<JsonObject>("/api/admin/jobs/capability-probe");
            return j!["last_outcome"] is null ? null : j;
        }, "the probe-all run");
        Assert.Equal("failed", job["last_outcome"]!.GetValue<string>());
        Assert.Contains($"account(s) {broken}", job["last_error"]!.GetValue<string>());
        await using var check = app.CreateDbContext();
        Assert.True((await check.Accounts.SingleAsync(a => a.Id == good)).ResponsesSupported);
        Assert.Null((await check.Accounts.SingleAsync(a => a.Id == broken)).ProbedAt);
    }

    [Fact]
    public async Task FailingRun_IsRecordedWithItsErrorText()
    {
        using var app = new GatewayAppFactory();
        var admin = app.CreateAdminClient();
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE usage_logs");
        }

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/admin/jobs/usage-retention/trigger", null)).StatusCode);

        var job = await Eventually.ReturnsAsync(async () =>
        {
            var j = await admin.GetFromJsonAsync<JsonObject>("/api/admin/jobs/usage-retention");
            return j!["last_outcome"] is null ? null : j;
        }, "the failed run");
        Assert.Equal("failed", job["last_outcome"]!.GetValue<string>());
        Assert.Contains("no such table", job["last_error"]!.GetValue<string>());
        var run = job["recent_runs"]![0]!;
        Assert.StartsWith("manual-", run["trigger"]!.GetValue<string>());
        Assert.True(run["duration_ms"]!.GetValue<int>() >= 0);
    }

    [Fact]
    public async Task AnonymousAndViewerCallers_CannotReachTheJobsApi()
    {
        const string email = "viewer@example.test";
        const string password = "Viewer-Pass-9";
        using var app = new GatewayAppFactory();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/admin/jobs/cooldown-expiry/trigger", null)).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(AdminRoles.Viewer))
            {
                await roles.CreateAsync(new IdentityRole(AdminRoles.Viewer));
            }

            var user = new AdminUser { UserName = email, Email = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, AdminRoles.Viewer)).Succeeded);
        }

        var viewer = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await LoginTests.PostLoginAsync(viewer, email, password)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/admin/jobs/cooldown-expiry/trigger", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/admin/jobs/cooldown-expiry/pause", null)).StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Empty(await db.AuditEntries.Where(a => a.Action.StartsWith("job_")).ToListAsync());
    }

    [Fact]
    public async Task DefaultStore_IsSqliteInTheApplicationDatabaseWithItsTablesProvisionedAtStartUp()
    {
        using var app = new GatewayAppFactory();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(default);

        var metadata = await scheduler.GetMetadata(default);
        Assert.True(metadata.JobStorePersistent);
        Assert.False(metadata.JobStoreClustered);
        Assert.IsType<SQLiteDelegate>(app.Services.GetRequiredService<IDriverDelegate>());
        await using var db = app.CreateDbContext();
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.Contains("QRTZ_TRIGGERS", tables);
        Assert.Contains("QRTZ_JOB_DETAILS", tables);
        Assert.Contains("accounts", tables);
    }

    [Fact]
    public async Task SqlServerStore_IsBuiltOfflineAsAClusteredProvisioningAdoStoreOverSqlClient()
    {
        const string connectionString = "Server=tcp:127.0.0.1,1;Database=gateway;User Id=sa;Password=x;Encrypt=false;Connect Timeout=1";
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = "SqlServer";
        builder.Configuration["ConnectionStrings:Gateway"] = connectionString;
        builder.AddGatewayJobs();
        await using var services = builder.Services.BuildServiceProvider();

        var store = services.GetRequiredService<IJobStore>();
        Assert.Equal("LocalTransactionJobStore", store.GetType().Name);
        Assert.True(store.SupportsPersistence);
        Assert.True(store.Clustered);
        Assert.True(services.GetRequiredService<IOptionsMonitor<ClusteringOptions>>().Get("").Enabled);
        Assert.IsType<SqlServerDelegate>(services.GetRequiredService<IDriverDelegate>());
        var storeOptions = services.GetRequiredService<IOptionsMonitor<AdoJobStoreOptions>>().Get("");
        Assert.Equal(SchemaProvisioning.CreateIfMissing, storeOptions.SchemaProvisioning);
        Assert.True(storeOptions.StoreJobDataAsStrings);
        var provider = services.GetRequiredService<IDbProvider>();
        Assert.Equal(connectionString, provider.ConnectionString);
        await using var connection = provider.CreateConnection();
        Assert.Equal("Microsoft.Data.SqlClient.SqlConnection", connection.GetType().FullName);
        Assert.Equal(JobsHostingExtensions.SchedulerName, services.GetRequiredService<IOptionsMonitor<QuartzSchedulerOptions>>().Get("").InstanceName);
    }
}
