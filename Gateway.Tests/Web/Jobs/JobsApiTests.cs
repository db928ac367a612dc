using System.Net;
using Gateway.Tests.Probes;

namespace Gateway.Tests.Web.Jobs;

/// <summary>The real Hangfire server over its real SQLite storage, driven through the admin API.</summary>
public sealed class JobsApiTests(GatewayAppFactory app) : AdminApiWithUpstream(app)
{
    [Fact]
    public async Task AccountCreated_Upstream404_StoresResponsesUnsupportedWithoutAnyFurtherCall()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(404, "Not found"));

        var id = await CreateAccountAsync(Upstream.BaseUrl);
        var account = await ProbedAccountAsync(id);

        Assert.False(account["responses_supported"]!.GetValue<bool>());
        Assert.Single(Upstream.Received);
        await AdminJobs.RunNowAsync(App, "cooldown-expiry");
        Assert.Single(Upstream.Received);
    }

    [Fact]
    public async Task AccountCreated_Upstream400_StoresResponsesSupported()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(400, "Missing required parameter"));

        var account = await ProbedAccountAsync(await CreateAccountAsync(Upstream.BaseUrl + "/v1"));

        Assert.True(account["responses_supported"]!.GetValue<bool>());
        Assert.Equal("/v1/responses", Assert.Single(Upstream.Received).Path);
        await using var db = App.CreateDbContext();
        Assert.Contains("Missing required parameter", (await db.Accounts.SingleAsync(a => a.Id == account["id"]!.GetValue<long>())).ProbeDetail);
    }

    [Fact]
    public async Task AccountCreated_RefusedConnection_LeavesTheVerdictUnknownButRecordsTheProbe()
    {
        var id = await CreateAccountAsync($"http://127.0.0.1:{CapabilityProbeTests.ClosedPort()}");

        var account = await ProbedAccountAsync(id);

        Assert.Null(account["responses_supported"]);
        await using var db = App.CreateDbContext();
        Assert.StartsWith("Network error", (await db.Accounts.SingleAsync(a => a.Id == id)).ProbeDetail);
    }

    [Fact]
    public async Task BaseUrlChange_ProbesAgain_AndTheProbeEndpointQueuesOneOnDemand()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(404, "Not found"));
        var id = await CreateAccountAsync(Upstream.BaseUrl);
        await ProbedAccountAsync(id);
        await using var other = await ScriptedUpstream.StartAsync();
        other.On("/v1/responses", UpstreamReply.Json("""{"id":"resp_1"}"""));

        var put = await Admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "moved", platform = "openai-compatible", type = "apikey", base_url = other.BaseUrl, api_key = "sk-moved" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await Eventually.TrueAsync(async () => (await GetAccountAsync(id))["responses_supported"]?.GetValue<bool>() == true, "the re-probe after the base URL change");

        var probe = await Admin.PostAsync($"/api/admin/accounts/{id}/probe", null);
        Assert.Equal(HttpStatusCode.Accepted, probe.StatusCode);
        var queued = (await probe.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("capability-probe", queued["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(queued["job_id"]!.GetValue<string>()));
        await Eventually.TrueAsync(() => Task.FromResult(other.CountTo("/v1/responses") == 2), "the on-demand probe");
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/accounts/987654/probe", null)).StatusCode);
        Assert.Equal([("moved", "bootstrap-token")], await ProbeRequestsAuditedAsync(id));
        Assert.Empty(await ProbeRequestsAuditedAsync(987654));
    }

    [Fact]
    public async Task ManualRunOfTheProbeJob_ProbesEveryAccount()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(404, "Not found"), UpstreamReply.Json("""{"id":"resp_1"}"""));
        var id = await CreateAccountAsync(Upstream.BaseUrl);
        Assert.False((await ProbedAccountAsync(id))["responses_supported"]!.GetValue<bool>());

        await AdminJobs.RunNowAsync(App, "capability-probe");

        Assert.True((await GetAccountAsync(id))["responses_supported"]!.GetValue<bool>());
        Assert.Equal(2, Upstream.CountTo("/v1/responses"));
    }

    [Fact]
    public async Task ConsoleReprobe_QueuesTheProbeThroughTheJobHost()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(405, "Method not allowed"));
        var id = await CreateAccountAsync(Upstream.BaseUrl);
        await ProbedAccountAsync(id);

        await App.Services.GetRequiredService<AccountActions>().ReprobeAsync(id, "admin@example.test", default);

        await Eventually.TrueAsync(() => Task.FromResult(Upstream.CountTo("/v1/responses") == 2), "the console's re-probe");
        Assert.False((await GetAccountAsync(id))["responses_supported"]!.GetValue<bool>());
        Assert.Equal([((await GetAccountAsync(id))["name"]!.GetValue<string>(), "admin@example.test")], await ProbeRequestsAuditedAsync(id));
    }

    // The audit entries of the probes admins asked for on the account: the account's name and who asked.
    private async Task<List<(string? Name, string Actor)>> ProbeRequestsAuditedAsync(long accountId)
    {
        await using var db = App.CreateDbContext();
        return (await db.AuditEntries.AsNoTracking().Where(e => e.AccountId == accountId && e.Action == AuditActions.AccountProbeRequested).OrderBy(e => e.Id).ToListAsync())
            .Select(e => (e.Detail, e.Actor)).ToList();
    }

    [Fact]
    public async Task CooldownExpiry_ReturnsTheCooledAccountToSchedulingAndAuditsEachChange()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(400, "bad"));
        var cooled = await CreateAccountAsync(Upstream.BaseUrl);
        var stillCooling = await CreateAccountAsync(Upstream.BaseUrl);
        var now = DateTime.UtcNow;
        await using (var db = App.CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == cooled).ExecuteUpdateAsync(s => s.SetProperty(a => a.CooldownUntil, now.AddSeconds(-5)).SetProperty(a => a.CooldownReason, "rate_limited"));
            await db.Accounts.Where(a => a.Id == stillCooling).ExecuteUpdateAsync(s => s.SetProperty(a => a.CooldownUntil, now.AddMinutes(10)).SetProperty(a => a.CooldownReason, "forbidden"));
            db.ModelSuspensions.Add(new ModelSuspension { AccountId = cooled, UpstreamModel = "gpt-5", Until = now.AddSeconds(-1), Reason = "model_unsupported" });
            db.ModelSuspensions.Add(new ModelSuspension { AccountId = stillCooling, UpstreamModel = "gpt-5", Until = now.AddHours(1), Reason = "model_unsupported" });
            db.EndpointCacheEntries.Add(new EndpointCacheEntry { AccountId = cooled, Model = "gpt-4o", Protocol = ApiProtocol.Chat, ExpiresAt = now.AddSeconds(-1) });
            await db.SaveChangesAsync();
        }

        Assert.Equal("succeeded", (await AdminJobs.RunNowAsync(App, "cooldown-expiry"))["last_outcome"]!.GetValue<string>());

        var account = await GetAccountAsync(cooled);
        Assert.Null(account["cooldown_until"]);
        Assert.Null(account["cooldown_reason"]);
        Assert.NotNull((await GetAccountAsync(stillCooling))["cooldown_until"]);
        await using var check = App.CreateDbContext();
        var audit = await check.AuditEntries.Where(a => a.AccountId == cooled && a.Actor == "system").Select(a => a.Action).ToListAsync();
        Assert.Equal(["cooldown_expired", "endpoint_cache_expired", "model_suspension_expired"], audit.Order());
        Assert.Empty(await check.AuditEntries.Where(a => a.AccountId == stillCooling && a.Actor == "system").ToListAsync());
        Assert.Equal(1, await check.ModelSuspensions.CountAsync(s => s.AccountId == stillCooling));
        Assert.Equal(0, await check.ModelSuspensions.CountAsync(s => s.AccountId == cooled));
        Assert.Equal(0, await check.EndpointCacheEntries.CountAsync(e => e.AccountId == cooled));
    }

    [Fact]
    public async Task JobsApi_ListsEveryJobWithItsScheduleNextRunAndLastRun()
    {
        // Its own host on a fake clock: the last run is an exact time on the host's clock. Next runs come from Hangfire's
        // scheduler, on its own clock: they are checked against their schedules.
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 10, 0, 30, TimeSpan.Zero));
        using var app = new GatewayAppFactory().WithTimeProvider(clock);
        var run = await AdminJobs.RunNowAsync(app, "usage-retention");

        var jobs = (await app.CreateAdminClient().GetFromJsonAsync<JsonArray>("/api/admin/jobs"))!.Select(j => j!.AsObject()).ToList();

        Assert.Equal(["capability-probe", "cooldown-expiry", "response-store-retention", "usage-retention"], jobs.Select(j => j["name"]!.GetValue<string>()).Order());
        Assert.All(jobs, j => Assert.Superset(new HashSet<string> { "name", "next_run_at", "last_run_at", "last_outcome", "last_error" }, j.Select(p => p.Key).ToHashSet()));
        var retention = jobs.Single(j => j["name"]!.GetValue<string>() == "usage-retention");
        Assert.Equal("succeeded", retention["last_outcome"]!.GetValue<string>());
        Assert.Null(retention["last_error"]);
        Assert.Contains("retention", retention["description"]!.GetValue<string>());
        Assert.Equal("30 3 * * *", retention["schedule"]!.GetValue<string>());
        Assert.Equal(run["last_job_id"]!.GetValue<string>(), retention["last_job_id"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow().UtcDateTime, retention["last_run_at"]!.GetValue<DateTime>());
        Assert.Equal(new TimeSpan(3, 30, 0), retention["next_run_at"]!.GetValue<DateTime>().TimeOfDay);
        var expiry = jobs.Single(j => j["name"]!.GetValue<string>() == "cooldown-expiry");
        Assert.Equal("* * * * *", expiry["schedule"]!.GetValue<string>());
        Assert.Equal(TimeSpan.Zero, TimeSpan.FromTicks(expiry["next_run_at"]!.GetValue<DateTime>().Ticks % TimeSpan.TicksPerMinute));
        var probe = jobs.Single(j => j["name"]!.GetValue<string>() == "capability-probe");
        Assert.Null(probe["schedule"]);
        Assert.Null(probe["next_run_at"]);
    }

    [Fact]
    public async Task TriggerNow_QueuesARunThatIsAuditedAndListedAsTheJobsLastRun()
    {
        var run = await AdminJobs.RunNowAsync(App, "cooldown-expiry");

        Assert.Equal("succeeded", run["last_outcome"]!.GetValue<string>());
        using (var connection = App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var listed = connection.GetJobData(run["last_job_id"]!.GetValue<string>());
            Assert.Equal(SucceededState.StateName, listed.State);
            Assert.Equal(typeof(CooldownExpiryJob), listed.Job.Type);
        }

        await using var db = App.CreateDbContext();
        Assert.Contains(
            await db.AuditEntries.Where(a => a.Action == "job_triggered").Select(a => new { a.Detail, a.Actor }).ToListAsync(),
            a => a.Detail == "cooldown-expiry" && a.Actor == "bootstrap-token");
    }

    [Fact]
    public async Task UnknownJob_Gets404_AndThereIsNoPauseOrResume()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/jobs/no-such-job/trigger", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/jobs/no-such-job")).StatusCode);
        Assert.Contains((await Admin.PostAsync("/api/admin/jobs/cooldown-expiry/pause", null)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Contains((await Admin.PostAsync("/api/admin/jobs/cooldown-expiry/resume", null)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    private async Task<long> CreateAccountAsync(string baseUrl)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/accounts", new { name = $"acct-{Guid.NewGuid():N}", platform = "openai-compatible", type = "apikey", base_url = baseUrl, api_key = "sk-test" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    private async Task<JsonObject> GetAccountAsync(long id) => (await Admin.GetFromJsonAsync<JsonObject>($"/api/admin/accounts/{id}"))!;

    private Task<JsonObject> ProbedAccountAsync(long id) =>
        Eventually.ReturnsAsync(async () => await GetAccountAsync(id) is var a && a["probed_at"] is not null ? a : null, $"the probe of account {id}");
}
