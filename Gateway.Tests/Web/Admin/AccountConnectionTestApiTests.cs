using System.Net;

namespace Gateway.Tests.Web.Admin;

public sealed class AccountConnectionTestApiTests(GatewayAppFactory app) : AdminApiWithUpstream(app)
{
    [Fact]
    public async Task ChatTest_SendsOneTinyRequestWithTheAccountsKeyAndReportsStatusAndLatency()
    {
        Upstream.On("/v1/chat/completions", UpstreamReply.ChatCompletion("pong"));
        var id = await CreateAccountAsync(Upstream.BaseUrl + "/v1", new Dictionary<string, string> { ["gpt-4o"] = "deepseek-chat" });

        var result = await TestAsync(id, """{"protocol":"chat"}""");

        Assert.True(result["succeeded"]!.GetValue<bool>());
        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.Equal("chat", result["protocol"]!.GetValue<string>());
        Assert.Equal("deepseek-chat", result["model"]!.GetValue<string>());
        Assert.Equal("pong", result["reply"]!.GetValue<string>());
        Assert.True(result["latency_ms"]!.GetValue<int>() >= 0);
        var sent = Assert.Single(Upstream.RequestsTo("/v1/chat/completions"));
        Assert.Equal("Bearer sk-test-secret", sent.Headers["Authorization"]);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("deepseek-chat", body["model"]!.GetValue<string>());
        Assert.False(body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResponsesTest_SendsTheChosenModel_AndReportsTheReplyText()
    {
        Upstream.On("/v1/responses", UpstreamReply.ResponsesAnswer("hello from responses"));
        var id = await CreateAccountAsync(Upstream.BaseUrl);

        var result = await TestAsync(id, """{"protocol":"responses","model":"gpt-5-mini"}""");

        Assert.Equal("gpt-5-mini", result["model"]!.GetValue<string>());
        Assert.Equal("hello from responses", result["reply"]!.GetValue<string>());
        // The capability probe of the new account posts there too, with its own model.
        Assert.Contains(Upstream.RequestsTo("/v1/responses"), r => JsonNode.Parse(r.Body)!["model"]!.GetValue<string>() == "gpt-5-mini");
    }

    [Fact]
    public async Task FailedResponsesTest_ReportsTheUpstreamMessageAndLeavesTheAccountUntouched()
    {
        Upstream.On("/v1/responses", UpstreamReply.Error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
        var id = await CreateAccountAsync(Upstream.BaseUrl);

        var result = await TestAsync(id, """{"protocol":"responses"}""");

        Assert.False(result["succeeded"]!.GetValue<bool>());
        Assert.Equal(401, result["status"]!.GetValue<int>());
        Assert.Contains("Incorrect API key provided", result["detail"]!.GetValue<string>());
        Assert.DoesNotContain("sk-test-secret", result.ToJsonString());
        await using var db = App.CreateDbContext();
        var account = await db.Accounts.SingleAsync(a => a.Id == id);
        Assert.Equal(Gateway.Core.Accounts.AccountStatus.Active, account.Status);
        Assert.Null(account.CooldownUntil);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"protocol":"chat"}""")]
    [InlineData("""{"protocol":"messages"}""")]
    public async Task AnthropicAccount_IsTestedOverMessagesWithItsApiKeyHeader(string? body)
    {
        Upstream.On("/v1/messages", AnthropicReplies.Message("end_turn", AnthropicReplies.Text("pong")));
        var id = await CreateAccountAsync(Upstream.BaseUrl, platform: "anthropic");

        var result = await TestAsync(id, body);

        Assert.Equal((true, 200, "messages"), (result["succeeded"]!.GetValue<bool>(), result["status"]!.GetValue<int>(), result["protocol"]!.GetValue<string>()));
        var sent = Assert.Single(Upstream.RequestsTo("/v1/messages"));
        Assert.Equal(("sk-test-secret", "2023-06-01"), (sent.Headers["x-api-key"], sent.Headers["anthropic-version"]));
    }

    [Fact]
    public async Task MessagesTestOfAnOpenAiAccount_IsAChatTest()
    {
        Upstream.On("/v1/chat/completions", UpstreamReply.ChatCompletion("pong"));
        var id = await CreateAccountAsync(Upstream.BaseUrl);

        var result = await TestAsync(id, """{"protocol":"messages"}""");

        Assert.Equal("chat", result["protocol"]!.GetValue<string>());
        Assert.Single(Upstream.RequestsTo("/v1/chat/completions"));
    }

    [Theory]
    [InlineData("chat", "/v1/chat/completions", """{"choices":[1]}""")]
    [InlineData("chat", "/v1/chat/completions", """{"choices":[{"message":"pong"}]}""")]
    [InlineData("responses", "/v1/responses", """{"output":[1,{"content":"pong"},{"content":[2]}]}""")]
    [InlineData("responses", "/v1/responses", """{"content":[null,{"text":3}]}""")]
    public async Task SuccessfulAnswerOfAnUnexpectedShape_ReportsItsStatusWithoutAReply(string protocol, string path, string answer)
    {
        Upstream.On(path, UpstreamReply.Json(answer));
        var id = await CreateAccountAsync(Upstream.BaseUrl);

        var result = await TestAsync(id, $$"""{"protocol":"{{protocol}}"}""");

        Assert.Equal((true, 200), (result["succeeded"]!.GetValue<bool>(), result["status"]!.GetValue<int>()));
        Assert.Null(result["reply"]);
    }

    [Fact]
    public async Task RefusedConnection_ReportsNoStatus()
    {
        var id = await CreateAccountAsync($"http://127.0.0.1:{ClosedPort()}");

        var result = await TestAsync(id, null);

        Assert.False(result["succeeded"]!.GetValue<bool>());
        Assert.Null(result["status"]);
        Assert.Contains("Network error", result["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownAccount_Is404AndABadProtocolIs400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/accounts/987654/test", null)).StatusCode);

        var id = await CreateAccountAsync(Upstream.BaseUrl);
        var bad = await Admin.PostAsync($"/api/admin/accounts/{id}/test", JsonContent.Create(JsonNode.Parse("""{"protocol":"grpc"}""")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("protocol", await bad.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> TestAsync(long id, string? body)
    {
        var response = await Admin.PostAsync($"/api/admin/accounts/{id}/test", body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<long> CreateAccountAsync(string baseUrl, Dictionary<string, string>? mapping = null, string platform = "openai")
    {
        var created = await Admin.PostAsJsonAsync("/api/admin/accounts", new { name = $"t-{Guid.NewGuid():N}", platform, base_url = baseUrl, api_key = "sk-test-secret", model_mapping = mapping ?? [] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
