using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>Failures without a usable HTTP answer fail over and never reach the client.</summary>
public sealed class UpstreamFailureTests
{
    [Fact]
    public async Task UpstreamSilentLongerThanTheIdleTimeout_FailsOverAndCancelsTheSilentAttempt()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:UpstreamIdleTimeout", "00:00:01"));
        var (_, silent) = await gateway.AddAccountAsync("silent", i => i with { Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        silent.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("too late") with { Delay = TimeSpan.FromSeconds(20) });
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var answered = gateway.PostChatAsync(requestId: "idle-1");
        await GatewayClock.PassUntilAsync(gateway, TimeSpan.FromSeconds(1), answered);
        var response = await answered;

        Assert.Contains("healthy answer", await response.Content.ReadAsStringAsync());
        Assert.True(await silent.RequestsTo(EngineHarness.ChatPath).Single().Aborted.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("timeout", (await gateway.UsageAsync("idle-1")).Trace[0].FailureClass);
    }

    [Fact]
    public async Task StreamSilentAfterCommit_EndsWithAnErrorEventAfterTheIdleTimeout()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:UpstreamIdleTimeout", "00:00:01"));
        var (_, upstream) = await gateway.AddAccountAsync("stalls");
        upstream.On(EngineHarness.ChatPath, new UpstreamReply { Events = [SseStep.Data("""{"choices":[{"index":0,"delta":{"content":"part"}}]}""")], HoldOpenAfterSending = TimeSpan.FromSeconds(20) });

        var body = await (await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true))).Content.ReadAsStringAsync();

        Assert.Contains("part", body);
        Assert.Contains("upstream_stream_interrupted", body);
    }

    [Fact]
    public async Task UnreachableUpstream_FailsOverToTheNextAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (dead, _) = await gateway.AddAccountAsync("dead", i => i with { Priority = 1, BaseUrl = $"http://127.0.0.1:{ClosedPort()}" });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var response = await gateway.PostChatAsync(requestId: "dead-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await gateway.UsageAsync("dead-1");
        Assert.Equal(("network_error", dead.Id), (usage.Trace[0].FailureClass, usage.Trace[0].AccountId));
    }

    [Fact]
    public async Task SuccessStatusWithABodyThatIsNotJson_FailsOverWithoutReachingTheClient()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, broken) = await gateway.AddAccountAsync("broken", i => i with { Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        broken.On(EngineHarness.ChatPath, new UpstreamReply { Body = "<html>maintenance</html>", ContentType = "text/html" });
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var body = await (await gateway.PostChatAsync()).Content.ReadAsStringAsync();

        Assert.Contains("healthy answer", body);
        Assert.DoesNotContain("maintenance", body);
    }

    [Fact]
    public async Task CooldownWrittenByAnotherInstance_IsSeenAfterTheRefreshInterval()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:AccountRefreshInterval", "00:00:00.100"));
        var (shared, a) = await gateway.AddAccountAsync("a", i => i with { Priority = 1 });
        var (_, b) = await gateway.AddAccountAsync("b", i => i with { Priority = 2 });
        a.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("a"));
        b.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("b"));
        await using (var db = gateway.App.CreateDbContext())
        {
            var row = await db.Accounts.FindAsync(shared.Id);
            row!.CooldownUntil = gateway.Time.GetUtcNow().UtcDateTime.AddMinutes(5);
            row.CooldownReason = "set by another instance";
            await db.SaveChangesAsync();
        }

        var pool = gateway.Service<AccountPool>();
        await Eventually.TrueAsync(() => Task.FromResult(pool.Find(shared.Id)!.Account.CooldownUntil is not null), "the refresh to see the cooldown");

        var body = await (await gateway.PostChatAsync()).Content.ReadAsStringAsync();

        Assert.Contains("\"b\"", body);
        Assert.Equal(0, a.CountTo(EngineHarness.ChatPath));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
