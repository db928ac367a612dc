using Anthropic.Models.Messages;

namespace Gateway.Tests.Protocols.Messages;

/// <summary>
/// SPEC 5.5 with the official Anthropic .NET SDK as the client, through the real gateway, against upstreams that speak Chat
/// Completions, Responses and Anthropic Messages.
/// </summary>
public sealed class AnthropicSdkGatewayTests
{
    private const string Model = "claude-sonnet-4-5";

    [Fact]
    public async Task Create_ThroughAChatUpstream_ReturnsAMessageWithCacheUsage()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("chat", i => i with { EndpointMode = EndpointMode.Chat });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Json("""
            {"id":"chatcmpl-7","object":"chat.completion","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Bonjour."}}],
             "usage":{"prompt_tokens":30,"completion_tokens":4,"total_tokens":34,"prompt_tokens_details":{"cached_tokens":10}}}
            """));
        var client = AnthropicSdk.For(gateway, "anthropic-create");

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 256,
            System = "Answer in French.",
            Messages = [new UserMessageParam("Hello")],
            StopSequences = ["END"],
            Metadata = new Metadata { UserID = "user_1" },
        });

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(("msg_7", "Bonjour.", StopReason.EndTurn), (message.ID, text.Text, (StopReason)message.StopReason!));
        Assert.Equal((20L, 4L, 10L, 0L), (message.Usage.InputTokens, message.Usage.OutputTokens, message.Usage.CacheReadInputTokens, message.Usage.CacheCreationInputTokens));
        var sent = JsonNode.Parse(Assert.Single(upstream.RequestsTo(EngineHarness.ChatPath)).Body)!;
        Golden.AssertEqual("""
            {"model":"claude-sonnet-4-5","messages":[{"role":"system","content":"Answer in French."},{"role":"user","content":"Hello"}],
             "max_tokens":256,"stop":["END"],"user":"user_1"}
            """, sent);
        var usage = await gateway.UsageAsync("anthropic-create");
        Assert.Equal((ApiProtocol.Messages, ApiProtocol.Chat, 30, 10), (usage.InboundProtocol, usage.UpstreamProtocol, usage.InputTokens, usage.CachedTokens));
    }

    [Fact]
    public async Task Stream_TextAndParallelToolUse_ThroughAChatUpstream_AggregatesInTheSdk()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("chat", i => i with { EndpointMode = EndpointMode.Chat });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Sse(
            ChatStreamToResponsesTests.Chunk("""{"role":"assistant","content":""}"""),
            ChatStreamToResponsesTests.Chunk("""{"content":"Checking "}"""),
            ChatStreamToResponsesTests.Chunk("""{"content":"both."}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":0,"id":"call_p","type":"function","function":{"name":"weather","arguments":"{\"city\":"}}]}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":1,"id":"call_r","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Rome\"}"}}]}"""),
            ChatStreamToResponsesTests.Chunk("{}", "tool_calls"),
            """{"id":"chatcmpl-c1","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""",
            "[DONE]"));
        var client = AnthropicSdk.For(gateway);

        var message = await client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 256,
            Messages = [new UserMessageParam("Weather in Paris and Rome?")],
            Tools = [AnthropicSdk.WeatherTool],
        }).Aggregate();

        Assert.Equal(StopReason.ToolUse, (StopReason)message.StopReason!);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Checking both.", text.Text);
        var calls = message.Content.Skip(1).Select(b => b.TryPickToolUse(out var use) ? use : null).ToList();
        Assert.Equal(["call_p", "call_r"], calls.Select(c => c!.ID));
        Assert.Equal(["Paris", "Rome"], calls.Select(c => c!.Input["city"].GetString()));
        Assert.Equal((12L, 5L), (message.Usage.InputTokens, message.Usage.OutputTokens));
        var sent = JsonNode.Parse(upstream.RequestsTo(EngineHarness.ChatPath)[0].Body)!;
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("weather", sent["tools"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolRoundTrip_WithParallelResultsAndAnError_ThroughAResponsesUpstream()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("responses", i => i with { EndpointMode = EndpointMode.Responses });
        upstream.On(EngineHarness.ResponsesPath, WeatherTurns.ResponsesCallsOnly(), UpstreamReply.ResponsesAnswer("Paris is sunny; Rome has no station."));
        var client = AnthropicSdk.For(gateway);
        List<MessageParam> messages = [new UserMessageParam("Weather in Paris and Rome?")];
        var parameters = new MessageCreateParams { Model = Model, MaxTokens = 256, System = "Be terse.", Messages = messages, Tools = [AnthropicSdk.WeatherTool] };

        var first = await client.Messages.Create(parameters);
        var calls = first.Content.Select(b => b.TryPickToolUse(out var use) ? use : null).OfType<ToolUseBlock>().ToList();
        messages.Add(new AssistantMessageParam(new List<ContentBlockParam>([.. calls.Select(c => (ContentBlockParam)new ToolUseBlockParam { ID = c.ID, Name = c.Name, Input = c.Input })])));
        messages.Add(new UserMessageParam(new List<ContentBlockParam>
        {
            new ToolResultBlockParam(calls[0].ID) { Content = "18C, sunny" },
            new ToolResultBlockParam(calls[1].ID) { Content = "no station", IsError = true },
        }));
        var second = await client.Messages.Create(parameters with { Messages = messages });

        Assert.Equal(StopReason.ToolUse, (StopReason)first.StopReason!);
        Assert.Equal(["call_p", "call_r"], calls.Select(c => c.ID));
        Assert.True(second.Content[0].TryPickText(out var answer));
        Assert.Equal("Paris is sunny; Rome has no station.", answer.Text);
        WeatherTurns.AssertFollowUpOnResponses(upstream, "18C, sunny", "Error: no station");
    }

    [Fact]
    public async Task Thinking_ThroughAResponsesUpstream_StreamsReasoningSummariesAsThinkingBlocks()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("responses", i => i with { EndpointMode = EndpointMode.Responses });
        upstream.On(EngineHarness.ResponsesPath, new UpstreamReply
        {
            Events =
            [
                ResponsesEvent("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_t","object":"response","created_at":1,"status":"in_progress","model":"gpt-5","output":[]}}"""),
                ResponsesEvent("""{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}"""),
                ResponsesEvent("""{"type":"response.reasoning_summary_text.delta","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Weighing "}"""),
                ResponsesEvent("""{"type":"response.reasoning_summary_text.delta","sequence_number":3,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"options."}"""),
                ResponsesEvent("""{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"42."}"""),
                ResponsesEvent("""{"type":"response.completed","sequence_number":5,"response":{"id":"resp_t","object":"response","created_at":1,"status":"completed","model":"gpt-5","output":[],"usage":{"input_tokens":9,"input_tokens_details":{"cached_tokens":0},"output_tokens":30,"output_tokens_details":{"reasoning_tokens":20},"total_tokens":39}}}"""),
            ],
        });
        var client = AnthropicSdk.For(gateway);

        var message = await client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 4096,
            Thinking = new ThinkingConfigEnabled(2048),
            Messages = [new UserMessageParam("The answer?")],
        }).Aggregate();

        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Weighing options.", thinking.Thinking);
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("42.", text.Text);
        Assert.Equal((9L, 30L), (message.Usage.InputTokens, message.Usage.OutputTokens));
        var sent = JsonNode.Parse(upstream.RequestsTo(EngineHarness.ResponsesPath)[0].Body)!;
        Golden.AssertEqual("""{"effort":"low","summary":"auto"}""", sent["reasoning"]);
    }

    [Fact]
    public async Task AnthropicUpstream_GetsTheClientsBodyWithTheModelMapped_AndItsVersionAndBetaHeaders()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync(i => i with
        {
            ModelMapping = new Dictionary<string, string> { [Model] = "claude-sonnet-4-5-20250929" },
        });
        upstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.TextStream("Hel", "lo"));
        var client = AnthropicSdk.For(gateway, "anthropic-same");

        var message = await client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 64,
            Messages = [new UserMessageParam("hi")],
            Thinking = new ThinkingConfigEnabled(1024),
        }).Aggregate();

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(("Hello", 20L, 10L, 5L, 7L), (text.Text, message.Usage.InputTokens, message.Usage.CacheReadInputTokens, message.Usage.CacheCreationInputTokens, message.Usage.OutputTokens));
        var sent = Assert.Single(upstream.RequestsTo(AnthropicReplies.MessagesPath));
        Assert.Equal("sk-upstream-anthropic", sent.Headers["x-api-key"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.False(string.IsNullOrEmpty(sent.Headers["anthropic-version"]));
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("claude-sonnet-4-5-20250929", body["model"]!.GetValue<string>());
        Golden.AssertEqual("""{"type":"enabled","budget_tokens":1024}""", body["thinking"]);
        var usage = await gateway.UsageAsync("anthropic-same");
        Assert.Equal((ApiProtocol.Messages, ApiProtocol.Messages, 35, 7, 10), (usage.InboundProtocol, usage.UpstreamProtocol, usage.InputTokens, usage.OutputTokens, usage.CachedTokens));
    }

    [Fact]
    public async Task AnthropicBetaHeaderAndBetaQuery_ArePassedToAnAnthropicUpstream()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync(i => i with { Passthrough = true });
        upstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Message("end_turn", AnthropicReplies.Text("ok")));
        const string body = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}],"context_management":{"edits":[]}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", gateway.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "context-management-2025-06-27,interleaved-thinking-2025-05-14");
        using var http = new HttpClient { BaseAddress = gateway.Address };

        var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(upstream.RequestsTo(AnthropicReplies.MessagesPath));
        Assert.Equal(body, sent.Body);
        Assert.Equal(("2023-06-01", "context-management-2025-06-27,interleaved-thinking-2025-05-14"), (sent.Headers["anthropic-version"], sent.Headers["anthropic-beta"]));
    }

    public static TheoryData<EndpointMode> ConvertingModes => [EndpointMode.Chat, EndpointMode.Responses];

    [Theory]
    [MemberData(nameof(ConvertingModes))]
    public async Task AMessageThread_IsRefusedByAConvertingAccount_WithTheCodeOnWhichTheSdkSendsTheWholeConversation(EndpointMode mode)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("converting", i => i with { EndpointMode = mode });
        const string body = """{"model":"claude-sonnet-4-5","max_tokens":16,"thread":{"type":"continue","previous_message_id":"msg_1"},"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", gateway.Key);
        request.Headers.Add("anthropic-beta", "message-threads-2026-08-12");
        using var http = new HttpClient { BaseAddress = gateway.Address };

        var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("invalid_request_error", "thread_unsupported_request"), (error["type"]!.GetValue<string>(), error["details"]!["error_code"]!.GetValue<string>()));
        Assert.Empty(upstream.Received);
    }

    private static SseStep ResponsesEvent(string json) => SseStep.Event(JsonNode.Parse(json)!["type"]!.GetValue<string>(), json);
}
