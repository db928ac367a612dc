using System.Net;

namespace Gateway.Tests.Web.OpenAi;

/// <summary>SPEC 9: bad input gets a clear OpenAI-style error, never a 500 with a stack trace.</summary>
public sealed class RequestValidationTests
{
    [Theory]
    [InlineData("{not json", "invalid_json")]
    [InlineData("[1,2]", "invalid_json")]
    [InlineData("""{"messages":[]}""", "missing_model")]
    [InlineData("""{"model":42,"messages":[]}""", "missing_model")]
    [InlineData("""{"model":"gpt-4o","stream":"yes"}""", "invalid_type")]
    [InlineData("""{"model":"gpt-4o"}""", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":{"role":"user"}}""", "invalid_type")]
    public async Task MalformedRequests_Get400InOpenAiShape(string body, string code)
    {
        await using var gateway = await EngineHarness.StartAsync();

        var response = await gateway.PostAsync(EngineHarness.ChatPath, body, requestId: $"bad-{code}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal(("invalid_request_error", code), (error["type"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        var usage = await gateway.UsageAsync($"bad-{code}");
        Assert.Equal((400, 0), (usage.Status, usage.Attempts));
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","stream":true}""", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}],"metadata":{"user_id":"{{long}}"}}""", "session_id_too_long")]
    public async Task ARefusalAfterTheBodyWasRead_IsLoggedWithTheModelAndTheStreamItAskedFor(string body, string code)
    {
        await using var gateway = await EngineHarness.StartAsync();

        var response = await gateway.PostAsync(EngineHarness.ChatPath, body.Replace("{{long}}", new string('u', 300), StringComparison.Ordinal), requestId: $"refused-{code}");

        Assert.Equal(code, (await EngineHarness.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
        var usage = await gateway.UsageAsync($"refused-{code}");
        Assert.Equal((400, "gpt-4o", true), (usage.Status, usage.Model, usage.Stream));
    }

    // The history repairs only look at the turns: members of unexpected kinds are the upstream's to judge.
    [Theory]
    [InlineData("openai", EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":[{"type":1},{"type":"reasoning","encrypted_content":2},"hi"]}""")]
    [InlineData("anthropic", EngineHarness.MessagesPath, """{"model":"claude-x","max_tokens":8,"thinking":{"type":3},"messages":[{"role":1,"content":[{"type":4}]},{"role":"assistant","content":[{"type":"thinking","signature":5},{"type":"tool_use"}]}]}""")]
    [InlineData("anthropic", EngineHarness.MessagesPath, """{"model":"claude-x","max_tokens":8,"thinking":{"type":"enabled"},"messages":[{"role":"assistant","content":[{"type":6},{"type":"tool_use"}]}]}""")]
    public async Task HistoryMembersOfUnexpectedKinds_AreForwardedAsSent(string platform, string path, string body)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a", i => i with { Platform = platform == "anthropic" ? AccountPlatform.Anthropic : AccountPlatform.OpenAi });
        upstream.On(path, UpstreamReply.Error(400, "bad history"));

        var response = await gateway.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad history", await response.Content.ReadAsStringAsync());
        Assert.Single(upstream.RequestsTo(path));
    }

    [Fact]
    public async Task BodyOverTheLimit_Gets413InOpenAiShape()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:MaxRequestBodyBytes", "1024"));

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody(content: new string('x', 4096)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await EngineHarness.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResponsesNonStream_IsForwardedToTheResponsesEndpoint()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ResponsesPath, UpstreamReply.Json("""{"id":"resp_1","object":"response","output":[],"usage":{"input_tokens":4,"output_tokens":6}}"""));

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi"}""", requestId: "resp-1");

        Assert.Equal("resp_1", (await EngineHarness.JsonAsync(response))["id"]!.GetValue<string>());
        Assert.Single(upstream.RequestsTo(EngineHarness.ResponsesPath));
        var usage = await gateway.UsageAsync("resp-1");
        Assert.Equal((4, 6), (usage.InputTokens, usage.OutputTokens));
    }

    [Fact]
    public async Task BaseUrlEndingInV1_IsNotDoubled()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        await using var db = gateway.App.CreateDbContext();
        var row = db.Accounts.Single();
        row.BaseUrl = upstream.BaseUrl + "/v1/";
        await db.SaveChangesAsync();
        await gateway.Service<Gateway.Core.Accounts.AccountPool>().RefreshAsync(CancellationToken.None);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task UsageRow_StoresTheUpstreamModelOnlyWhenMapped()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a", i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "deepseek-chat", ["same-model"] = "same-model" } });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));

        await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o"), requestId: "mapped");
        await gateway.PostChatAsync(EngineHarness.ChatBody("same-model"), requestId: "unmapped");

        var mapped = await gateway.UsageAsync("mapped");
        var unmapped = await gateway.UsageAsync("unmapped");
        Assert.Equal(("gpt-4o", "deepseek-chat"), (mapped.Model, mapped.UpstreamModel));
        Assert.Equal(("same-model", null), (unmapped.Model, unmapped.UpstreamModel));
        Assert.Equal("deepseek-chat", JsonNode.Parse(upstream.RequestsTo(EngineHarness.ChatPath)[0].Body)!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Models_ListsTheMappedModelNamesOfTheKeysGroup()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await gateway.AddAccountAsync("a", i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "x", ["gpt-4*"] = "y" } });
        await gateway.AddAccountAsync("b", i => i with { ModelMapping = new Dictionary<string, string> { ["deepseek-chat"] = "deepseek-chat" } });

        var response = await gateway.Client.GetAsync("/v1/models");

        var json = await EngineHarness.JsonAsync(response);
        Assert.Equal("list", json["object"]!.GetValue<string>());
        Assert.Equal(["deepseek-chat", "gpt-4o"], json["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal("model", json["data"]![0]!["object"]!.GetValue<string>());
    }
}
