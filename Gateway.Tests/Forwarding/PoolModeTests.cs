using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 4.1 over real HTTP.</summary>
public sealed class PoolModeTests
{
    [Fact]
    public async Task PoolModeDefaultCodes_Retry429OnTheSameAccountAndChangeNoState()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (pool, upstream, other) = await gateway.AddFailingThenHealthyAsync("pool", i => i with { PoolMode = true });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error"), UpstreamReply.Error(429, "slow down", "rate_limit_error"), UpstreamReply.ChatCompletion("from pool"));

        var response = await gateway.PostChatAsync(requestId: "pool-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from pool", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Equal(0, other.CountTo(EngineHarness.ChatPath));
        var stored = await gateway.AccountAsync(pool.Id);
        Assert.Null(stored.CooldownUntil);
        Assert.Equal(0, stored.ForbiddenStrikes);
        var usage = await gateway.UsageAsync("pool-1");
        Assert.Equal(["same_account_retry", "same_account_retry", "deliver"], usage.Trace.Select(t => t.Decision));
    }

    [Fact]
    public async Task PoolModeDefaultCodes_DoNotRetry503()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream, _) = await gateway.FailOverAsync("pool", UpstreamReply.Error(503, "unavailable", "server_error"), i => i with { PoolMode = true });

        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task PoolModeCustomCodes_Retry503OnTheSameAccountUpToTheRetryCountThenSwitch()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (pool, upstream, _) = await gateway.FailOverAsync("pool", UpstreamReply.Error(503, "unavailable", "server_error"), i => i with { PoolMode = true, PoolModeRetryCount = 2, PoolModeRetryStatusCodes = [503] });

        Assert.Equal(3, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Null((await gateway.AccountAsync(pool.Id)).CooldownUntil);
    }

    [Fact]
    public async Task PoolModeCustomCodes_Replace429WhichThenFailsOverWithoutCooldown()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (pool, upstream, _) = await gateway.FailOverAsync("pool", UpstreamReply.Error(429, "slow down", "rate_limit_error"), i => i with { PoolMode = true, PoolModeRetryStatusCodes = [503] });

        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Null((await gateway.AccountAsync(pool.Id)).CooldownUntil);
    }

    [Fact]
    public async Task PoolModeExplicitEmptyList_NeverRetriesTheSameAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (pool, upstream, _) = await gateway.FailOverAsync("pool", UpstreamReply.Error(403, "forbidden", "forbidden_error"), i => i with { PoolMode = true, PoolModeRetryStatusCodes = [] });

        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
        await gateway.AssertUnpenalisedAsync(pool.Id);
    }

    [Fact]
    public async Task PoolModeRetry_WaitsTheRetryDelayOnTheGatewayClock()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:SameAccountRetryDelay", "00:00:10"));
        var (_, upstream) = await gateway.AddAccountAsync("pool", i => i with { PoolMode = true });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error"), UpstreamReply.ChatCompletion("after the pause"));

        var paused = gateway.Time.OneShotArmed(TimeSpan.FromSeconds(10));
        var answered = gateway.PostChatAsync(requestId: "pause-1");
        await paused.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));

        // A second short of the delay, nothing is due; the last second lets the second try go.
        gateway.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
        gateway.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("after the pause", await (await answered.WaitAsync(TimeSpan.FromSeconds(30))).Content.ReadAsStringAsync());
        Assert.Equal(2, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Equal(10_000, (await gateway.UsageAsync("pause-1")).DurationMs);
    }

    [Fact]
    public async Task PoolModeWaitBetweenRetries_IsCancelledWhenTheClientLeaves()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:SameAccountRetryDelay", "00:00:30"));
        var (pool, upstream) = await gateway.AddAccountAsync("pool", i => i with { PoolMode = true });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error"));

        var usage = await gateway.PostChatAndLeaveAsync("leave-1", upstream, "the first request upstream");

        Assert.Equal(499, usage.Status);
        Assert.Equal(0, usage.DurationMs);
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Equal(0, gateway.Service<AccountPool>().Find(pool.Id)!.InFlight);
    }
}
