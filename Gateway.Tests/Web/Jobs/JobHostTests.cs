using System.Net;

namespace Gateway.Tests.Web.Jobs;

/// <summary>The job host's behaviour across restarts, configuration and failures, each on its own gateway and SQLite storage.</summary>
public sealed class JobHostTests
{
    [Fact]
    public async Task ProbeQueuedBeforeARestart_RunsAfterIt()
    {
        await using var upstream = (await ScriptedUpstream.StartAsync()).On("/v1/responses", UpstreamReply.Error(404, "Not found"));
        using var second = new GatewayAppFactory();
        long id;

        // The first instance runs no job server, so the probe it queues can only run after the restart.
        using (var first = GatewayAppFactory.SharingDatabaseOf(second).WithSetting("Gateway:JobWorkerCount", "0"))
        {
            var created = await first.CreateAdminClient().PostAsJsonAsync("/api/admin/accounts", new { name = "survivor", base_url = upstream.BaseUrl, api_key = "sk-1" });
            id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
            var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            await Eventually.TrueAsync(() => Task.FromResult(monitoring.EnqueuedCount(EnqueuedState.DefaultQueue) == 1), "the stored probe");
            Assert.Empty(upstream.Received);
        }

        var account = await Eventually.ReturnsAsync(async () =>
        {
            await using var db = second.CreateDbContext();
            return await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.ProbedAt != null);
        }, "the probe after the restart");

        Assert.False(account.ResponsesSupported);
        Assert.Single(upstream.Received);
        var probe = await AdminJobs.GetAsync(second.CreateAdminClient(), "capability-probe");
        Assert.Equal("succeeded", probe["last_outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task RetentionSchedule_ComesFromConfiguration_AndIsListedAsTheNextRun()
    {
        using var app = new GatewayAppFactory().WithSetting("Gateway:UsageRetentionSchedule", "15 2 * * 0");
        var admin = app.CreateAdminClient();

        var job = await Eventually.ReturnsAsync(
            async () => await AdminJobs.GetAsync(admin, "usage-retention") is var j && j["next_run_at"] is not null ? j : null,
            "the registered schedule");

        Assert.Equal("15 2 * * 0", job["schedule"]!.GetValue<string>());
        // Hangfire's scheduler computes next runs on its own clock: the run is checked against the schedule, not a clock.
        var next = job["next_run_at"]!.GetValue<DateTime>();
        Assert.Equal((DayOfWeek.Sunday, new TimeSpan(2, 15, 0)), (next.DayOfWeek, next.TimeOfDay));
    }

    [Fact]
    public async Task AccountSave_NeitherWaitsForTheProbeNorFailsWhenItCannotBeQueued()
    {
        await using var upstream = (await ScriptedUpstream.StartAsync()).On("/v1/responses", UpstreamReply.Json("{}") with { Delay = TimeSpan.FromSeconds(30) });
        using var app = new GatewayAppFactory();
        var admin = app.CreateAdminClient();
        admin.Timeout = TimeSpan.FromSeconds(10);

        var slow = await admin.PostAsJsonAsync("/api/admin/accounts", new { name = "slow-upstream", base_url = upstream.BaseUrl, api_key = "sk-1" });
        Assert.Equal(HttpStatusCode.Created, slow.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(upstream.Received.Count == 1), "the probe in flight");

        using var broken = new GatewayAppFactory().WithServices(s => s.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(new UnavailableJobStorage())));
        var saved = await broken.CreateAdminClient().PostAsJsonAsync("/api/admin/accounts", new { name = "no-storage", base_url = upstream.BaseUrl, api_key = "sk-2" });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(broken.Logs.Problems.Any(p => p.Contains("Could not queue a capability probe"))), "the logged queueing failure");
        await using var db = broken.CreateDbContext();
        Assert.True(await db.Accounts.AnyAsync(a => a.Name == "no-storage"));
    }

    [Fact]
    public async Task Readyz_IsHealthyWithAJobServer_AndDegradedNeverUnhealthyWithoutOne()
    {
        using var withServer = new GatewayAppFactory();
        using var withoutServer = new GatewayAppFactory().WithSetting("Gateway:JobWorkerCount", "0");

        await Eventually.TrueAsync(async () => await withServer.CreateClient().GetStringAsync("/readyz") == "Healthy", "the job server's registration");
        var degraded = await withoutServer.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded", await degraded.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProbeAll_ProbesTheOthersWhenOneSecretCannotBeRead_AndTheRunFailsNamingIt()
    {
        await using var upstream = (await ScriptedUpstream.StartAsync()).On("/v1/responses", UpstreamReply.Error(400, "bad request"));
        using var app = new GatewayAppFactory();
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

        var job = await AdminJobs.RunNowAsync(app, "capability-probe");

        Assert.Equal("failed", job["last_outcome"]!.GetValue<string>());
        Assert.Contains($"account(s) {broken}", job["last_error"]!.GetValue<string>());
        await using var check = app.CreateDbContext();
        Assert.True((await check.Accounts.SingleAsync(a => a.Id == good)).ResponsesSupported);
        Assert.Null((await check.Accounts.SingleAsync(a => a.Id == broken)).ProbedAt);
    }

    [Fact]
    public async Task FailingRun_IsRecordedWithItsErrorText_LoggedAndCounted()
    {
        using var app = new GatewayAppFactory();
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE usage_logs");
        }

        var job = await AdminJobs.RunNowAsync(app, "usage-retention");

        Assert.Equal("failed", job["last_outcome"]!.GetValue<string>());
        Assert.Contains("no such table", job["last_error"]!.GetValue<string>());
        Assert.Contains(app.Logs.Problems, p => p.Contains("Background job usage-retention") && p.Contains("no such table"));
        var metrics = await app.CreateAdminClient().GetStringAsync("/metrics");
        Assert.Contains("usage-retention", metrics);
    }

    [Fact]
    public async Task AnonymousAndViewerCallers_CannotReachTheJobsApi()
    {
        using var app = new GatewayAppFactory();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/admin/jobs/cooldown-expiry/trigger", null)).StatusCode);

        var viewer = await SignedInClient.CreateAsync(app, AdminRoles.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/admin/jobs/cooldown-expiry/trigger", null)).StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Empty(await db.AuditEntries.Where(a => a.Action.StartsWith("job_")).ToListAsync());
    }

    /// <summary>A job client whose storage is down.</summary>
    private sealed class UnavailableJobStorage : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => throw new InvalidOperationException("The job storage is down.");

        public bool ChangeState(string jobId, IState state, string expectedState) => throw new InvalidOperationException("The job storage is down.");
    }
}
