using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 3: the first-chunk gate, streaming relay, mid-stream failure and client aborts over real HTTP.</summary>
public sealed class FirstChunkGateTests
{
    [Fact]
    public async Task StreamWhoseFirstEventIsAnError_FailsOverAndNoByteOfItReachesTheClient()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, UpstreamReply.Sse("""{"error":{"message":"failed-attempt-marker","type":"server_error"}}"""));

        var response = await pair.PostChatStreamAsync("gate-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("failed-attempt-marker", body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ChatDeltas(body)));
        Assert.EndsWith("data: [DONE]\n\n", body);
        var usage = await pair.Gateway.UsageAsync("gate-1");
        Assert.Equal(["account_switch", "deliver"], usage.Trace.Select(t => t.Decision));
        Assert.Equal("server_error", usage.Trace[0].FailureClass);
    }

    [Fact]
    public async Task StreamAnswered5xxBeforeAnyEvent_FailsOverBeforeCommit()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, UpstreamReply.Error(500, "failed-attempt-marker", "server_error"));

        var body = await (await pair.PostChatStreamAsync("gate-5xx")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("failed-attempt-marker", body);
        Assert.Equal(GatePair.HealthyText, string.Concat(SseText.ChatDeltas(body)));
    }

    [Fact]
    public async Task MidStreamFailureAfterCommit_EndsTheStreamWithAnErrorEventAndIsNotRetried()
    {
        await using var pair = await GatePair.StartAsync();
        var events = UpstreamReply.ChatStreamEvents(["partial"]).Take(2).Select(SseStep.Data).ToList();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, new UpstreamReply { Events = events, AbortAfterSending = true });

        var response = await pair.PostChatStreamAsync("mid-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("partial", string.Concat(SseText.ChatDeltas(body)));
        var last = SseText.DataLines(body).Last();
        Assert.Equal("upstream_stream_interrupted", JsonNode.Parse(last)!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(0, pair.HealthyUpstream.CountTo(EngineHarness.ChatPath));
        var usage = await pair.Gateway.UsageAsync("mid-1");
        Assert.Equal(200, usage.Status);
        Assert.NotNull(usage.Error);
        Assert.Null((await pair.DoomedStateAsync()).Stored.CooldownUntil);
    }

    [Fact]
    public async Task MidStreamFailureOnResponses_EndsWithAnErrorEventOfTheResponsesProtocol()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ResponsesPath, new UpstreamReply
        {
            Events =
            [
                SseStep.Event("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress"}}"""),
                SseStep.Event("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":1,"delta":"Hi"}"""),
            ],
            AbortAfterSending = true,
        });

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi","stream":true}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("event: error\n", body);
        var error = JsonNode.Parse(SseText.DataLines(body).Last())!;
        Assert.Equal(("error", 2), (error["type"]!.GetValue<string>(), error["sequence_number"]!.GetValue<int>()));
        Assert.NotNull(error["message"]);
    }

    [Fact]
    public async Task EventsThatArriveTogether_ReachTheClientAtOnce_NoneWaitingForAnEventStillOnItsWay()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        var arrivedTogether = DoomedAnswers.ChatText("first").Raw + DoomedAnswers.ChatText("second").Raw + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"thi";
        upstream.On(EngineHarness.ChatPath, new UpstreamReply { Events = [new SseStep(arrivedTogether)], HoldOpenAfterSending = TimeSpan.FromSeconds(30) });

        using var response = await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), completion: HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var received = "";
        var buffer = new byte[4096];
        while (received.Split("\n\n").Length < 3)
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(read > 0);
            received += Encoding.UTF8.GetString(buffer, 0, read);
        }

        Assert.Equal(["first", "second"], SseText.ChatDeltas(received));
        Assert.DoesNotContain("thi", received);
    }

    [Fact]
    public async Task ClientAbort_CancelsTheUpstreamAtOnceAndLeavesTheAccountUnpenalised()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountAsync("slow");
        upstream.On(EngineHarness.ChatPath, new UpstreamReply { Events = [SseStep.Data("""{"choices":[{"index":0,"delta":{"content":"first"}}]}""")], HoldOpenAfterSending = TimeSpan.FromSeconds(30) });

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), requestId: "abort-1", completion: HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[256];
        Assert.True(await stream.ReadAsync(buffer) > 0);
        response.Dispose();

        var received = Assert.Single(upstream.RequestsTo(EngineHarness.ChatPath));
        var aborted = await received.Aborted.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(aborted);
        var usage = await gateway.UsageAsync("abort-1");
        Assert.Equal(499, usage.Status);
        await gateway.AssertUnpenalisedAsync(account.Id);
        Assert.Equal(0, gateway.Service<AccountPool>().Find(account.Id)!.InFlight);
    }

    [Fact]
    public async Task ChatStream_AsksUpstreamForUsageButDoesNotForwardTheUsageChunkUnasked()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["x"], promptTokens: 21, completionTokens: 34));

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), requestId: "usage-stream-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"usage\"", body);
        var sent = JsonNode.Parse(upstream.RequestsTo(EngineHarness.ChatPath).Single().Body)!;
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
        var usage = await gateway.UsageAsync("usage-stream-1");
        Assert.Equal((21, 34), (usage.InputTokens, usage.OutputTokens));
        Assert.NotNull(usage.FirstTokenMs);
    }

    [Fact]
    public async Task ChatStream_ForwardsTheUsageChunkWhenTheClientAskedForIt()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["x"]));
        var request = JsonNode.Parse(EngineHarness.ChatBody(stream: true))!.AsObject();
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        var response = await gateway.PostChatAsync(request.ToJsonString());

        Assert.Contains("\"usage\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StreamWithoutDone_IsClosedWithDoneForChatClients()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, new UpstreamReply { Events = [.. UpstreamReply.ChatStreamEvents(["x"]).SkipLast(1).Select(s => new SseStep($"data:{s}\r\n\r\n"))] });

        var body = await (await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true))).Content.ReadAsStringAsync();

        Assert.Equal("x", string.Concat(SseText.ChatDeltas(body)));
        Assert.EndsWith("data: [DONE]\n\n", body);
    }

    [Fact]
    public async Task ResponsesStream_IsRelayedEventByEventWithItsEventTypes()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ResponsesPath, new UpstreamReply
        {
            Events =
            [
                SseStep.Event("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_9"}}"""),
                SseStep.Event("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":1,"delta":"Hi"}"""),
                SseStep.Event("response.completed", """{"type":"response.completed","sequence_number":2,"response":{"id":"resp_9","usage":{"input_tokens":3,"output_tokens":4,"input_tokens_details":{"cached_tokens":2}}}}"""),
            ],
        });

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi","stream":true}""", requestId: "resp-stream-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(["response.created", "response.output_text.delta", "response.completed"], body.Split('\n').Where(l => l.StartsWith("event: ")).Select(l => l[7..]));
        Assert.DoesNotContain("[DONE]", body);
        var usage = await gateway.UsageAsync("resp-stream-1");
        Assert.Equal((3, 4, 2), (usage.InputTokens, usage.OutputTokens, usage.CachedTokens));
        Assert.Equal(ApiProtocol.Responses, usage.UpstreamProtocol);
    }
}
