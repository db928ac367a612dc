using System.Net;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Web.Anthropic;

/// <summary>SPEC 5.5: the Messages endpoint's own answers — authentication, validation, exhaustion, the model list — in Anthropic's shape.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private EngineHarness _gateway = null!;

    public async Task InitializeAsync() => _gateway = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task UnknownKey_IsAnAuthenticationErrorTheSdkRecognises()
    {
        var client = AnthropicSdk.For(_gateway, key: "sk-gw-not-a-real-key");

        var error = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => client.Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 16,
            Messages = [new UserMessageParam("hi")],
        }));

        Assert.Contains("Invalid, disabled or expired API key", error.Message);
    }

    [Theory]
    [InlineData(null, "Missing API key")]
    [InlineData("x-api-key", "Invalid, disabled or expired")]
    public async Task MissingOrUnknownKey_Gets401InAnthropicShape(string? header, string message)
    {
        using var client = new HttpClient { BaseAddress = _gateway.Address };
        if (header is not null)
        {
            client.DefaultRequestHeaders.Add(header, "sk-gw-unknown");
        }

        var response = await client.PostAsync(EngineHarness.MessagesPath, new StringContent(Body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await EngineHarness.JsonAsync(response);
        Assert.Equal(("error", "authentication_error"), (json["type"]!.GetValue<string>(), json["error"]!["type"]!.GetValue<string>()));
        Assert.Contains(message, json["error"]!["message"]!.GetValue<string>());
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single());
    }

    [Fact]
    public async Task XApiKey_Authenticates_AndABadBodyIsAnInvalidRequestErrorWithAUsageRow()
    {
        using var client = new HttpClient { BaseAddress = _gateway.Address };
        client.DefaultRequestHeaders.Add("x-api-key", _gateway.Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, EngineHarness.MessagesPath) { Content = new StringContent("{\"max_tokens\":1}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-request-id", "messages-bad");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Golden.AssertEqual(
            """{"type":"error","error":{"type":"invalid_request_error","message":"'model' is required and must be a non-empty string."}}""",
            await EngineHarness.JsonAsync(response));
        var usage = await _gateway.UsageAsync("messages-bad");
        Assert.Equal((ApiProtocol.Messages, 400), (usage.InboundProtocol, usage.Status));
    }

    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""", "Missing required parameter: 'max_tokens'.")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":16}""", "Missing required parameter: 'messages'.")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":1.5,"messages":[]}""", "Invalid type for 'max_tokens': expected an integer.")]
    public async Task WhatTheMessagesApiRequires_IsAskedFor_InAnthropicShape_BeforeAnAccountConvertsTheRequest(string body, string message)
    {
        var (_, upstream) = await _gateway.AddAccountAsync("chat", i => i with { EndpointMode = EndpointMode.Chat });

        var response = await _gateway.PostAsync(EngineHarness.MessagesPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal(("invalid_request_error", message), (error["type"]!.GetValue<string>(), error["message"]!.GetValue<string>()));
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task EveryAccountCoolingDown_IsARateLimitErrorWithRetryAfter()
    {
        var (account, upstream) = await _gateway.AddAnthropicAccountAsync();
        upstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(429, "rate_limit_error", "slow down", ("retry-after", "30")));
        var client = AnthropicSdk.For(_gateway);
        var parameters = new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 16, Messages = [new UserMessageParam("hi")] };

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Create(parameters));

        Assert.Contains("rate-limited or cooling down", error.Message);
        var response = await _gateway.PostAsync(EngineHarness.MessagesPath, Body);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate_limit_error", (await EngineHarness.JsonAsync(response))["error"]!["type"]!.GetValue<string>());
        Assert.NotNull((await _gateway.AccountAsync(account.Id)).CooldownUntil);
    }

    [Fact]
    public async Task NoAccount_IsAnApiError()
    {
        var response = await _gateway.PostAsync(EngineHarness.MessagesPath, Body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("api_error", (await EngineHarness.JsonAsync(response))["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ModelList_IsInAnthropicsShape_ForAnAnthropicClient_AndInOpenAisOtherwise()
    {
        await _gateway.AddAccountAsync("mapped", i => i with { ModelMapping = new Dictionary<string, string> { ["claude-sonnet-4-5"] = "deepseek-chat", ["claude-opus-*"] = "x", ["gpt-4o"] = "gpt-4o" } });
        var client = AnthropicSdk.For(_gateway);

        var page = await client.Models.List();

        Assert.Equal(["claude-sonnet-4-5", "gpt-4o"], page.Items.Select(m => m.ID));
        Assert.Equal("claude-sonnet-4-5", page.Items[0].DisplayName);
        var openAi = await EngineHarness.JsonAsync(await _gateway.Client.GetAsync("/v1/models"));
        Assert.Equal("list", openAi["object"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPathOfAnAnthropicClient_IsANotFoundError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages/batches") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gateway.Key);
        using var client = new HttpClient { BaseAddress = _gateway.Address };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", (await EngineHarness.JsonAsync(response))["error"]!["type"]!.GetValue<string>());
    }
}
