using Anthropic.Models.Messages;

namespace Gateway.Tests.Protocols.Messages;

/// <summary>
/// SPEC 4.4 and 5.5: <c>POST /v1/messages/count_tokens</c> through the official Anthropic SDK — counted by an anthropic
/// account's own endpoint, else locally — never changing any account's state.
/// </summary>
public sealed class CountTokensGatewayTests
{
    private static readonly MessageCountTokensParams Question = new()
    {
        Model = "claude-sonnet-4-5",
        System = "Be brief.",
        Messages = [new UserMessageParam("Tell me a joke.")],
    };

    [Fact]
    public async Task AnAnthropicAccount_CountsWithItsOwnEndpoint_ForTheMappedModel()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync(i => i with
        {
            ModelMapping = new Dictionary<string, string> { ["claude-sonnet-4-5"] = "claude-sonnet-4-5-20250929" },
        });
        upstream.On(AnthropicReplies.CountTokensPath, UpstreamReply.Json("""{"input_tokens":1234}"""));

        var counted = await AnthropicSdk.For(gateway).Messages.CountTokens(Question);

        Assert.Equal(1234, counted.InputTokens);
        var sent = Assert.Single(upstream.RequestsTo(AnthropicReplies.CountTokensPath));
        Assert.Equal(("sk-upstream-anthropic", "claude-sonnet-4-5-20250929"), (sent.Headers["x-api-key"], JsonNode.Parse(sent.Body)!["model"]!.GetValue<string>()));
        Assert.Equal("upstream", await SourceOfACountAsync(gateway));
    }

    [Fact]
    public async Task WithoutAnAnthropicAccount_TheGatewayCountsLocally()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("chat", i => i with { EndpointMode = EndpointMode.Chat });

        var counted = await AnthropicSdk.For(gateway).Messages.CountTokens(Question);

        var o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var expected = 3 + 3 + o200k.CountTokens("system") + o200k.CountTokens("Be brief.") + 3 + o200k.CountTokens("user") + o200k.CountTokens("Tell me a joke.");
        Assert.Equal(expected, counted.InputTokens);
        Assert.Empty(upstream.Received);
        Assert.Equal("local", await SourceOfACountAsync(gateway));
    }

    [Fact]
    public async Task AnAnthropicAccountBehindAnOpenAiOne_StillCounts()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, first) = await gateway.AddAccountAsync("chat", i => i with { Priority = 1, EndpointMode = EndpointMode.Chat });
        var (_, anthropic) = await gateway.AddAnthropicAccountAsync(i => i with { Priority = 2 });
        anthropic.On(AnthropicReplies.CountTokensPath, UpstreamReply.Json("""{"input_tokens":77}"""));

        var counted = await AnthropicSdk.For(gateway).Messages.CountTokens(Question);

        Assert.Equal(77, counted.InputTokens);
        Assert.Empty(first.Received);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(529)]
    public async Task AnAnthropicAccountThatCannotCount_IsCountedForLocally_AndChangesNoState(int status)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAnthropicAccountAsync();
        upstream.On(AnthropicReplies.CountTokensPath, AnthropicReplies.Error(status, "not_found_error", "model: claude-sonnet-4-5", ("retry-after", "600")));

        var counted = await AnthropicSdk.For(gateway).Messages.CountTokens(Question);

        Assert.True(counted.InputTokens > 0);
        Assert.Single(upstream.RequestsTo(AnthropicReplies.CountTokensPath));
        await gateway.AssertUnpenalisedAsync(account.Id);
        await using var db = gateway.App.CreateDbContext();
        Assert.Equal(0, await db.UsageLogs.CountAsync());
    }

    [Fact]
    public async Task AnAnthropicAccount_CountsTheHistoryItWouldAnswer_WithoutThinkingItDidNotSign()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync();
        upstream.On(AnthropicReplies.CountTokensPath, UpstreamReply.Json("""{"input_tokens":42}"""));
        const string history = """
            {"model":"claude-sonnet-4-5","messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"From a Chat provider.","signature":""},{"type":"text","text":"Sunny."}]},
              {"role":"user","content":"Thanks."}]}
            """;

        var counted = await CountAsync(gateway, history);

        Assert.Equal(42, counted);
        var sent = JsonNode.Parse(Assert.Single(upstream.RequestsTo(AnthropicReplies.CountTokensPath)).Body)!;
        Golden.AssertEqual("""{"role":"assistant","content":[{"type":"text","text":"Sunny."}]}""", sent["messages"]![1]);
    }

    [Fact]
    public async Task ALocalCount_ReadsToolsToolCallsResultsAndImages()
    {
        await using var gateway = await EngineHarness.StartAsync();
        const string plain = """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Weather?"}]}""";
        const string rich = """
            {"model":"claude-sonnet-4-5","messages":[
              {"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image","source":{"type":"url","url":"https://x.test/a.png"}}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18C and sunny"}]}]}],
             "tools":[{"name":"weather","description":"Weather of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}
            """;

        var small = await CountAsync(gateway, plain);
        var large = await CountAsync(gateway, rich);

        Assert.True(large > small + 765 + 20, $"{large} should add an image, a call, a result and a tool to {small}");
    }

    private static async Task<long> CountAsync(EngineHarness gateway, string body)
    {
        var response = await gateway.PostAsync(AnthropicReplies.CountTokensPath, body);
        return (await EngineHarness.JsonAsync(response))["input_tokens"]!.GetValue<long>();
    }

    private static async Task<string> SourceOfACountAsync(EngineHarness gateway)
    {
        var response = await gateway.PostAsync(AnthropicReplies.CountTokensPath, """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""");
        return response.Headers.GetValues(InputTokensResponder.SourceHeader).Single();
    }
}
