namespace Gateway.Tests.Security;

/// <summary>
/// One secret of every kind the gateway keeps, saved through the admin API and put to use, for the sweeps that look for
/// them afterwards: an account's API key and the key that replaces it, an oauth account's access and refresh tokens and
/// the tokens its refresh stores, an anthropic account's key, and a client key issued in the group. Their upstreams echo
/// them in their errors; every client protocol sends traffic, stream and not; each account gets a connection test and a
/// probe. Every admin answer and every client answer is kept in <see cref="Answers"/>, except the one that issues the
/// client key (the one place a secret may show, once).
/// </summary>
public sealed class SecretsInUse : IAsyncDisposable
{
    public const string TokenPath = "/oauth/token";

    // Every secret saved or issued, and the tokens the refresh stored.
    private readonly List<string> _secrets = [];
    private readonly List<string> _answers = [];
    private readonly List<ScriptedUpstream> _upstreams = [];
    private readonly HttpClient _admin;

    private SecretsInUse(HttpClient admin) => _admin = admin;

    /// <summary>What the admin API and the gateway answered, status, headers and body.</summary>
    public IReadOnlyList<string> Answers => _answers;

    /// <summary>The accounts: the one whose key was replaced, the oauth one and the anthropic one.</summary>
    public IReadOnlyList<long> AccountIds { get; private set; } = [];

    /// <summary>
    /// Saves the secrets in the group <paramref name="groupId"/> of <paramref name="app"/> (served at
    /// <paramref name="address"/>) and uses each, checking that each was used.
    /// </summary>
    public static async Task<SecretsInUse> SaveAndUseAsync(GatewayAppFactory app, Uri address, long groupId)
    {
        var sweep = new SecretsInUse(app.CreateAdminClient());
        try
        {
            await sweep.UseAsync(app, address, groupId);
            return sweep;
        }
        catch
        {
            await sweep.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends an admin request that must succeed, keeping its answer; its body as JSON, if it is JSON.</summary>
    public async Task<JsonNode?> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        _answers.Add($"{method} {path} {(int)response.StatusCode} {response.Headers}{response.Content.Headers}\n{text}");
        Assert.True(response.IsSuccessStatusCode, _answers[^1]);
        return response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
    }

    /// <summary>Each saved secret found in <paramref name="texts"/>, with the start of the text it was found in.</summary>
    public IEnumerable<string> LeaksIn(IEnumerable<string> texts) =>
        from secret in _secrets
        from text in texts
        where text.Contains(secret, StringComparison.Ordinal)
        select $"{secret[..8]}… in: {text[..Math.Min(text.Length, 300)]}";

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        foreach (var upstream in _upstreams)
        {
            await upstream.DisposeAsync();
        }
    }

    private async Task UseAsync(GatewayAppFactory app, Uri address, long groupId)
    {
        var openAi = await UpstreamAsync();
        var oauth = await UpstreamAsync();
        var anthropic = await UpstreamAsync();
        var (firstKey, replacingKey, accessToken, refreshToken, refreshedAccess, refreshedRefresh, anthropicKey) =
            (Secret("sk-first"), Secret("sk-replacing"), Secret("at-first"), Secret("rt-first"), Secret("at-refreshed"), Secret("rt-refreshed"), Secret("sk-ant"));

        // The first account fails every request, echoing its key; the oauth one needs a refresh once; the anthropic one is busy once.
        openAi.On(EngineHarness.ChatPath, UpstreamReply.Error(401, $"Incorrect API key provided: {replacingKey}", "invalid_request_error", "invalid_api_key"));
        openAi.On(EngineHarness.ResponsesPath, UpstreamReply.Error(500, $"internal error for Bearer {replacingKey}", "server_error"));
        oauth.On(EngineHarness.ChatPath, UpstreamReply.Error(401, $"token {accessToken} expired", "invalid_request_error", "invalid_api_key"), UpstreamReply.ChatCompletion("from oauth"));
        oauth.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesAnswer("from oauth"));
        oauth.On(TokenPath, UpstreamReply.Json($$"""{"access_token":"{{refreshedAccess}}","refresh_token":"{{refreshedRefresh}}"}"""));
        anthropic.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(529, "overloaded_error", $"busy, x-api-key {anthropicKey}"), AnthropicReplies.Message("end_turn", AnthropicReplies.Text("from anthropic")));

        var firstId = await CreateAsync(Account("first", openAi, groupId, 1, new { api_key = firstKey }));
        await AdminAsync(HttpMethod.Put, $"/api/admin/accounts/{firstId}", Account("first", openAi, groupId, 1, new { api_key = replacingKey }));
        var oauthId = await CreateAsync(Account("oauth", oauth, groupId, 2, new
        {
            type = "oauth",
            access_token = accessToken,
            refresh_token = refreshToken,
            token_url = oauth.BaseUrl + TokenPath,
        }));
        var anthropicId = await CreateAsync(Account("anthropic", anthropic, groupId, 3, new { platform = "anthropic", api_key = anthropicKey }));
        AccountIds = [firstId, oauthId, anthropicId];
        var clientKey = (await AdminAsync(HttpMethod.Post, "/api/admin/keys", new { name = "issued", group_id = groupId }))!["key"]!.GetValue<string>();
        _secrets.Add(clientKey);
        _answers.RemoveAt(_answers.Count - 1);
        await app.Services.GetRequiredService<AccountPool>().RefreshAsync(CancellationToken.None);

        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", clientKey);
        foreach (var stream in new[] { false, true })
        {
            foreach (var protocol in ClientAnswers.Protocols)
            {
                using var response = await client.PostAsync(WeatherTurns.PathFor(protocol), new StringContent(WeatherTurns.Question(protocol, stream), Encoding.UTF8, "application/json"));
                _answers.Add($"{protocol} {(int)response.StatusCode} {response.Headers}\n{await response.Content.ReadAsStringAsync()}");
            }
        }

        foreach (var id in AccountIds)
        {
            await AdminAsync(HttpMethod.Post, $"/api/admin/accounts/{id}/test");
            await AdminAsync(HttpMethod.Post, $"/api/admin/accounts/{id}/probe");
        }

        // Every secret was used: the first key replaced and refused, the oauth tokens refreshed, the anthropic key tried.
        Assert.Equal(1, oauth.CountTo(TokenPath));
        Assert.Contains(openAi.Received, r => r.Headers["Authorization"] == $"Bearer {replacingKey}");
        Assert.Contains(anthropic.Received, r => r.Headers.TryGetValue("x-api-key", out var key) && key == anthropicKey);
    }

    private string Secret(string name)
    {
        var secret = $"{name}-{Guid.NewGuid():N}";
        _secrets.Add(secret);
        return secret;
    }

    private async Task<ScriptedUpstream> UpstreamAsync()
    {
        var upstream = await ScriptedUpstream.StartAsync();
        _upstreams.Add(upstream);
        return upstream;
    }

    private async Task<long> CreateAsync(object body) => (await AdminAsync(HttpMethod.Post, "/api/admin/accounts", body))!["id"]!.GetValue<long>();

    /// <summary>An account body for <paramref name="upstream"/> in the group, with <paramref name="secrets"/> and whatever else they set.</summary>
    private static JsonObject Account(string name, ScriptedUpstream upstream, long group, int priority, object secrets)
    {
        var account = JsonSerializer.SerializeToNode(secrets)!.AsObject();
        account["name"] = name;
        account["base_url"] = upstream.BaseUrl;
        account["priority"] = priority;

        // Each client protocol as it came, so the oauth account's Chat script meets the Chat client.
        account["endpoint_mode"] = "both";
        account["group_ids"] = new JsonArray(group);
        return account;
    }
}
