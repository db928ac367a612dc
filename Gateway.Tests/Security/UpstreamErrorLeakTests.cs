using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "upstream error text reaches clients and usage rows verbatim": what an upstream writes in its errors is
/// scrubbed of the account's secret and of credential-shaped strings, a standard account's errors are the gateway's own,
/// and no upstream content type is relayed.
/// </summary>
public sealed class UpstreamErrorLeakTests
{
    // Shaped like no known key, so only the literal match of the account's own secret can catch it.
    private const string LeakySecret = "plain-passphrase-of-the-leaky-account";
    private const string MessagesBody = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task UpstreamEchoingItsKey_NeverShowsTheKeyToTheClientTheUsageRowOrTheLogs()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("leaky", i => i with { ApiKey = LeakySecret });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(401,
            $"Incorrect API key provided: {LeakySecret}. You sent 'Authorization: Bearer {LeakySecret}' and x-api-key: abcdefgh12345678",
            "invalid_request_error", "invalid_api_key"));

        var response = await gateway.PostChatAsync(requestId: "leak-1");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(LeakySecret, body);
        Assert.DoesNotContain("abcdefgh12345678", body);
        Assert.Contains("[redacted]", body);
        await AssertUsageRowKeepsOnlyAndLogsHoldNoSecretAsync(gateway, "leak-1", "Incorrect API key provided");
    }

    [Fact]
    public async Task ReportedFailureEchoingAKey_IsScrubbedFromTheClientsError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("leaky", i => i with { ApiKey = LeakySecret });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Json(
            $$$"""{"error":{"message":"context_length_exceeded for key {{{LeakySecret}}}","type":"invalid_request_error","code":"context_length_exceeded"}}"""));

        var response = await gateway.PostChatAsync(requestId: "leak-2");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(LeakySecret, body);
        Assert.Contains("\"code\":\"context_length_exceeded\"", body);
        Assert.DoesNotContain(LeakySecret, (await gateway.UsageAsync("leak-2")).Error);
    }

    [Fact]
    public async Task StandardAccountHtml400_IsAnsweredWithTheGatewaysOwnJsonErrorNeverTheUpstreamsHtml()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("html");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Html(400, "<html><script>alert(document.cookie)</script></html>"));

        var response = await gateway.PostChatAsync();
        var body = await response.Content.ReadAsStringAsync();

        var json = AssertGatewaysOwnJson400(response, body);
        Assert.Equal("invalid_request_error", json["error"]!["type"]!.GetValue<string>());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task StandardAccountJson400_KeepsTheUpstreamsMessageAndCodeInTheGatewaysShape()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("strict");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Json(
            """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","code":"context_length_exceeded","param":"messages","extra":"dropped"}}""",
            400) with { ContentType = "text/html" });

        var response = await gateway.PostChatAsync();
        var error = (await EngineHarness.JsonAsync(response))["error"]!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("This model's maximum context length is 8192 tokens.", error["message"]!.GetValue<string>());
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.False(error.ContainsKey("extra"));
    }

    [Fact]
    public async Task PassthroughHtmlError_IsRelayedAsPlainTextWithoutTheAccountsSecret()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("passthrough", i => i with { Passthrough = true, ApiKey = LeakySecret });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Html(404, $"<html>no such thing for {LeakySecret}</html>"));

        var response = await gateway.PostChatAsync();
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no such thing for [redacted]", body);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AnthropicUpstreamEchoingItsKey_GivesTheMessagesClientAnAnthropicErrorWithoutTheKey()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync(i => i with { ApiKey = LeakySecret }, name: "leaky-anthropic");
        upstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(401, "authentication_error", $"invalid x-api-key {LeakySecret}"));

        var response = await gateway.PostAsync(EngineHarness.MessagesPath, MessagesBody, requestId: "leak-anthropic");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(LeakySecret, body);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("error", json["type"]!.GetValue<string>());
        Assert.Equal("api_error", json["error"]!["type"]!.GetValue<string>());
        await AssertUsageRowKeepsOnlyAndLogsHoldNoSecretAsync(gateway, "leak-anthropic", "[redacted]");
    }

    [Fact]
    public async Task AnthropicUpstreamHtml400_GivesTheMessagesClientTheGatewaysAnthropicError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync(name: "html-anthropic");
        upstream.On(AnthropicReplies.MessagesPath, UpstreamReply.Html(400, "<html><script>alert(document.cookie)</script></html>"));

        var response = await gateway.PostAsync(EngineHarness.MessagesPath, MessagesBody);
        var body = await response.Content.ReadAsStringAsync();

        var json = AssertGatewaysOwnJson400(response, body);
        Assert.Equal("error", json["type"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", json["error"]!["type"]!.GetValue<string>());
    }

    /// <summary>The request's usage row keeps <paramref name="kept"/> of the upstream's error but not the secret, and no log line holds the secret.</summary>
    private static async Task AssertUsageRowKeepsOnlyAndLogsHoldNoSecretAsync(EngineHarness gateway, string requestId, string kept)
    {
        var row = await gateway.UsageAsync(requestId);
        Assert.DoesNotContain(LeakySecret, row.Error);
        Assert.Contains(kept, row.Error);
        Assert.DoesNotContain(gateway.App.Logs.Entries, e => e.Contains(LeakySecret, StringComparison.Ordinal));
    }

    /// <summary>An upstream's HTML 400 answered with the gateway's own JSON error, no script of the upstream in it: that error.</summary>
    private static JsonNode AssertGatewaysOwnJson400(HttpResponseMessage response, string body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", body);
        return JsonNode.Parse(body)!;
    }
}
