using System.Net;

namespace Gateway.Tests.Web.Metrics;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterActivity_ExposeCountersTheCoolingGaugeAndHistogramsInPrometheusFormat()
    {
        using var app = new GatewayAppFactory();
        var admin = app.CreateAdminClient();
        await AdminJobs.RunNowAsync(app, "usage-retention");
        await using (var db = app.CreateDbContext())
        {
            db.Accounts.Add(new() { Name = "cooling", BaseUrl = "https://a.test", CooldownUntil = DateTime.UtcNow.AddMinutes(5), CooldownReason = "rate_limited" });
            db.Accounts.Add(new() { Name = "cooled-off", BaseUrl = "https://b.test", CooldownUntil = DateTime.UtcNow.AddMinutes(-5) });
            await db.SaveChangesAsync();
        }

        // The gauge reads this instance's account snapshot, which follows the database every AccountRefreshInterval.
        await app.Services.GetRequiredService<AccountPool>().RefreshAsync(CancellationToken.None);
        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        metrics.RequestCompleted("chat", 200, TimeSpan.FromMilliseconds(300));
        metrics.RequestCompleted("chat", 200, TimeSpan.FromSeconds(7));
        metrics.RequestCompleted("responses", 502, TimeSpan.FromSeconds(1));
        metrics.FirstToken("chat", TimeSpan.FromMilliseconds(40));
        metrics.UpstreamFailure("rate_limit");
        metrics.Failover();

        var response = await admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType.ToString());
        var lines = text.Split('\n');
        Assert.Contains("# TYPE gateway_job_runs_total counter", lines);
        Assert.Contains("gateway_job_runs_total{job=\"usage-retention\",outcome=\"succeeded\"} 1", lines);
        Assert.Contains("# TYPE gateway_accounts_cooling gauge", lines);
        Assert.Contains("gateway_accounts_cooling{} 1", lines);
        Assert.Contains("gateway_requests_total{endpoint=\"chat\",status=\"200\"} 2", lines);
        Assert.Contains("gateway_requests_total{endpoint=\"responses\",status=\"502\"} 1", lines);
        Assert.Contains("gateway_upstream_failures_total{class=\"rate_limit\"} 1", lines);
        Assert.Contains("gateway_failovers_total{} 1", lines);
        Assert.Contains("# TYPE gateway_request_duration_seconds histogram", lines);
        Assert.Contains("gateway_request_duration_seconds_bucket{endpoint=\"chat\",le=\"0.25\"} 0", lines);
        Assert.Contains("gateway_request_duration_seconds_bucket{endpoint=\"chat\",le=\"0.5\"} 1", lines);
        Assert.Contains("gateway_request_duration_seconds_bucket{endpoint=\"chat\",le=\"10\"} 2", lines);
        Assert.Contains("gateway_request_duration_seconds_bucket{endpoint=\"chat\",le=\"+Inf\"} 2", lines);
        Assert.Contains("gateway_request_duration_seconds_sum{endpoint=\"chat\"} 7.3", lines);
        Assert.Contains("gateway_request_duration_seconds_count{endpoint=\"chat\"} 2", lines);
        Assert.Contains("gateway_time_to_first_token_seconds_bucket{endpoint=\"chat\",le=\"0.05\"} 1", lines);
        Assert.Contains("# HELP gateway_requests_total Client requests by endpoint and final status.", lines);
    }

    [Fact]
    public async Task Metrics_AfterClientTraffic_CountRequestsFailoversAndLatencyByEndpoint()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, broken) = await gateway.AddAccountAsync("broken", a => a with { Priority = 1, Passthrough = true });
        var (_, good) = await gateway.AddAccountAsync("good", a => a with { Priority = 2, Passthrough = true });
        broken.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error"));
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hello"));

        Assert.Equal(HttpStatusCode.OK, (await gateway.PostChatAsync()).StatusCode);

        using var scraper = new HttpClient { BaseAddress = gateway.Address };
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", GatewayAppFactory.BootstrapToken);
        var lines = (await scraper.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains("gateway_requests_total{endpoint=\"chat\",status=\"200\"} 1", lines);
        Assert.Contains("gateway_failovers_total{} 1", lines);
        Assert.Contains(lines, l => l.StartsWith("gateway_upstream_failures_total{class=", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains("gateway_request_duration_seconds_count{endpoint=\"chat\"} 1", lines);
        Assert.Contains("gateway_request_duration_seconds_bucket{endpoint=\"chat\",le=\"+Inf\"} 1", lines);
    }

    [Fact]
    public async Task AFailedAccountWithNoOtherToSwitchTo_CountsNoFailover()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, only) = await gateway.AddAccountAsync("only", a => a with { Passthrough = true });
        only.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error"));

        Assert.NotEqual(HttpStatusCode.OK, (await gateway.PostChatAsync()).StatusCode);

        using var scraper = new HttpClient { BaseAddress = gateway.Address };
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", GatewayAppFactory.BootstrapToken);
        var lines = (await scraper.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains(lines, l => l.StartsWith("gateway_upstream_failures_total{class=", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("gateway_failovers_total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InFlightGauge_CountsARequestWhileItHoldsItsAccountsSlot_AndNothingOnceItsClientLeft()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("slow");
        var stream = UpstreamReply.ChatStream(["first"]);
        upstream.On(EngineHarness.ChatPath, stream with { Events = [.. stream.Events!.Take(1)], HoldOpenAfterSending = TimeSpan.FromMinutes(2) });
        using var scraper = new HttpClient { BaseAddress = gateway.Address };
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", GatewayAppFactory.BootstrapToken);
        async Task<string[]> ScrapeAsync() => (await scraper.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains("gateway_accounts_in_flight{} 0", await ScrapeAsync());

        using var leave = new CancellationTokenSource();
        var pending = gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), ct: leave.Token);
        await Eventually.ReturnsAsync(() => Task.FromResult(upstream.Received.FirstOrDefault()), "the upstream request");
        var during = await ScrapeAsync();
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        Assert.Contains("# TYPE gateway_accounts_in_flight gauge", during);
        Assert.Contains("gateway_accounts_in_flight{} 1", during);
        await Eventually.TrueAsync(async () => (await ScrapeAsync()).Contains("gateway_accounts_in_flight{} 0"), "the slot released");
    }

    [Fact]
    public async Task Metrics_NeedAnAdminUnlessOpenedByConfiguration()
    {
        using var closed = new GatewayAppFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, (await closed.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await closed.CreateAdminClient().GetAsync("/metrics")).StatusCode);

        using var open = new GatewayAppFactory().WithSetting("Metrics:AllowAnonymous", "true");
        Assert.Equal(HttpStatusCode.OK, (await open.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_CountOnlyThisHostsMeter_NotThoseOfOtherHostsInTheSameProcess()
    {
        using var busy = new GatewayAppFactory();
        using var quiet = new GatewayAppFactory();
        var scraper = quiet.CreateAdminClient();
        busy.Services.GetRequiredService<GatewayMetrics>().Failover();

        var text = await scraper.GetStringAsync("/metrics");

        Assert.Contains("gateway_accounts_cooling", text);
        Assert.DoesNotContain("gateway_failovers_total", text);
    }

    [Fact]
    public async Task Metrics_IncludeTheEventsOfTheGatewaysPollyPipelines()
    {
        using var app = new GatewayAppFactory().WithSetting("Gateway:StorageWriteRetryDelay", "00:00:00.001");
        var storageWrites = app.Services.GetRequiredKeyedService<ResiliencePipeline>(ResiliencePipelineNames.StorageWrite);
        var tries = 0;
        storageWrites.Execute(() =>
        {
            if (++tries == 1)
            {
                throw new SqliteException("database is locked", 5);
            }
        });

        var lines = (await app.CreateAdminClient().GetStringAsync("/metrics")).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("resilience_polly_strategy_events_total{", StringComparison.Ordinal)
            && l.Contains("event_name=\"OnRetry\"", StringComparison.Ordinal)
            && l.Contains($"pipeline_name=\"{ResiliencePipelineNames.StorageWrite}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtlpEndpoint_ReceivesTheMetricsOverHttpProtobuf()
    {
        await using var collector = await ScriptedUpstream.StartAsync();
        collector.On("/v1/metrics", new UpstreamReply { Status = 200, Body = "", ContentType = "application/x-protobuf" });
        using var app = new GatewayAppFactory()
            .WithSetting("Otlp:Endpoint", collector.BaseUrl)
            .WithSetting("Otlp:Protocol", "http/protobuf")
            .WithSetting("Otlp:ExportInterval", "00:00:00.200");

        app.Services.GetRequiredService<GatewayMetrics>().Failover();

        var export = await Eventually.ReturnsAsync(
            () => Task.FromResult(collector.RequestsTo("/v1/metrics").FirstOrDefault(r => r.Body.Contains("gateway.failovers", StringComparison.Ordinal))),
            "an OTLP export carrying the failover counter");
        Assert.Equal("POST", export.Method);
        Assert.Equal("application/x-protobuf", export.Headers["Content-Type"]);
    }
}
