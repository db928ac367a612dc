namespace Gateway.Tests.Forwarding;

/// <summary>
/// The setup of the first-chunk gate tests: a gateway, the account under test at priority 1 (its upstream scripted by the
/// test, usually to begin an answer and fail), and a healthy account behind it that answers "healthy answer".
/// </summary>
internal sealed record GatePair(EngineHarness Gateway, Account Doomed, ScriptedUpstream DoomedUpstream, Account Healthy, ScriptedUpstream HealthyUpstream) : IAsyncDisposable
{
    public const string HealthyText = "healthy answer";

    /// <param name="mode">Both accounts' endpoint mode: <c>both</c> mirrors the client, <c>responses</c> converts a Chat client.</param>
    public static async Task<GatePair> StartAsync(EndpointMode mode = EndpointMode.Both, params (string Key, string Value)[] settings)
    {
        var gateway = await EngineHarness.StartAsync(settings);
        var (doomed, doomedUpstream) = await gateway.AddAccountAsync("doomed", i => i with { Priority = 1, EndpointMode = mode });
        var (healthy, healthyUpstream) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2, EndpointMode = mode });
        healthyUpstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["healthy ", "answer"]));
        healthyUpstream.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesStream(["healthy ", "answer"]));
        return new GatePair(gateway, doomed, doomedUpstream, healthy, healthyUpstream);
    }

    public Task<HttpResponseMessage> PostChatStreamAsync(string requestId) =>
        Gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), requestId);

    public Task<HttpResponseMessage> PostResponsesStreamAsync(string requestId) =>
        Gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi","stream":true}""", requestId);

    /// <summary>The stored account under test, and how long its cooldown has left.</summary>
    public async Task<(Account Stored, TimeSpan? CooldownLeft)> DoomedStateAsync()
    {
        var stored = await Gateway.AccountAsync(Doomed.Id);
        return (stored, stored.CooldownUntil - Gateway.Time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The one request each upstream received on <paramref name="path"/>: a stream of the client's model.</summary>
    public void AssertEachUpstreamReceivedOneStreamRequest(string path, int healthyRequests = 1)
    {
        var sent = Assert.Single(DoomedUpstream.RequestsTo(path));
        Assert.Contains("\"stream\":true", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"gpt-4o\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer sk-upstream-doomed", sent.Headers["Authorization"]);
        Assert.Equal(healthyRequests, HealthyUpstream.CountTo(path));
    }

    /// <summary>The account under test cools down for exactly <paramref name="length"/> on the gateway's clock, with <paramref name="reason"/>.</summary>
    public async Task AssertCooldownAsync(string reason, TimeSpan length)
    {
        var (stored, left) = await DoomedStateAsync();
        Assert.Equal(reason, stored.CooldownReason);
        Assert.Equal(length, left);
    }

    /// <summary>
    /// The attempt failed over once: each upstream received one stream request on <paramref name="path"/>, the account under
    /// test cools down for <paramref name="length"/> with <paramref name="reason"/>, and the request's first attempt is
    /// traced as <paramref name="failureClass"/>.
    /// </summary>
    public async Task AssertFailedOverAsync(string path, string requestId, string failureClass, string reason, TimeSpan length)
    {
        AssertEachUpstreamReceivedOneStreamRequest(path);
        await AssertCooldownAsync(reason, length);
        Assert.Equal(failureClass, (await Gateway.UsageAsync(requestId)).Trace[0].FailureClass);
    }

    /// <summary>The attempt was neither retried nor failed over, and the account under test kept its state.</summary>
    public async Task AssertNotRetriedAndUnpenalisedAsync(string path)
    {
        AssertEachUpstreamReceivedOneStreamRequest(path, healthyRequests: 0);
        await Gateway.AssertUnpenalisedAsync(Doomed.Id);
    }

    /// <summary>A Chat stream that carried <paramref name="text"/> and was then ended by an error chunk, without <c>[DONE]</c>.</summary>
    public static void AssertChatStreamCutByError(string body, string text, string error)
    {
        Assert.Equal(text, string.Concat(SseText.ChatDeltas(body)));
        Assert.Equal(error, SseText.Payloads(body)[^1]["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain("[DONE]", body);
    }

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
