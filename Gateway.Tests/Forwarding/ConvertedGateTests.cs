using System.Net;
using static Gateway.Tests.Fakes.DoomedAnswers;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// The first-chunk gate on converted streams (SPEC 3, 4.6): a Chat client served by Responses upstreams, and a Responses
/// client served by Chat upstreams. Held events are converted only when the attempt commits, so a failed attempt leaves
/// nothing in the client's protocol either.
/// </summary>
public sealed class ConvertedGateTests
{
    [Fact]
    public async Task ChatClient_ResponsesHandshakeThenCapacityFailure_FailsOverAndTheClientSeesOnlyTheHealthyAnswer()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses);
        await ChatClientGetsOnlyTheHealthyAnswerAsync(pair, Stream(ResponsesHandshake(), [ResponsesFailed(4, "server_is_overloaded", "doomed: at capacity")]), "converted-capacity");

        await pair.AssertFailedOverAsync(EngineHarness.ResponsesPath, "converted-capacity", "overloaded", "529 overloaded", TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task ChatClient_ResponsesHandshakeThenEndOfStream_FailsOver()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses);
        await ChatClientGetsOnlyTheHealthyAnswerAsync(pair, Stream(ResponsesHandshake()), "converted-eof");

        await pair.AssertFailedOverAsync(EngineHarness.ResponsesPath, "converted-eof", "broken_answer", "transient upstream failure (broken_answer)", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ChatClient_ResponsesHandshakeThenSilence_FailsOverWhenTheIdleTimeoutPasses()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses, ("Gateway:UpstreamIdleTimeout", "00:10:00"));
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake()) with { HoldOpenAfterSending = TimeSpan.FromMinutes(2) });

        var pending = pair.PostChatStreamAsync("converted-idle");
        var silent = await Eventually.ReturnsAsync(() => Task.FromResult(pair.DoomedUpstream.RequestsTo(EngineHarness.ResponsesPath).FirstOrDefault()), "the doomed request");
        await silent.Sent;
        await GatewayClock.PassUntilAsync(pair.Gateway, TimeSpan.FromMinutes(11), silent.Aborted);

        AssertHealthyChatStream(await (await pending).Content.ReadAsStringAsync());
        Assert.Equal("timeout", (await pair.Gateway.UsageAsync("converted-idle")).Trace[0].FailureClass);
    }

    [Fact]
    public async Task ChatClient_ContextLengthExceeded_GetsTheErrorInChatShapeWithoutFailoverOrPenalty()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses);
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesFailed(4, "context_length_exceeded", "Your input exceeds the context window of this model.")]));

        var response = await pair.PostChatStreamAsync("converted-context");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ResponsesPath);
        Assert.Equal(["stop"], (await pair.Gateway.UsageAsync("converted-context")).Trace.Select(t => t.Decision));
    }

    [Fact]
    public async Task ChatClient_RateLimitErrorEvent_FollowsThe429Rule()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses);
        await ChatClientGetsOnlyTheHealthyAnswerAsync(pair, Stream(ResponsesHandshake(), [ResponsesError(4, "rate_limit_exceeded", "doomed: slow down. Please try again in 30s.")]), "converted-rate");

        await pair.AssertCooldownAsync("429 rate limited", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ChatClient_FailureAfterContent_EndsWithAChatErrorChunkAndIsNotRetried()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses);
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesDelta(4, "partial"), ResponsesFailed(5, "server_error", "upstream broke")]));

        var body = await (await pair.PostChatStreamAsync("converted-after")).Content.ReadAsStringAsync();

        GatePair.AssertChatStreamCutByError(body, "partial", "upstream broke");
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ResponsesPath);
    }

    [Fact]
    public async Task ChatClient_HandshakePastTheHeldBytesBound_CommitsWithTheConvertedRoleChunk()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Responses, ("Gateway:FirstChunkGateMaxHeldBytes", "200"));
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesFailed(4, "server_is_overloaded", "at capacity")]));

        var body = await (await pair.PostChatStreamAsync("converted-bound")).Content.ReadAsStringAsync();

        var payloads = SseText.Payloads(body);
        Assert.Equal("assistant", payloads[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("at capacity", payloads[^1]["error"]!["message"]!.GetValue<string>());
        Assert.Equal(0, pair.HealthyUpstream.CountTo(EngineHarness.ResponsesPath));
    }

    [Fact]
    public async Task ResponsesClient_ChatRoleChunkThenErrorChunk_FailsOverWithoutOneConvertedEventOfIt()
    {
        await using var pair = await GatePair.StartAsync(EndpointMode.Chat);
        pair.DoomedUpstream.On(EngineHarness.ChatPath, Stream([ChatRole(), ChatError("doomed: overloaded", "overloaded_error", null)]));

        var body = await (await pair.PostResponsesStreamAsync("converted-reverse")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ResponsesDeltas(body)));
        var payloads = SseText.Payloads(body);
        Assert.Equal(("response.created", 0), (payloads[0]["type"]!.GetValue<string>(), payloads[0]["sequence_number"]!.GetValue<int>()));
        Assert.Single(payloads, p => p["type"]!.GetValue<string>() == "response.created");
        Assert.Equal("response.completed", payloads[^1]["type"]!.GetValue<string>());
        await pair.AssertFailedOverAsync(EngineHarness.ChatPath, "converted-reverse", "overloaded", "529 overloaded", TimeSpan.FromMinutes(10));
    }

    /// <summary>The healthy upstream's Responses stream, converted: one role chunk first, its text, a finish reason, [DONE].</summary>
    /// <summary>The doomed Responses upstream answers <paramref name="doomed"/>; a Chat client's stream is the healthy account's answer alone.</summary>
    private static async Task ChatClientGetsOnlyTheHealthyAnswerAsync(GatePair pair, UpstreamReply doomed, string requestId)
    {
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, doomed);
        AssertHealthyChatStream(await (await pair.PostChatStreamAsync(requestId)).Content.ReadAsStringAsync());
    }

    private static void AssertHealthyChatStream(string body)
    {
        Assert.DoesNotContain(Marker, body);
        var payloads = SseText.Payloads(body);
        Assert.All(payloads, p => Assert.Equal("chatcmpl-test", p["id"]!.GetValue<string>()));
        Assert.Equal("assistant", payloads[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Single(payloads, p => p["choices"]?[0]?["delta"]?["role"] is not null);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ChatDeltas(body)));
        Assert.Equal("stop", payloads[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.EndsWith("data: [DONE]\n\n", body);
    }
}
