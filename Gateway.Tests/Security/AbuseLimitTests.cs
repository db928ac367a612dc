using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "one key can starve a group": default per-key limits checked before the body is read, and the gateway's own
/// caps on requests and request bytes in flight.
/// </summary>
public sealed class AbuseLimitTests
{
    [Fact]
    public async Task KeyAtItsDefaultConcurrency_IsRefused429BeforeItsBodyIsRead()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:DefaultKeyConcurrencyLimit", "1"));
        using var holding = new CancellationTokenSource();
        var (_, first) = await HoldOneRequestUpstreamAsync(gateway, null, holding.Token);

        // Headers announcing 10 MB and the first bytes of the body, then nothing: only an answer given before the body is
        // read can arrive.
        var (status, answer) = await gateway.RawChatPostAsync("Content-Length: 10000000\r\n", """{"model":"gpt-4o","messages":[""").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(429, status);
        Assert.Contains("key_rate_limit", answer);
        await holding.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public async Task KeyPastItsDefaultRequestsPerMinute_IsRefused429()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:DefaultKeyRequestsPerMinute", "2"));
        var (_, upstream) = await gateway.AddAccountAsync("any");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hi"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await gateway.PostChatAsync()).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ZeroDefaults_LeaveKeysUnlimited()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:DefaultKeyRequestsPerMinute", "0"), ("Gateway:DefaultKeyConcurrencyLimit", "0"));
        var (_, upstream) = await gateway.AddAccountAsync("any", i => i with { Concurrency = 20 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hi"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.PostChatAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task GatewayAtItsInFlightRequestCap_Answers503()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:MaxInFlightRequests", "1"));
        using var holding = new CancellationTokenSource();
        var (_, first) = await HoldOneRequestUpstreamAsync(gateway, null, holding.Token);

        var second = await gateway.PostChatAsync(requestId: "over-capacity");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("gateway_busy", (await EngineHarness.JsonAsync(second))["error"]!["code"]!.GetValue<string>());
        Assert.Equal(503, (await gateway.UsageAsync("over-capacity")).Status);
        await holding.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public async Task GatewayHoldingItsInFlightBodyBytes_Answers503ToAnotherLargeBody()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:MaxInFlightRequestBodyBytes", "1000000"));
        var large = EngineHarness.ChatBody(content: new string('x', 600_000));
        using var holding = new CancellationTokenSource();
        var (upstream, first) = await HoldOneRequestUpstreamAsync(gateway, large, holding.Token);

        var second = await gateway.PostChatAsync(large);
        var small = gateway.PostChatAsync(EngineHarness.ChatBody(), ct: holding.Token);
        await Eventually.TrueAsync(() => Task.FromResult(upstream.CountTo(EngineHarness.ChatPath) == 2), "the small request upstream");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        await holding.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(first, small));
    }

    [Fact]
    public async Task SlowUploadsAnnouncingLargeBodies_HoldOnlyTheRoomTheirBytesTake_SoOtherRequestsStillGetIn()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:MaxInFlightRequestBodyBytes", "3000000"));
        var (_, upstream) = await gateway.AddAccountAsync("any");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hi"));
        var capacity = gateway.Service<RequestCapacity>();
        var slow = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var tcp = new TcpClient();
                slow.Add(tcp);
                await tcp.ConnectAsync(gateway.Address.Host, gateway.Address.Port);
                await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST {EngineHarness.ChatPath} HTTP/1.1\r\nHost: {gateway.Address.Authority}\r\nAuthorization: Bearer {gateway.Key}\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{\"model\""));
            }

            // Each holds the 1 MiB read ahead of its first bytes, not the 20 MB it announced.
            await Eventually.TrueAsync(() => Task.FromResult((capacity.InFlightRequests, capacity.InFlightBodyBytes) == (2, 2 * 1024 * 1024)), "both slow uploads admitted");

            var response = await gateway.PostChatAsync(EngineHarness.ChatBody(content: new string('x', 600_000)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            slow.ForEach(tcp => tcp.Dispose());
        }
    }

    /// <summary>A slow account, and one request (<paramref name="body"/>, else a small one) held upstream until <paramref name="holding"/> is cancelled.</summary>
    private static async Task<(ScriptedUpstream Upstream, Task<HttpResponseMessage> Held)> HoldOneRequestUpstreamAsync(EngineHarness gateway, string? body, CancellationToken holding)
    {
        var (_, upstream) = await gateway.AddAccountAsync("slow");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("late") with { Delay = TimeSpan.FromSeconds(30) });
        var held = gateway.PostChatAsync(body, ct: holding);
        await Eventually.TrueAsync(() => Task.FromResult(upstream.CountTo(EngineHarness.ChatPath) == 1), "the first request upstream");
        return (upstream, held);
    }
}
