using System.Net;

namespace Gateway.Tests.Routing;

/// <summary>SPEC 5.1 routing and 5.2 endpoint modes over real HTTP.</summary>
public sealed class EndpointModeTests
{
    private const string ChatPath = EngineHarness.ChatPath;
    private const string ResponsesPath = EngineHarness.ResponsesPath;

    [Fact]
    public async Task AutoOn404_SwitchesToResponsesOnTheSameAccount_LeaksNoBytes_AndCachesTheProtocol()
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (account, upstream) = await AddUnprobedAutoAccountAsync(gateway, "aggregator");
        upstream.On(ResponsesPath, UpstreamReply.ResponsesStream(["Bon", "jour"]));

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), requestId: "auto-404");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Not found", body);
        var chunks = ChatChunks(body);
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("Bonjour", string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>())));
        Assert.EndsWith("data: [DONE]\n\n", body);
        Assert.Single(upstream.RequestsTo(ChatPath));

        var usage = await gateway.UsageAsync("auto-404");
        Assert.Equal(["protocol_switch", "deliver"], usage.Trace.Select(t => t.Decision));
        Assert.Equal([ApiProtocol.Chat, ApiProtocol.Responses], usage.Trace.Select(t => t.UpstreamProtocol));
        Assert.Equal([ProtocolChoiceReason.Mirror, ProtocolChoiceReason.ProtocolSwitch], usage.Trace.Select(t => t.ProtocolReason));
        Assert.Equal(ApiProtocol.Responses, usage.UpstreamProtocol);
        Assert.Equal((5, 7), (usage.InputTokens, usage.OutputTokens));
        Assert.Equal(ApiProtocol.Responses, await CachedAsync(gateway, account.Id, "gpt-4o"));
    }

    [Fact]
    public async Task ProtocolThatServed_IsUsedByARequestMadeWhileTheFirstIsStillStreaming()
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (account, upstream) = await AddUnprobedAutoAccountAsync(gateway, "aggregator");
        var streaming = UpstreamReply.ResponsesStream(["first"]);
        upstream.On(ResponsesPath, streaming with { Events = streaming.Events!.Take(5).ToList(), HoldOpenAfterSending = TimeSpan.FromMinutes(2) }, UpstreamReply.ResponsesAnswer("second"));

        using var first = await gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), "still-streaming", HttpCompletionOption.ResponseHeadersRead);
        await using var firstBody = await first.Content.ReadAsStreamAsync();
        Assert.True(await firstBody.ReadAsync(new byte[64]) > 0);
        var second = await gateway.PostChatAsync(requestId: "right-after");

        Assert.Equal("second", (await EngineHarness.JsonAsync(second))["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Single(upstream.RequestsTo(ChatPath));
        Assert.Equal(["deliver"], (await gateway.UsageAsync("right-after")).Trace.Select(t => t.Decision));
        await Eventually.TrueAsync(async () =>
        {
            await using var db = gateway.App.CreateDbContext();
            return await db.EndpointCacheEntries.AnyAsync(e => e.AccountId == account.Id && e.Protocol == ApiProtocol.Responses);
        }, "the cache entry in the database");
    }

    [Fact]
    public async Task CacheHit_GoesStraightToTheCachedProtocol()
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (account, upstream) = await AddUnprobedAutoAccountAsync(gateway, "aggregator");
        upstream.On(ResponsesPath, UpstreamReply.ResponsesAnswer("first"), UpstreamReply.ResponsesAnswer("second"));
        await gateway.PostChatAsync();
        await CachedAsync(gateway, account.Id, "gpt-4o");

        var response = await gateway.PostChatAsync(requestId: "cached");

        Assert.Equal("second", (await EngineHarness.JsonAsync(response))["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Single(upstream.RequestsTo(ChatPath));
        Assert.Equal(["deliver"], (await gateway.UsageAsync("cached")).Trace.Select(t => t.Decision));
    }

    [Fact]
    public async Task RequestHeader_BeatsTheCache()
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (account, upstream) = await AddUnprobedAutoAccountAsync(gateway, "aggregator");
        upstream.On(ChatPath, UpstreamReply.ChatCompletion("via chat"));
        await gateway.Service<IEndpointProtocolCache>().RecordSuccessAsync(account.Id, "gpt-4o", ApiProtocol.Responses, default);
        var response = await PostChatWithHeaderAsync(gateway, ClientHints.OverrideHeader, "chat");

        Assert.Contains("via chat", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.RequestsTo(ResponsesPath));
    }

    [Theory]
    [InlineData("codex_cli_rs")]
    [InlineData("codex_exec")]
    public async Task CodexClient_IsSentResponsesFirst(string originator)
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (_, upstream) = await AddUnprobedAutoAccountAsync(gateway, "aggregator");
        upstream.On(ResponsesPath, UpstreamReply.ResponsesAnswer("from responses"));
        var response = await PostChatWithHeaderAsync(gateway, "originator", originator);

        Assert.Contains("from responses", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.RequestsTo(ChatPath));
    }

    public static TheoryData<int, string> NonSwitchingFailures => new()
    {
        { 401, """{"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"invalid_api_key"}}""" },
        { 403, """{"error":{"message":"Forbidden","type":"permission_error"}}""" },
        { 429, """{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}""" },
        { 400, """{"error":{"message":"Your request was rejected as a result of our safety system.","type":"invalid_request_error","code":"content_policy_violation"}}""" },
        { 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""" },
        { 503, """{"error":{"message":"The model is at capacity. Please try again later.","type":"server_error"}}""" },
        { 404, """{"error":{"message":"The model `gpt-4o` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}""" },
    };

    [Theory]
    [MemberData(nameof(NonSwitchingFailures))]
    public async Task AuthRateLimitOverloadModelAndContentErrors_NeverSwitchProtocol(int status, string body)
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (account, upstream) = await AddUnprobedAutoAccountAsync(gateway, "aggregator");
        upstream.On(ChatPath, UpstreamReply.Json(body, status));
        upstream.On(ResponsesPath, UpstreamReply.ResponsesAnswer("must not be asked"));

        var response = await gateway.PostChatAsync(requestId: $"no-switch-{status}");

        Assert.DoesNotContain("must not be asked", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.RequestsTo(ResponsesPath));
        Assert.DoesNotContain("protocol_switch", (await gateway.UsageAsync($"no-switch-{status}")).Trace.Select(t => t.Decision));
        Assert.Null(await gateway.Service<IEndpointProtocolCache>().GetAsync(account.Id, "gpt-4o", default));
    }

    [Fact]
    public async Task AfterFailover_TheCacheIsWrittenForTheAccountThatServed()
    {
        await using var gateway = await StartAsync(autoEndpoint: true);
        var (broken, brokenUpstream) = await AddUnprobedAutoAccountAsync(gateway, "broken", i => i with { Priority = 1 });
        var (healthy, healthyUpstream) = await AddUnprobedAutoAccountAsync(gateway, "healthy", i => i with { Priority = 2 });
        brokenUpstream.On(ResponsesPath, UpstreamReply.Error(500, "boom", "server_error"));
        healthyUpstream.On(ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var response = await gateway.PostChatAsync(requestId: "failover");

        Assert.Contains("healthy answer", await response.Content.ReadAsStringAsync());
        Assert.Equal((1, 1), (brokenUpstream.RequestsTo(ChatPath).Count, brokenUpstream.RequestsTo(ResponsesPath).Count));
        Assert.Equal(ApiProtocol.Chat, await CachedAsync(gateway, healthy.Id, "gpt-4o"));
        await Eventually.TrueAsync(async () =>
        {
            await using var db = gateway.App.CreateDbContext();
            return (await db.EndpointCacheEntries.Select(e => e.AccountId).ToListAsync()) is [var only] && only == healthy.Id;
        }, "the served account's cache entry in the database, and no other");
        Assert.Null(await gateway.Service<IEndpointProtocolCache>().GetAsync(broken.Id, "gpt-4o", default));
    }

    [Fact]
    public async Task FlagOff_UnprobedAccount_KeepsTheLegacyConversionToResponses_WithoutSwitching()
    {
        await using var gateway = await StartAsync(autoEndpoint: false);
        var (_, upstream) = await AddUnprobedAutoAccountAsync(gateway, "legacy");
        upstream.On(ChatPath, UpstreamReply.ChatCompletion("must not be asked"));

        var response = await gateway.PostChatAsync(requestId: "legacy");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var sent = Assert.Single(upstream.RequestsTo(ResponsesPath));
        Assert.Equal("hi", JsonNode.Parse(sent.Body)!["input"]![0]!["content"]!.GetValue<string>());
        Assert.Empty(upstream.RequestsTo(ChatPath));
    }

    [Fact]
    public async Task FlagOff_AccountProbedUnsupported_GetsChatRequestsRawAndResponsesRequestsConverted()
    {
        await using var gateway = await StartAsync(autoEndpoint: false);
        var (account, upstream) = await gateway.AddAccountAsync("deepseek", i => Auto(i) with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "deepseek-chat" } });
        await gateway.SettleProbeAsync(account.Id, false);
        upstream.On(ChatPath, UpstreamReply.ChatCompletion("raw"), UpstreamReply.ChatCompletion("converted"));
        var clientBody = """{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"seed":7,"logit_bias":{"50256":-100}}""";

        var chat = await gateway.PostChatAsync(clientBody);
        var responses = await gateway.PostAsync(ResponsesPath, """{"model":"gpt-4o","input":"hello","instructions":"Be brief."}""", requestId: "converted");

        Assert.Contains("raw", await chat.Content.ReadAsStringAsync());
        var raw = JsonNode.Parse(upstream.RequestsTo(ChatPath)[0].Body)!.AsObject();
        var expected = JsonNode.Parse(clientBody)!.AsObject();
        expected["model"] = "deepseek-chat";
        Assert.True(JsonNode.DeepEquals(expected, raw), raw.ToJsonString());

        var converted = JsonNode.Parse(upstream.RequestsTo(ChatPath)[1].Body)!;
        Assert.Equal("system", converted["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("hello", converted["messages"]![1]!["content"]!.GetValue<string>());
        var answer = await EngineHarness.JsonAsync(responses);
        Assert.Equal("response", answer["object"]!.GetValue<string>());
        Assert.Equal("converted", answer["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Empty(upstream.RequestsTo(ResponsesPath));
        Assert.Equal("deepseek-chat", (await gateway.UsageAsync("converted")).UpstreamModel);
    }

    [Fact]
    public async Task OAuthAccount_GetsTheNormalisedCodexModel_AndTheUsageLogRecordsIt()
    {
        await using var gateway = await StartAsync(autoEndpoint: false);
        var (account, upstream) = await AddUnprobedAutoAccountAsync(gateway, "chatgpt", i => i with { Type = AccountType.OAuth, ApiKey = null, AccessToken = "at", RefreshToken = "rt" });
        upstream.On(ResponsesPath, UpstreamReply.ResponsesAnswer("codex answer"));

        var response = await gateway.PostAsync(ResponsesPath, """{"model":"openai/gpt-5-codex-high","input":"hi"}""", requestId: "codex");

        Assert.Contains("codex answer", await response.Content.ReadAsStringAsync());
        var sent = JsonNode.Parse(upstream.RequestsTo(ResponsesPath)[0].Body)!;
        Assert.Equal(("gpt-5-codex", "high"), (sent["model"]!.GetValue<string>(), sent["reasoning"]!["effort"]!.GetValue<string>()));
        var usage = await gateway.UsageAsync("codex");
        Assert.Equal(("openai/gpt-5-codex-high", "gpt-5-codex"), (usage.Model, usage.UpstreamModel));
    }

    private static async Task<HttpResponseMessage> PostChatWithHeaderAsync(EngineHarness gateway, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatPath) { Content = new StringContent(EngineHarness.ChatBody(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(header, value);
        return await gateway.Client.SendAsync(request);
    }

    private static AccountInput Auto(AccountInput input) => input with { EndpointMode = EndpointMode.Auto };

    /// <summary>An account in <c>auto</c> endpoint mode whose capability probe found nothing either way.</summary>
    private static async Task<(Account Account, ScriptedUpstream Upstream)> AddUnprobedAutoAccountAsync(EngineHarness gateway, string name, Func<AccountInput, AccountInput>? customise = null)
    {
        var (account, upstream) = await gateway.AddAccountAsync(name, i => Auto(customise?.Invoke(i) ?? i));
        await gateway.SettleProbeAsync(account.Id, null);
        return (account, upstream);
    }

    private static async Task<EngineHarness> StartAsync(bool autoEndpoint)
    {
        var gateway = await EngineHarness.StartAsync();
        await gateway.Service<SettingsService>().SaveAsync(new FeatureSettings { AutoEndpoint = autoEndpoint }, default);
        return gateway;
    }

    /// <summary>The cached protocol, waiting for the write that happens after the response.</summary>
    private static async Task<ApiProtocol> CachedAsync(EngineHarness gateway, long accountId, string model)
    {
        var cache = gateway.Service<IEndpointProtocolCache>();
        ApiProtocol? cached = null;
        await Eventually.TrueAsync(async () => (cached = await cache.GetAsync(accountId, model, default)) is not null, $"the cached protocol of {model}");
        return cached!.Value;
    }

    private static List<JsonObject> ChatChunks(string sse) =>
        [.. sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: {", StringComparison.Ordinal))
            .Select(e => JsonNode.Parse(e["data: ".Length..])!.AsObject())];
}
