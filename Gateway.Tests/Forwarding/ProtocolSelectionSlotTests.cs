namespace Gateway.Tests.Forwarding;

/// <summary>The attempt loop picks the upstream protocol per attempt and converts through the factory when it differs.</summary>
public sealed class ProtocolSelectionSlotTests
{
    [Fact]
    public async Task UpstreamProtocolDifferentFromTheClients_IsConvertedThroughTheConverterFactory()
    {
        await using var gateway = await StartAsync(switchAllowed: false);
        var (_, upstream) = await gateway.AddAccountAsync("responses-only");
        upstream.On(EngineHarness.ResponsesPath, UpstreamReply.Json("""{"id":"resp_1","object":"response","output_text":"converted answer","usage":{"input_tokens":2,"output_tokens":3}}"""));

        var response = await gateway.PostChatAsync(requestId: "convert-1");

        var json = await EngineHarness.JsonAsync(response);
        Assert.Equal("converted answer", json["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("converted-request", JsonNode.Parse(upstream.RequestsTo(EngineHarness.ResponsesPath).Single().Body)!["input"]!.GetValue<string>());
        var usage = await gateway.UsageAsync("convert-1");
        Assert.Equal((ApiProtocol.Chat, ApiProtocol.Responses, 2), (usage.InboundProtocol, usage.UpstreamProtocol!.Value, usage.InputTokens));
    }

    [Fact]
    public async Task ProtocolLevelFailure_SwitchesToTheOtherProtocolOnceOnTheSameAccount()
    {
        await using var gateway = await StartAsync(switchAllowed: true);
        var (account, upstream) = await gateway.AddAccountAsync("chat-only");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("served over chat"));

        var response = await gateway.PostChatAsync(requestId: "switch-1");

        Assert.Contains("served over chat", await response.Content.ReadAsStringAsync());
        Assert.Single(upstream.RequestsTo(EngineHarness.ResponsesPath));
        var usage = await gateway.UsageAsync("switch-1");
        Assert.Equal(["protocol_switch", "deliver"], usage.Trace.Select(t => t.Decision));
        Assert.Equal([ApiProtocol.Responses, ApiProtocol.Chat], usage.Trace.Select(t => t.UpstreamProtocol));
        Assert.All(usage.Trace, t => Assert.Equal(account.Id, t.AccountId));
    }

    [Fact]
    public async Task UnexpectedFailureInsideTheGateway_Is500InOpenAiShapeWithoutAStackTrace()
    {
        await using var gateway = await StartAsync(switchAllowed: false);
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ResponsesPath, UpstreamReply.Json("""{"id":"resp_1","object":"response","output":[]}"""));

        var response = await gateway.PostChatAsync(requestId: "boom-1");

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("internal_error", JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain(" at ", body);
        Assert.Equal(500, (await gateway.UsageAsync("boom-1")).Status);
    }

    private static Task<EngineHarness> StartAsync(bool switchAllowed) =>
        EngineHarness.StartAsync(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IUpstreamProtocolSelector>(new PreferResponses(switchAllowed)));
            services.AddSingleton<IProtocolConverterFactory, MinimalConverterFactory>();
        });

    private sealed class PreferResponses(bool switchAllowed) : IUpstreamProtocolSelector
    {
        public ValueTask<UpstreamProtocolPlan> SelectAsync(Account account, GatewayRequest request, string upstreamModel, CancellationToken ct) =>
            ValueTask.FromResult(new UpstreamProtocolPlan(ApiProtocol.Responses, switchAllowed, ProtocolChoiceReason.AccountMode));

        public void Served(UpstreamProtocolPlan plan, Account account, string upstreamModel, ApiProtocol protocol)
        {
        }
    }

    // Just enough conversion to show the loop calls it; the real converters live in Protocols/. An answer without output_text
    // meets a defect: an exception no converter throws on an answer it cannot read.
    private sealed class MinimalConverterFactory : IProtocolConverterFactory
    {
        public IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, ConversionContext context) => new Converter(inbound, upstream);

        private sealed class Converter(ApiProtocol inbound, ApiProtocol upstream) : IProtocolConverter
        {
            public ApiProtocol Inbound => inbound;

            public ApiProtocol Upstream => upstream;

            public IReadOnlyList<string> DroppedTools => [];

            public string? ClientResponseId => null;

            public JsonObject ConvertRequest(JsonObject clientRequest) =>
                new() { ["model"] = clientRequest["model"]!.DeepClone(), ["input"] = "converted-request" };

            public JsonObject ConvertResponse(JsonObject upstreamResponse) => new()
            {
                ["object"] = "chat.completion",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = (upstreamResponse["output_text"] ?? throw new System.Diagnostics.UnreachableException("a defect: no output_text")).DeepClone() } }),
            };

            public IStreamConverter CreateStreamConverter() => throw new NotSupportedException();
        }
    }
}
