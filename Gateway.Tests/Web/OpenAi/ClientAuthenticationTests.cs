using System.Net;

namespace Gateway.Tests.Web.OpenAi;

/// <summary>SPEC 3.1 API-key authentication and the gateway's own errors, in OpenAI's shape.</summary>
public sealed class ClientAuthenticationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("sk-gw-not-a-real-key")]
    public async Task MissingOrUnknownKey_Gets401InOpenAiShapeWithARequestId(string? key)
    {
        await using var gateway = await EngineHarness.StartAsync();
        using var client = new HttpClient { BaseAddress = gateway.Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await PostChatAsync(client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single());
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal(("invalid_request_error", "invalid_api_key"), (error["type"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        Assert.NotNull(error["message"]);
    }

    [Fact]
    public async Task XApiKeyHeader_Authenticates()
    {
        await using var gateway = await StartWithAnAnsweringAccountAsync();
        using var client = new HttpClient { BaseAddress = gateway.Address };
        client.DefaultRequestHeaders.Add("x-api-key", gateway.Key);

        var response = await PostChatAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DisabledOrDeletedKey_IsRefusedAtOnceDespiteTheCache(bool delete)
    {
        await using var gateway = await StartWithAnAnsweringAccountAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.PostChatAsync()).StatusCode);
        var keys = gateway.Service<ApiKeyAdminService>();
        var id = await TheKeyIdAsync(gateway);
        if (delete)
        {
            await keys.DeleteAsync(id, "test", CancellationToken.None);
        }
        else
        {
            await keys.SetEnabledAsync(id, false, "test", CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.PostChatAsync()).StatusCode);
    }

    [Fact]
    public async Task ExpiredKey_Gets401()
    {
        await using var gateway = await EngineHarness.StartAsync();
        using var client = await ClientWithKeyAsync(gateway, new ApiKeyInput("old", gateway.GroupId, ExpiresAt: gateway.Time.GetUtcNow().UtcDateTime.AddMinutes(5)));
        gateway.Time.Advance(TimeSpan.FromMinutes(6));

        var response = await PostChatAsync(client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task KeyRequestsPerMinuteLimit_Answers429InOpenAiShape()
    {
        await using var gateway = await StartWithAnAnsweringAccountAsync();
        using var client = await ClientWithKeyAsync(gateway, new ApiKeyInput("limited", gateway.GroupId, RequestsPerMinute: 2));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await PostChatAsync(client)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task KeyConcurrencyLimit_Answers429ForTheRequestOverTheLimit()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a", i => i with { Concurrency = 10 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok") with { HeldUntil = release.Task });
        using var client = await ClientWithKeyAsync(gateway, new ApiKeyInput("one-at-a-time", gateway.GroupId, ConcurrencyLimit: 1));

        var slow = PostChatAsync(client);
        await upstream.ReceivedAsync(EngineHarness.ChatPath, "the first request upstream");

        var second = await PostChatAsync(client);
        release.SetResult();

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("rate_limit_error", (await EngineHarness.JsonAsync(second))["error"]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
    }

    [Fact]
    public async Task UnknownEndpointUnderV1_Gets404InOpenAiShape()
    {
        await using var gateway = await EngineHarness.StartAsync();

        var response = await gateway.Client.GetAsync("/v1/embeddings-nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_url", (await EngineHarness.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(EngineHarness.ChatPath, "error.type", "server_error")]
    [InlineData(EngineHarness.MessagesPath, "type", "error")]
    public async Task DatabaseUnreadableWhileAKeyIsLookedUp_Gets500InTheClientsShape(string path, string typeField, string type)
    {
        await using var gateway = await EngineHarness.StartAsync();
        await using (var db = gateway.App.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE api_keys RENAME TO api_keys_away");
        }

        using var client = new HttpClient { BaseAddress = gateway.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-gw-never-seen-before");

        var response = await client.PostAsync(path, new StringContent(EngineHarness.ChatBody(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single());
        var body = await EngineHarness.JsonAsync(response);
        var field = typeField.Split('.').Aggregate((JsonNode?)body, (node, name) => node?[name]);
        Assert.Equal(type, field!.GetValue<string>());
        Assert.DoesNotContain("api_keys", body.ToJsonString());
    }

    /// <summary>A gateway with one account that answers every Chat request.</summary>
    private static async Task<EngineHarness> StartWithAnAnsweringAccountAsync()
    {
        var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));
        return gateway;
    }

    private static Task<HttpResponseMessage> PostChatAsync(HttpClient client) =>
        client.PostAsync(EngineHarness.ChatPath, new StringContent(EngineHarness.ChatBody(), Encoding.UTF8, "application/json"));

    /// <summary>A client of the gateway authenticated with a new key of <paramref name="input"/>.</summary>
    private static async Task<HttpClient> ClientWithKeyAsync(EngineHarness gateway, ApiKeyInput input)
    {
        var created = await gateway.Service<ApiKeyAdminService>().CreateAsync(input, "test", CancellationToken.None);
        var client = new HttpClient { BaseAddress = gateway.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Value!.Secret);
        return client;
    }

    /// <summary>The id of the harness's own (only) key.</summary>
    private static async Task<long> TheKeyIdAsync(EngineHarness gateway)
    {
        await using var db = gateway.App.CreateDbContext();
        return (await db.ApiKeys.SingleAsync()).Id;
    }
}
