using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 3 exhaustion and 4.5 limits over real HTTP.</summary>
public sealed class ExhaustionTests
{
    [Fact]
    public async Task AllAccountsRateLimited_Answers429WithRetryAfterOfTheSoonestCooldown()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, a) = await gateway.AddAccountAsync("a", i => i with { Priority = 1 });
        var (_, b) = await gateway.AddAccountAsync("b", i => i with { Priority = 2 });
        a.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow", "rate_limit_error") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "90" } });
        b.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow", "rate_limit_error") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "40" } });

        var response = await gateway.PostChatAsync(requestId: "exhaust-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("40", response.Headers.GetValues("Retry-After").Single());
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        var usage = await gateway.UsageAsync("exhaust-1");
        Assert.Equal((429, 2), (usage.Status, usage.Attempts));
    }

    [Fact]
    public async Task EveryAccountCoolingBeforeTheRequest_Answers429WithoutCallingUpstream()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, a) = await gateway.AddAccountAsync("a");
        a.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow", "rate_limit_error") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "60" } });
        await gateway.PostChatAsync();

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal(1, a.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task AllAccountsFailingWithServerErrors_Answers502WithTheLastUpstreamError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, a) = await gateway.AddAccountAsync("a", i => i with { Priority = 1 });
        var (_, b) = await gateway.AddAccountAsync("b", i => i with { Priority = 2 });
        a.On(EngineHarness.ChatPath, UpstreamReply.Error(500, "first failure", "server_error"));
        b.On(EngineHarness.ChatPath, UpstreamReply.Error(503, "second failure", "server_error"));

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var message = (await EngineHarness.JsonAsync(response))["error"]!["message"]!.GetValue<string>();
        Assert.Contains("503 second failure", message);
    }

    [Fact]
    public async Task EveryAccountWithTheModelSuspended_Answers503WithoutRetryAfter_NotARateLimitOfTwelveHours()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, a) = await gateway.AddAccountAsync("a");
        a.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "The model gpt-4o is not supported on your plan"));
        Assert.Equal(HttpStatusCode.BadGateway, (await gateway.PostChatAsync()).StatusCode);

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(response.Headers.Contains("Retry-After"));
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal("no_available_account", error["code"]!.GetValue<string>());
        Assert.Contains("reported it unsupported", error["message"]!.GetValue<string>());
        Assert.Equal(1, a.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task NoAccountForTheModel_Answers503InOpenAiShape()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await gateway.AddAccountAsync("mapped", i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "x" } });

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody("claude-9"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no_available_account", (await EngineHarness.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccountSwitches_StopAtMaxAccountSwitches()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:MaxAccountSwitches", "2"));
        var upstreams = new List<ScriptedUpstream>();
        for (var i = 0; i < 5; i++)
        {
            var (_, upstream) = await gateway.AddAccountAsync($"acc{i}", input => input with { Priority = i });
            upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(500, "down", "server_error"));
            upstreams.Add(upstream);
        }

        var response = await gateway.PostChatAsync(requestId: "switch-limit");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3, upstreams.Sum(u => u.CountTo(EngineHarness.ChatPath)));
        Assert.Equal(3, (await gateway.UsageAsync("switch-limit")).Attempts);
    }

    [Fact]
    public async Task EveryAccountBusyBeyondTheSlotWait_Answers429WithRetryAfter()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:AccountSlotWaitTimeout", "00:00:00.300"));
        var (_, upstream) = await gateway.AddAccountAsync("single", i => i with { Concurrency = 1 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("slow") with { HeldUntil = release.Task });

        var first = gateway.PostChatAsync();
        await upstream.ReceivedAsync(EngineHarness.ChatPath, "the first request upstream");

        var waiting = gateway.PostChatAsync();
        await GatewayClock.PassUntilAsync(gateway, TimeSpan.FromMilliseconds(300), waiting);
        var second = await waiting;
        release.SetResult();

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task AClientLeavingWhileWaitingForTheNextAccount_IsLoggedWithoutTheAccountGivenUp()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:AccountSlotWaitTimeout", "00:10:00"));
        var (_, failing) = await gateway.AddAccountAsync("failing", i => i with { Priority = 1, ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "gpt-4o" } });
        var (_, busy) = await gateway.AddAccountAsync("busy", i => i with { Priority = 2, Concurrency = 1 });
        failing.On(EngineHarness.ChatPath, UpstreamReply.Error(500, "down", "server_error"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        busy.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("slow") with { HeldUntil = release.Task });

        // A model only the busy account serves takes its one slot; the next request fails on the other and waits for it.
        var holding = gateway.PostChatAsync(EngineHarness.ChatBody(model: "other-model"));
        await busy.ReceivedAsync(EngineHarness.ChatPath, "the busy account's slot taken");

        // The slot is freed only once the gateway has seen the client leave (its row is written then), or the request
        // would take the slot and be served.
        var usage = await gateway.PostChatAndLeaveAsync("left-while-waiting", failing, "the failed attempt");
        release.SetResult();
        await holding;

        Assert.Equal((499, null), (usage.Status, usage.AccountId));
        Assert.Equal("account_switch", Assert.Single(usage.Trace).Decision);
    }
}
