using System.Net.Http.Json;

namespace Gateway.Tests.Security;

/// <summary>
/// "Secrets never appear in logs, UI or API responses after they are saved", swept rather than spot-checked: every secret
/// the admin API takes (an account's API key and the key that replaces it, an oauth account's access and refresh tokens,
/// an anthropic account's key), the client keys, and the tokens a refresh stores, after traffic that uses each of them
/// (answers, upstream errors that echo the key, a token refresh, connection tests and probes); then every GET route the
/// admin API's own OpenAPI document lists, for every id, with the usage export, and every log line.
/// </summary>
public sealed class SecretSweepTests
{
    private const string TokenPath = "/oauth/token";

    [Fact]
    public async Task NoSavedSecret_AppearsInAnyAdminAnswer_TheUsageExport_OrTheLogs()
    {
        await using var gateway = await EngineHarness.StartAsync();
        using var admin = gateway.App.CreateAdminClient();
        await using var openAi = await ScriptedUpstream.StartAsync();
        await using var oauth = await ScriptedUpstream.StartAsync();
        await using var anthropic = await ScriptedUpstream.StartAsync();
        var secrets = new List<string> { gateway.Key };
        string Secret(string name)
        {
            var secret = $"{name}-{Guid.NewGuid():N}";
            secrets.Add(secret);
            return secret;
        }

        var (firstKey, replacingKey, accessToken, refreshToken, refreshedAccess, refreshedRefresh, anthropicKey) =
            (Secret("sk-first"), Secret("sk-replacing"), Secret("at-first"), Secret("rt-first"), Secret("at-refreshed"), Secret("rt-refreshed"), Secret("sk-ant"));

        // The first account fails every request, echoing its key; the oauth one needs a refresh once; the anthropic one is busy once.
        openAi.On(EngineHarness.ChatPath, UpstreamReply.Error(401, $"Incorrect API key provided: {replacingKey}", "invalid_request_error", "invalid_api_key"));
        openAi.On(EngineHarness.ResponsesPath, UpstreamReply.Error(500, $"internal error for Bearer {replacingKey}", "server_error"));
        oauth.On(EngineHarness.ChatPath, UpstreamReply.Error(401, $"token {accessToken} expired", "invalid_request_error", "invalid_api_key"), UpstreamReply.ChatCompletion("from oauth"));
        oauth.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesAnswer("from oauth"));
        oauth.On(TokenPath, UpstreamReply.Json($$"""{"access_token":"{{refreshedAccess}}","refresh_token":"{{refreshedRefresh}}"}"""));
        anthropic.On(AnthropicReplies.MessagesPath, AnthropicReplies.Error(529, "overloaded_error", $"busy, x-api-key {anthropicKey}"), AnthropicReplies.Message("end_turn", AnthropicReplies.Text("from anthropic")));

        var answers = new List<string>();
        async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            answers.Add($"{method} {path} {(int)response.StatusCode} {response.Headers}{response.Content.Headers}\n{text}");
            Assert.True(response.IsSuccessStatusCode, answers[^1]);
            return response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        }

        async Task<long> CreateAsync(string path, object body) => (await SendAsync(HttpMethod.Post, path, body))!["id"]!.GetValue<long>();

        var group = gateway.GroupId;
        var firstId = await CreateAsync("/api/admin/accounts", Account("first", openAi, group, 1, new { api_key = firstKey }));
        await SendAsync(HttpMethod.Put, $"/api/admin/accounts/{firstId}", Account("first", openAi, group, 1, new { api_key = replacingKey }));
        var oauthId = await CreateAsync("/api/admin/accounts", Account("oauth", oauth, group, 2, new
        {
            type = "oauth",
            access_token = accessToken,
            refresh_token = refreshToken,
            token_url = oauth.BaseUrl + TokenPath,
        }));
        var anthropicId = await CreateAsync("/api/admin/accounts", Account("anthropic", anthropic, group, 3, new { platform = "anthropic", api_key = anthropicKey }));
        secrets.Add((await SendAsync(HttpMethod.Post, "/api/admin/keys", new { name = "issued", group_id = group }))!["key"]!.GetValue<string>());

        // The one answer that shows a secret: the one that issues a client key, once.
        answers.RemoveAt(answers.Count - 1);
        await gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);

        foreach (var stream in new[] { false, true })
        {
            foreach (var client in ClientAnswers.Protocols)
            {
                using var response = await gateway.PostAsync(WeatherTurns.PathFor(client), WeatherTurns.Question(client, stream));
                answers.Add($"{client} {(int)response.StatusCode} {response.Headers}\n{await response.Content.ReadAsStringAsync()}");
            }
        }

        foreach (var id in new[] { firstId, oauthId, anthropicId })
        {
            await SendAsync(HttpMethod.Post, $"/api/admin/accounts/{id}/test");
            await SendAsync(HttpMethod.Post, $"/api/admin/accounts/{id}/probe");
        }

        // Every secret was used: the first key replaced and refused, the oauth tokens refreshed, the anthropic key tried.
        Assert.Equal(1, oauth.CountTo(TokenPath));
        Assert.Contains(openAi.Received, r => r.Headers["Authorization"] == $"Bearer {replacingKey}");
        Assert.Contains(anthropic.Received, r => r.Headers.TryGetValue("x-api-key", out var key) && key == anthropicKey);

        var document = await SendAsync(HttpMethod.Get, "/api/admin/openapi/admin.json");
        var routes = document!["paths"]!.AsObject().Where(p => p.Value!["get"] is not null).Select(p => p.Key).ToList();
        var swept = new HashSet<string>();
        foreach (var route in routes.Where(r => !r.Contains('{')))
        {
            var list = await SendAsync(HttpMethod.Get, route);
            swept.Add(route);
            foreach (var item in routes.Where(r => r.StartsWith(route + "/{", StringComparison.Ordinal)))
            {
                var parameter = item[(route.Length + 2)..item.IndexOf('}')];
                foreach (var value in Items(list).Select(i => i[parameter]?.ToString()).OfType<string>())
                {
                    await SendAsync(HttpMethod.Get, item.Replace($"{{{parameter}}}", value, StringComparison.Ordinal));
                    swept.Add(item);
                }
            }
        }

        Assert.Equal(routes.Order(), swept.Order());
        Assert.Contains(answers, a => a.StartsWith("GET /api/admin/accounts/", StringComparison.Ordinal) && a.Contains("\"name\":\"oauth\"", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.StartsWith("GET /api/admin/usage/export", StringComparison.Ordinal) && a.Contains("claude-sonnet-4-5", StringComparison.Ordinal));
        var leaks = from secret in secrets
                    from text in answers.Concat(gateway.App.Logs.Entries)
                    where text.Contains(secret, StringComparison.Ordinal)
                    select $"{secret[..8]}… in: {text[..Math.Min(text.Length, 300)]}";
        Assert.Empty(leaks);
    }

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

    // What a list answer holds: an array, or a page whose items are one.
    private static IEnumerable<JsonObject> Items(JsonNode? list) =>
        (list as JsonArray ?? list?["items"] as JsonArray ?? []).OfType<JsonObject>();
}
