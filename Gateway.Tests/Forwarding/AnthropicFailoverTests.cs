using System.Net;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// SPEC 4 and 4.6 with Anthropic's statuses, headers and events (5.5), across platforms in one group: an anthropic account
/// at priority 1 that fails, an OpenAI-compatible (Chat) account behind it that answers "healthy answer".
/// </summary>
public sealed class AnthropicFailoverTests : IAsyncLifetime
{
    private const string Marker = DoomedAnswers.Marker;
    private EngineHarness _gateway = null!;
    private Account _anthropic = null!;
    private ScriptedUpstream _anthropicUpstream = null!;
    private ScriptedUpstream _healthyUpstream = null!;

    public async Task InitializeAsync()
    {
        _gateway = await EngineHarness.StartAsync();
        (_anthropic, _anthropicUpstream) = await _gateway.AddAnthropicAccountAsync(i => i with
        {
            Priority = 1,
            ModelMapping = new Dictionary<string, string> { ["claude-*"] = "claude-sonnet-4-5-20250929" },
        });
        (_, _healthyUpstream) = await _gateway.AddAccountAsync("healthy", i => i with { Priority = 2, EndpointMode = EndpointMode.Chat });
        _healthyUpstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["healthy ", "answer"]));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Http529_FailsOverToTheOpenAiAccount_TheSdkSeesOnlyTheHealthyAnswer_AndTheAccountCoolsTenMinutes()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(529, "overloaded_error", $"{Marker}: Overloaded"));

        var message = await AnthropicSdk.For(_gateway, "anthropic-529").Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 64,
            Messages = [new UserMessageParam("hi")],
        }).Aggregate();

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("healthy answer", text.Text);
        await AssertCooldownAsync("529 overloaded", TimeSpan.FromMinutes(10));
        var usage = await _gateway.UsageAsync("anthropic-529");
        Assert.Equal(
            [(ApiProtocol.Messages, 529, "overloaded", "account_switch"), (ApiProtocol.Chat, 200, null, "deliver")],
            usage.Trace.Select(t => (t.UpstreamProtocol, t.Status, t.FailureClass, t.Decision)));
    }

    [Fact]
    public async Task OverloadedErrorEventMidHandshake_FailsOver_AndNotOneByteOfItReachesTheClient()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, new UpstreamReply
        {
            Events = [.. AnthropicReplies.Handshake(), AnthropicReplies.Event("content_block_start", new { index = 0, content_block = new { type = "text", text = "" } }), AnthropicReplies.ErrorEvent("overloaded_error", $"{Marker}: Overloaded")],
        });

        var response = await PostMessagesStreamAsync("anthropic-event");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Marker, body);
        Assert.DoesNotContain("msg_upstream", body);
        Assert.Equal("message_start", SseText.EventTypes(body).First());
        Assert.Equal("message_stop", SseText.EventTypes(body).Last());
        Assert.Equal("healthy answer", string.Concat(SseText.Payloads(body).Select(p => p["delta"]?["text"]?.GetValue<string>())));
        await AssertCooldownAsync("529 overloaded", TimeSpan.FromMinutes(10));
        var usage = await _gateway.UsageAsync("anthropic-event");
        Assert.Equal([(200, "overloaded", "account_switch"), (200, null, "deliver")], usage.Trace.Select(t => (t.Status, t.FailureClass, t.Decision)));
    }

    [Fact]
    public async Task Http429WithAnthropicResetHeaders_CoolsUntilTheUsedUpLimitResets()
    {
        var reset = _gateway.Time.GetUtcNow().AddSeconds(90).ToString("O");
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(
            429,
            "rate_limit_error",
            "Number of request tokens has exceeded your per-minute rate limit",
            ("anthropic-ratelimit-tokens-remaining", "0"),
            ("anthropic-ratelimit-tokens-reset", reset),
            ("anthropic-ratelimit-requests-remaining", "49"),
            ("anthropic-ratelimit-requests-reset", _gateway.Time.GetUtcNow().AddSeconds(2).ToString("O"))));

        await AssertFailsOverAndCoolsAsync("anthropic-429", "429 rate limited", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task ACreditBalanceTooLow_CoolsTenMinutes_NotUntilAPerMinuteLimitResets()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(
            400,
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API.",
            ("anthropic-ratelimit-requests-remaining", "49"),
            ("anthropic-ratelimit-requests-reset", _gateway.Time.GetUtcNow().AddSeconds(30).ToString("O"))));

        await AssertFailsOverAndCoolsAsync("anthropic-credit", "quota exhausted", TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Http429WithRetryAfter_CoolsForRetryAfter()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(429, "rate_limit_error", "slow down", ("retry-after", "40"), ("anthropic-ratelimit-tokens-reset", _gateway.Time.GetUtcNow().AddSeconds(300).ToString("O"))));

        await PostMessagesStreamAsync("anthropic-retry-after");

        await AssertCooldownAsync("429 rate limited", TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task ModelNotFound_SuspendsTheConcreteModelTwelveHours_AndFailsOver()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(404, "not_found_error", "model: claude-sonnet-4-5-20250929"));

        var response = await PostMessagesStreamAsync("anthropic-404");

        Assert.Contains("healthy", await response.Content.ReadAsStringAsync());
        var suspension = Assert.Single(await _gateway.SuspensionsAsync(_anthropic.Id));
        Assert.Equal(("claude-sonnet-4-5-20250929", "model_not_supported"), (suspension.UpstreamModel, suspension.Reason));
        Assert.Equal(TimeSpan.FromHours(12), suspension.Until - _gateway.Time.GetUtcNow().UtcDateTime);
        Assert.Null((await _gateway.AccountAsync(_anthropic.Id)).CooldownUntil);
    }

    [Fact]
    public async Task InvalidRequestError_GoesToTheMessagesClientAsItCame_WithoutFailover()
    {
        const string error = """{"type":"error","error":{"type":"invalid_request_error","message":"messages: roles must alternate"}}""";
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, UpstreamReply.Json(error, 400));

        var response = await PostMessagesStreamAsync("anthropic-400");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _healthyUpstream.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task InvalidRequestError_ReachesAnOpenAiClientInOpenAisShape_AsTheGatewaysOwnError()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(400, "invalid_request_error", "max_tokens: 99999999 > 64000"));

        var response = await _gateway.PostChatAsync(EngineHarness.ChatBody(model: "claude-sonnet-4-5"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Golden.AssertEqual("""{"error":{"message":"max_tokens: 99999999 > 64000","type":"invalid_request_error","code":"upstream_request_error"}}""", await EngineHarness.JsonAsync(response));
    }

    [Fact]
    public async Task InvalidRequestErrorEventBeforeContent_IsSentToTheClientAtOnceAsA400()
    {
        _anthropicUpstream.On(AnthropicReplies.MessagesPath, new UpstreamReply { Events = [.. AnthropicReplies.Handshake(), AnthropicReplies.ErrorEvent("invalid_request_error", "prompt is too long")] });

        var response = await PostMessagesStreamAsync("anthropic-event-400");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Golden.AssertEqual("""{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long"}}""", await EngineHarness.JsonAsync(response));
        Assert.Equal(0, _healthyUpstream.CountTo(EngineHarness.ChatPath));
    }

    private Task<HttpResponseMessage> PostMessagesStreamAsync(string requestId) => _gateway.PostAsync(
        EngineHarness.MessagesPath,
        """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
        requestId);

    /// <summary>A Messages stream that the healthy account answers, the anthropic account left cooling for <paramref name="reason"/>.</summary>
    private async Task AssertFailsOverAndCoolsAsync(string requestId, string reason, TimeSpan length)
    {
        var response = await PostMessagesStreamAsync(requestId);

        Assert.Contains("healthy", await response.Content.ReadAsStringAsync());
        await AssertCooldownAsync(reason, length);
    }

    private async Task AssertCooldownAsync(string reason, TimeSpan length)
    {
        var stored = await _gateway.AccountAsync(_anthropic.Id);
        Assert.Equal(reason, stored.CooldownReason);
        Assert.Equal(length, stored.CooldownUntil!.Value - _gateway.Time.GetUtcNow().UtcDateTime);
    }
}
