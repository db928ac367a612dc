using System.Net;
using static Gateway.Tests.Fakes.DoomedAnswers;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// SPEC 3 and 4.6 over real HTTP: an upstream that answers 200, sends handshake events and then fails before any content
/// is handled like an HTTP failure, and not one byte of its attempt reaches the client.
/// </summary>
public sealed class GateFailoverTests
{
    [Fact]
    public async Task ResponsesHandshakeThenCapacityFailure_FailsOverAndCoolsTheAccountAsOverloaded()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesFailed(4, "server_is_overloaded", "doomed: the model is at capacity")]));

        var response = await pair.PostResponsesStreamAsync("capacity-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ResponsesDeltas(body)));
        Assert.Equal("response.created", SseText.EventTypes(body).First());
        Assert.Equal("response.completed", SseText.EventTypes(body).Last());
        pair.AssertEachUpstreamReceivedOneStreamRequest(EngineHarness.ResponsesPath);
        await pair.AssertCooldownAsync("529 overloaded", TimeSpan.FromMinutes(10));
        var usage = await pair.Gateway.UsageAsync("capacity-1");
        Assert.Equal([(200, "overloaded", "account_switch"), (200, null, "deliver")], usage.Trace.Select(t => (t.Status, t.FailureClass, t.Decision)));
        Assert.Equal((200, pair.Healthy.Id), (usage.Status, usage.AccountId));
    }

    [Fact]
    public async Task ChatRoleChunkThenErrorChunk_FailsOverAndCoolsTheAccountAsA5xx()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, Stream([ChatRole(), ChatError("doomed: something broke upstream", "server_error", null)]));

        var response = await pair.PostChatStreamAsync("chat-error-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ChatDeltas(body)));
        Assert.Equal("chatcmpl-test", SseText.Payloads(body)[0]["id"]!.GetValue<string>());
        Assert.Single(SseText.Payloads(body), p => p["choices"]?[0]?["delta"]?["role"] is not null);
        Assert.EndsWith("data: [DONE]\n\n", body);
        await pair.AssertFailedOverAsync(EngineHarness.ChatPath, "chat-error-1", "server_error", "5xx upstream error", TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandshakeThenDataThatIsNoJson_FailsOverWithoutReachingTheClient(bool responses)
    {
        await using var pair = await GatePair.StartAsync();
        var path = responses ? EngineHarness.ResponsesPath : EngineHarness.ChatPath;
        pair.DoomedUpstream.On(path, responses
            ? Stream(ResponsesHandshake(), [SseStep.Event("response.output_text.delta", $"{Marker} cut")])
            : Stream([ChatRole(), SseStep.Data($"{Marker} <html>502 Bad Gateway</html>")]));

        var response = responses ? await pair.PostResponsesStreamAsync("not-json") : await pair.PostChatStreamAsync("not-json");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(responses ? SseText.ResponsesDeltas(body) : SseText.ChatDeltas(body)));
        await pair.AssertFailedOverAsync(path, "not-json", "broken_answer", "transient upstream failure (broken_answer)", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task HandshakeThenEndOfStream_FailsOverAsATransientFailure()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake()));

        var response = await pair.PostResponsesStreamAsync("eof-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ResponsesDeltas(body)));
        await pair.AssertFailedOverAsync(EngineHarness.ResponsesPath, "eof-1", "broken_answer", "transient upstream failure (broken_answer)", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task HandshakeThenSilence_FailsOverWhenTheIdleTimeoutPasses()
    {
        await using var pair = await GatePair.StartAsync(settings: ("Gateway:UpstreamIdleTimeout", "00:10:00"));
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake()) with { HoldOpenAfterSending = TimeSpan.FromMinutes(2) });

        var pending = pair.PostResponsesStreamAsync("idle-1");
        var silent = await Eventually.ReturnsAsync(() => Task.FromResult(pair.DoomedUpstream.RequestsTo(EngineHarness.ResponsesPath).FirstOrDefault()), "the doomed request");
        await silent.Sent;
        await GatewayClock.PassUntilAsync(pair.Gateway, TimeSpan.FromMinutes(11), silent.Aborted);

        var body = await (await pending).Content.ReadAsStringAsync();
        Assert.True(await silent.Aborted);
        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ResponsesDeltas(body)));
        pair.AssertEachUpstreamReceivedOneStreamRequest(EngineHarness.ResponsesPath);
        var (stored, _) = await pair.DoomedStateAsync();
        Assert.Equal("transient upstream failure (timeout)", stored.CooldownReason);
        Assert.Equal("timeout", (await pair.Gateway.UsageAsync("idle-1")).Trace[0].FailureClass);
    }

    [Fact]
    public async Task ContextLengthExceededInResponseFailed_GoesToTheClientAtOnceWithoutFailoverOrPenalty()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesFailed(4, "context_length_exceeded", "Your input exceeds the context window of this model.")]));

        var response = await pair.PostResponsesStreamAsync("context-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal(("context_length_exceeded", "invalid_request_error"), (error["code"]!.GetValue<string>(), error["type"]!.GetValue<string>()));
        Assert.Equal("Your input exceeds the context window of this model.", error["message"]!.GetValue<string>());
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ResponsesPath);
        var usage = await pair.Gateway.UsageAsync("context-1");
        Assert.Equal([(200, "request_error", "stop")], usage.Trace.Select(t => (t.Status, t.FailureClass, t.Decision)));
        Assert.Equal(400, usage.Status);
    }

    [Fact]
    public async Task RateLimitErrorEvent_FollowsThe429RuleWithTheResetItNames()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesError(4, "rate_limit_exceeded", "doomed: Rate limit reached for gpt-4o. Please try again in 20s.")]));

        var body = await (await pair.PostResponsesStreamAsync("rate-1")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ResponsesDeltas(body)));
        await pair.AssertFailedOverAsync(EngineHarness.ResponsesPath, "rate-1", "rate_limited", "429 rate limited", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task InsufficientQuotaInAChatErrorChunk_CoolsTheAccountForTenMinutes()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, Stream([ChatRole(), ChatError("doomed: You exceeded your current quota", "insufficient_quota", "insufficient_quota")]));

        var body = await (await pair.PostChatStreamAsync("quota-1")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ChatDeltas(body)));
        await pair.AssertCooldownAsync("quota exhausted", TimeSpan.FromMinutes(10));
        Assert.Equal("quota_exceeded", (await pair.Gateway.UsageAsync("quota-1")).Trace[0].FailureClass);
    }

    [Fact]
    public async Task ResponsesBodyWithStatusFailed_FailsOverWithoutReachingTheClient()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, UpstreamReply.Json("""{"id":"resp_doomed","object":"response","status":"failed","output":[],"error":{"code":"server_error","message":"doomed: failed"}}"""));
        pair.HealthyUpstream.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesAnswer(GatePair.HealthyText));

        var response = await pair.Gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi"}""", "failed-body-1");

        var answer = await EngineHarness.JsonAsync(response);
        Assert.DoesNotContain(Marker, answer.ToJsonString());
        Assert.Equal(GatePair.HealthyText, answer["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("server_error", (await pair.Gateway.UsageAsync("failed-body-1")).Trace[0].FailureClass);
    }

    [Fact]
    public async Task ChatBodyHoldingAnErrorObject_IsClassifiedLikeTheHttpFailureItNames()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, UpstreamReply.Json("""{"error":{"message":"doomed: overloaded","type":"overloaded_error"}}"""));
        pair.HealthyUpstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion(GatePair.HealthyText));

        var response = await pair.Gateway.PostChatAsync(requestId: "error-body-1");

        var answer = await EngineHarness.JsonAsync(response);
        Assert.DoesNotContain(Marker, answer.ToJsonString());
        Assert.Equal(GatePair.HealthyText, answer["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        await pair.AssertCooldownAsync("529 overloaded", TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task ClientLeavingWhileTheGateHolds_CancelsTheUpstreamAndBlamesNobody()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake()) with { HoldOpenAfterSending = TimeSpan.FromMinutes(2) });
        using var leave = new CancellationTokenSource();

        var pending = pair.Gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi","stream":true}""", "leave-1", ct: leave.Token);
        var held = await Eventually.ReturnsAsync(() => Task.FromResult(pair.DoomedUpstream.RequestsTo(EngineHarness.ResponsesPath).FirstOrDefault()), "the held request");
        await held.Sent;
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.True(await held.Aborted.WaitAsync(TimeSpan.FromSeconds(10)));
        var usage = await pair.Gateway.UsageAsync("leave-1");
        Assert.Equal((499, "client closed the request"), (usage.Status, usage.Error));
        var (stored, _) = await pair.DoomedStateAsync();
        Assert.Equal((null, AccountStatus.Active), (stored.CooldownUntil, stored.Status));
        Assert.Equal(0, pair.HealthyUpstream.CountTo(EngineHarness.ResponsesPath));
    }
}
