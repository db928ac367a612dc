#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.

namespace Gateway.Tests.Protocols;

/// <summary>
/// SPEC 4.4: <c>POST /v1/responses/input_tokens</c> through the official SDK — counted by the upstream's own endpoint
/// for an account sent Responses, else locally — never changing any account's state.
/// </summary>
public sealed class InputTokensGatewayTests
{
    private const string CountPath = "/v1/responses/input_tokens";
    private const string Body = """{"model":"gpt-4o","instructions":"Be brief.","input":"Tell me a joke."}""";

    [Fact]
    public async Task ThroughAChatOnlyAccount_TheGatewayCountsLocally_WithTheModelsTokenizer()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);

        var (count, source) = await CountAsync(gateway, Body);

        var o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var expected = 3 + 3 + o200k.CountTokens("system") + o200k.CountTokens("Be brief.") + 3 + o200k.CountTokens("user") + o200k.CountTokens("Tell me a joke.");
        Assert.Equal((expected, "local"), (count, source));
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task ThroughAResponsesAccount_TheUpstreamsOwnEndpointCounts_ForTheMappedModel()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "gpt-4o-2024-11-20" } });
        upstream.On(CountPath, UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":1234}"""));

        var (count, source) = await CountAsync(gateway, Body);

        Assert.Equal((1234, "upstream"), (count, source));
        var sent = JsonNode.Parse(Assert.Single(upstream.RequestsTo(CountPath)).Body)!;
        Assert.Equal("gpt-4o-2024-11-20", sent["model"]!.GetValue<string>());
        Assert.Equal("Bearer sk-upstream-responses-only", Assert.Single(upstream.RequestsTo(CountPath)).Headers["Authorization"]);
    }

    [Fact]
    public async Task AResponsesAccount_IsAskedEvenBehindChatOnlyAndAnthropicAccountsTriedFirst()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, chatOnly) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat, i => i with { Priority = 1 });
        var (_, anthropic) = await gateway.AddAnthropicAccountAsync(i => i with { Priority = 2 });
        var (_, responses) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Priority = 3 });
        responses.On(CountPath, UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":77}"""));

        var (count, source) = await CountAsync(gateway, Body);

        Assert.Equal((77, "upstream"), (count, source));
        Assert.Empty(chatOnly.Received);
        Assert.Empty(anthropic.Received);
    }

    [Fact]
    public async Task ACoolingAccount_IsNotAsked_AndIsLeftCooling()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (cooling, coolingUpstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Priority = 1 });
        coolingUpstream.On(CountPath, UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":1}"""));
        var until = gateway.Time.GetUtcNow().UtcDateTime.AddMinutes(10);
        await using (var db = gateway.App.CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == cooling.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CooldownUntil, until).SetProperty(a => a.CooldownReason, "429 rate limited"));
        }

        await gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);
        var chatOnly = await CustomToolGatewayTests.ChatOnlyAsync(gateway);

        var (_, source) = await CountAsync(gateway, Body);

        Assert.Equal("local", source);
        Assert.Empty(coolingUpstream.RequestsTo(CountPath));
        Assert.Empty(chatOnly.Received);
        var stored = await gateway.AccountAsync(cooling.Id);
        Assert.Equal((until, "429 rate limited", AccountStatus.Active), (stored.CooldownUntil, stored.CooldownReason, stored.Status));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task AnUpstreamThatCannotCount_IsCountedForLocally_AndChangesNoState(int status)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(CountPath, UpstreamReply.Error(status, "The model `gpt-4o` is not supported on this endpoint."));

        var (count, source) = await CountAsync(gateway, Body);

        Assert.True(count > 0);
        Assert.Equal("local", source);
        Assert.Single(upstream.RequestsTo(CountPath));
        await gateway.AssertUnpenalisedAsync(account.Id);
    }

    [Fact]
    public async Task ALocalCount_IncludesTheStoredConversation_AndRefusesAnUnknownOne()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Why did the chicken cross the road? To get to the other side."));
        var client = new ResponsesClient(new ApiKeyCredential(gateway.Key), new ResponsesClientOptions { Endpoint = new Uri(gateway.Address, "v1") });
        ResponseResult first = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Tell me a joke.")]));

        var (alone, _) = await CountAsync(gateway, """{"model":"gpt-4o","input":"Another one."}""");
        var (continued, _) = await CountAsync(gateway, $$"""{"model":"gpt-4o","previous_response_id":"{{first.Id}}","input":"Another one."}""");
        var refused = await gateway.PostAsync(CountPath, """{"model":"gpt-4o","previous_response_id":"resp_nobody","input":"x"}""", requestId: "count-refused");

        Assert.True(continued > alone + 15, $"{continued} should count the stored turn on top of {alone}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("previous_response_not_found", (await EngineHarness.JsonAsync(refused))["error"]!["code"]!.GetValue<string>());
        var refusal = await gateway.UsageAsync("count-refused");
        Assert.Equal((400, "gpt-4o", 0), (refusal.Status, refusal.Model, refusal.Attempts));
    }

    [Fact]
    public async Task AnUpstreamCountAnswerPastItsReadCap_IsCountedLocallyInstead()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:TokenResponseMaxBytes", "1024"));
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(CountPath, UpstreamReply.Json("{\"object\":\"response.input_tokens\",\"input_tokens\":1234,\"padding\":\"" + new string(' ', 100_000) + "\"}"));

        var (_, source) = await CountAsync(gateway, Body);

        Assert.Equal("local", source);
        Assert.Single(upstream.RequestsTo(CountPath));
    }

    private static async Task<(long Count, string Source)> CountAsync(EngineHarness gateway, string body)
    {
        var client = new ResponsesClient(new ApiKeyCredential(gateway.Key), new ResponsesClientOptions { Endpoint = new Uri(gateway.Address, "v1") });
        var result = await client.GetInputTokenCountAsync(BinaryContent.Create(BinaryData.FromString(body)), "application/json", null);
        var response = result.GetRawResponse();
        var json = JsonNode.Parse(response.Content.ToString())!;
        Assert.Equal("response.input_tokens", json["object"]!.GetValue<string>());
        Assert.True(response.Headers.TryGetValue(InputTokensResponder.SourceHeader, out var source));
        return (json["input_tokens"]!.GetValue<long>(), source!);
    }
}
