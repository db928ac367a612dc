using static Gateway.Tests.Fakes.DoomedAnswers;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 3 over real HTTP: what commits the gate, what it replays, and that nothing is retried after it.</summary>
public sealed class GateCommitTests
{
    [Fact]
    public async Task HeldHandshakeEvents_AreReplayedUnchangedAndInOrderBeforeTheFirstContent()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        var reply = UpstreamReply.ResponsesStream(["Hel", "lo"]);
        upstream.On(EngineHarness.ResponsesPath, reply);

        var body = await (await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi","stream":true}""")).Content.ReadAsStringAsync();

        Assert.Equal(string.Concat(reply.Events!.Select(e => e.Raw)), body);
    }

    [Fact]
    public async Task FailureAfterContent_EndsTheResponsesStreamWithTheUpstreamsFailedEventAndIsNotRetried()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesDelta(4, "partial"), ResponsesFailed(5, "server_is_overloaded", "The model is at capacity.")]));

        var body = await (await pair.PostResponsesStreamAsync("after-content-1")).Content.ReadAsStringAsync();

        Assert.Equal("partial", string.Concat(SseText.ResponsesDeltas(body)));
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.failed"],
            SseText.EventTypes(body));
        Assert.Equal("The model is at capacity.", SseText.Payloads(body)[^1]["response"]!["error"]!["message"]!.GetValue<string>());
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ResponsesPath);
        var usage = await pair.Gateway.UsageAsync("after-content-1");
        Assert.Equal([("overloaded", "deliver")], usage.Trace.Select(t => (t.FailureClass, t.Decision)));
        Assert.Equal((200, "The model is at capacity."), (usage.Status, usage.Error));
    }

    [Fact]
    public async Task FailureAfterContent_EndsTheChatStreamWithTheErrorChunkAndNoDone()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, Stream([ChatRole(), ChatText("partial"), ChatError("upstream broke", "server_error", "internal")]));

        var body = await (await pair.PostChatStreamAsync("after-content-2")).Content.ReadAsStringAsync();

        GatePair.AssertChatStreamCutByError(body, "partial", "upstream broke");
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ChatPath);
    }

    [Fact]
    public async Task AFailureReportedAfterContent_IsTheStreamsLastWord_NothingAfterItIsRelayedOrWaitedFor()
    {
        await using var pair = await GatePair.StartAsync();
        var reply = Stream([ChatRole(), ChatText("partial"), ChatError("upstream broke", "server_error", "internal"), ChatText(" and more")]) with
        {
            HoldOpenAfterSending = TimeSpan.FromMinutes(2),
        };
        pair.DoomedUpstream.On(EngineHarness.ChatPath, reply);

        var body = await (await pair.PostChatStreamAsync("after-content-held")).Content.ReadAsStringAsync();

        GatePair.AssertChatStreamCutByError(body, "partial", "upstream broke");
        Assert.True(await pair.DoomedUpstream.RequestsTo(EngineHarness.ChatPath).Single().Aborted);
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ChatPath);
    }

    [Fact]
    public async Task AnUpstreamHoldingItsConnectionAfterResponseCompleted_IsLeft_AndTheClientsStreamEndsCleanly()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        var reply = UpstreamReply.ResponsesStream(["Hel", "lo"]) with { HoldOpenAfterSending = TimeSpan.FromMinutes(2) };
        upstream.On(EngineHarness.ResponsesPath, reply);

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi","stream":true}""", requestId: "held-after-end");
        var body = await response.Content.ReadAsStringAsync();

        // Nothing follows the terminal event: the gateway hangs up instead of waiting for more (or for a reset to report).
        Assert.True(await upstream.RequestsTo(EngineHarness.ResponsesPath).Single().Aborted);
        Assert.Equal(string.Concat(reply.Events!.Select(e => e.Raw)), body);
        var usage = await gateway.UsageAsync("held-after-end");
        Assert.Equal((200, null, null), (usage.Status, usage.Error, usage.Trace.Single().FailureClass));
    }

    [Fact]
    public async Task StreamEndingAfterContentWithoutItsTerminalEvent_EndsWithAnErrorEvent()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesDelta(4, "partial")]));

        var body = await (await pair.PostResponsesStreamAsync("truncated-1")).Content.ReadAsStringAsync();

        var last = SseText.Payloads(body)[^1];
        Assert.Equal(("error", 5), (last["type"]!.GetValue<string>(), last["sequence_number"]!.GetValue<int>()));
        Assert.Equal(0, pair.HealthyUpstream.CountTo(EngineHarness.ResponsesPath));
        Assert.Equal("broken_answer", (await pair.Gateway.UsageAsync("truncated-1")).Trace[0].FailureClass);
    }

    [Fact]
    public async Task BreakInTheSameReadAsTheFirstContent_EndsWithAnErrorEventNumberedAfterEveryEventBeforeIt()
    {
        await using var pair = await GatePair.StartAsync(settings: ("Gateway:UpstreamSseMaxLineBytes", "1024"));
        var events = Stream(ResponsesHandshake(), [ResponsesDelta(4, "partial"), SseStep.Data(new string('x', 2048))]).Events!;

        // One write: the line past its limit is read with the events before it, before any of them is flushed.
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, new UpstreamReply
        {
            RawBody = Encoding.UTF8.GetBytes(string.Concat(events.Select(e => e.Raw))),
            ContentType = "text/event-stream",
        });

        var body = await (await pair.PostResponsesStreamAsync("same-read-1")).Content.ReadAsStringAsync();

        Assert.Equal("partial", string.Concat(SseText.ResponsesDeltas(body)));
        Assert.Equal("error", SseText.Payloads(body)[^1]["type"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(0, 6), SseText.Payloads(body).Select(p => p["sequence_number"]!.GetValue<int>()));
        Assert.Equal(0, pair.HealthyUpstream.CountTo(EngineHarness.ResponsesPath));
    }

    [Fact]
    public async Task HandshakePastTheHeldBytesBound_CommitsAndLaterFailuresAreNotRetried()
    {
        await using var pair = await GatePair.StartAsync(settings: ("Gateway:FirstChunkGateMaxHeldBytes", "1024"));
        var padding = new string('x', 300);
        var handshake = Enumerable.Range(0, 6).Select(i => SseStep.Event("response.in_progress", new JsonObject
        {
            ["type"] = "response.in_progress",
            ["sequence_number"] = i,
            ["response"] = new JsonObject { ["id"] = ResponseId, ["status"] = "in_progress", ["metadata"] = new JsonObject { ["padding"] = padding } },
        }.ToJsonString()));
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(handshake, [ResponsesFailed(6, "server_is_overloaded", "at capacity")]));

        var body = await (await pair.PostResponsesStreamAsync("bound-1")).Content.ReadAsStringAsync();

        Assert.Equal([.. Enumerable.Repeat("response.in_progress", 6), "response.failed"], SseText.EventTypes(body));
        Assert.Equal(Enumerable.Range(0, 7), SseText.Payloads(body).Select(p => p["sequence_number"]!.GetValue<int>()));
        await pair.AssertNotRetriedAndUnpenalisedAsync(EngineHarness.ResponsesPath);
        Assert.Equal(["deliver"], (await pair.Gateway.UsageAsync("bound-1")).Trace.Select(t => t.Decision));
    }

    [Fact]
    public async Task AResponsesHandshakeRepeatingALargeRequest_IsHeldPastTheBound_SoAFailureAfterItStillFailsOver()
    {
        await using var pair = await GatePair.StartAsync();
        var tools = new JsonArray([.. Enumerable.Range(0, 300).Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "function",
            ["name"] = $"tool_{i}",
            ["description"] = new string('d', 250),
            ["parameters"] = new JsonObject { ["type"] = "object" },
        })]);
        var request = new JsonObject { ["model"] = "gpt-4o", ["input"] = "hi", ["stream"] = true, ["tools"] = tools }.ToJsonString();
        var echo = new[] { "response.created", "response.in_progress" }.Select((type, i) => SseStep.Event(type, new JsonObject
        {
            ["type"] = type,
            ["sequence_number"] = i,
            ["response"] = new JsonObject { ["id"] = ResponseId, ["status"] = "in_progress", ["tools"] = tools.DeepClone() },
        }.ToJsonString()));
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(echo, [ResponsesFailed(2, "server_is_overloaded", "doomed: at capacity")]));

        var body = await (await pair.Gateway.PostAsync(EngineHarness.ResponsesPath, request, "echo-1")).Content.ReadAsStringAsync();

        Assert.True(request.Length > 64 * 1024, "each echo alone passes the default bound");
        Assert.DoesNotContain(Marker, body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ResponsesDeltas(body)));
        await pair.AssertFailedOverAsync(EngineHarness.ResponsesPath, "echo-1", "overloaded", "529 overloaded", TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task TerminalSuccessWithoutContent_CommitsTheGate()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, Stream([ChatRole(), SseStep.Data("[DONE]")]));

        var body = await (await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), "empty-1")).Content.ReadAsStringAsync();

        Assert.Equal("assistant", SseText.Payloads(body).Single()["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.EndsWith("data: [DONE]\n\n", body);
        var usage = await gateway.UsageAsync("empty-1");
        Assert.Equal((200, account.Id), (usage.Status, usage.AccountId));
        Assert.Equal(AccountStatus.Active, (await gateway.AccountAsync(account.Id)).Status);
    }
}
