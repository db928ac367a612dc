using System.Net;

namespace Gateway.Tests.Protocols;

/// <summary>SPEC 5.3 per-API parameters: what Codex sends reaches a Chat-only account as a valid Chat request, its hosted tools named.</summary>
public sealed class CodexGatewayTests
{
    [Theory]
    [InlineData(AccountPlatform.OpenAiCompatible)]
    [InlineData(AccountPlatform.OpenAi)]
    public async Task CodexRequest_ReachesAChatUpstream_AsAValidChatRequest_WithTheDroppedToolsNamed(AccountPlatform platform)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway, platform);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["Done."]));
        var body = Golden.Parse(ParameterTableTests.CodexRequest);

        using var request = new HttpRequestMessage(HttpMethod.Post, EngineHarness.ResponsesPath) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("originator", "codex_exec");
        request.Headers.Add("x-request-id", "codex-1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await gateway.Client.SendAsync(request);
        var events = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("web_search, tool_search", Assert.Single(response.Headers.GetValues(DroppedTools.HeaderName)));
        Assert.Contains("event: response.completed", events, StringComparison.Ordinal);
        var sent = JsonNode.Parse(Assert.Single(upstream.RequestsTo(EngineHarness.ChatPath)).Body)!.AsObject();
        Assert.All(sent.Select(p => p.Key), key => Assert.Contains(key, ChatToResponsesParameters.Table.Names));
        Assert.Equal(["system", "user", "assistant", "tool"], sent["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.False(sent.ContainsKey("client_metadata") || sent.ContainsKey("include") || sent.ContainsKey("store"));
        Assert.Equal(platform == AccountPlatform.OpenAi, sent.ContainsKey("prompt_cache_key"));
        var usage = await gateway.UsageAsync("codex-1");
        Assert.Equal(["web_search", "tool_search"], Assert.Single(usage.Trace).DroppedTools!);
    }

    [Fact]
    public async Task DroppedToolTypesThatAreNoName_AreNamedUnknown_SoNoClientTextReachesTheHeaderOrTheTrace()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Done."));
        var longType = new string('x', 100_000);

        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, $$"""
            {"model":"gpt-5-codex","input":"hi","tools":[{"type":"web_search"},{"type":"a\r\nSet-Cookie: b"},{"type":"{{longType}}"},{"type":"网页"}]}
            """, requestId: "odd-tools");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("web_search, unknown", Assert.Single(response.Headers.GetValues(DroppedTools.HeaderName)));
        Assert.Equal(["web_search", "unknown"], Assert.Single((await gateway.UsageAsync("odd-tools")).Trace).DroppedTools!);
    }

    [Fact]
    public async Task AnExhaustionAnswer_CarriesNoDroppedToolsHeader_OfTheAttemptThatFailed()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(503, "down", "server_error"));

        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-5-codex","input":"hi","tools":[{"type":"web_search"}]}""");

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
        Assert.False(response.Headers.Contains(DroppedTools.HeaderName));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnswerOfTheAccountTakingOver_CarriesNoDroppedToolsHeader_OfTheConvertedAttemptThatFailed(bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, chat) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat, i => i with { Priority = 1 });
        var (_, responses) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Priority = 2 });
        chat.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_exceeded"));
        responses.On(EngineHarness.ResponsesPath, stream ? UpstreamReply.ResponsesStream(["Done."]) : UpstreamReply.ResponsesAnswer("Done."));

        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, $$"""{"model":"gpt-5-codex","input":"hi","stream":{{(stream ? "true" : "false")}},"tools":[{"type":"web_search"}]}""");
        await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal((1, 1), (chat.CountTo(EngineHarness.ChatPath), responses.CountTo(EngineHarness.ResponsesPath)));
        Assert.False(response.Headers.Contains(DroppedTools.HeaderName));
    }

    [Fact]
    public async Task AnUpstreamErrorRelayedToTheClient_NamesWhatItsConvertedRequestDropped()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "Invalid value for 'messages'."));

        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-5-codex","input":"hi","tools":[{"type":"web_search"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("web_search", Assert.Single(response.Headers.GetValues(DroppedTools.HeaderName)));
    }

    [Fact]
    public async Task ConvertedRequestAndStream_CarryNonAsciiTextAndPatchCharactersAsThemselves_NotAsEscapes()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["完成：", "+1 <ok>"]));
        const string Text = "把 README 改成中文 — +hi <b> `code` & 'x'";

        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, $$"""{"model":"gpt-5-codex","stream":true,"input":"{{Text}}"}""");
        var events = await response.Content.ReadAsStringAsync();

        Assert.Contains($"\"content\":\"{Text}\"", Assert.Single(upstream.RequestsTo(EngineHarness.ChatPath)).Body, StringComparison.Ordinal);
        Assert.Contains("\"delta\":\"完成：\"", events, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"完成：+1 <ok>\"", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameProtocolForwarding_KeepsTheCodexBody_ExceptTheModel()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-5-codex"] = "gpt-5.1-codex" } });
        upstream.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesStream(["Done."]));
        var body = Golden.Parse(ParameterTableTests.CodexRequest);

        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, body.ToJsonString());
        await response.Content.ReadAsStringAsync();

        Assert.False(response.Headers.Contains(DroppedTools.HeaderName));
        body["model"] = "gpt-5.1-codex";
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(Assert.Single(upstream.RequestsTo(EngineHarness.ResponsesPath)).Body)));
    }
}
