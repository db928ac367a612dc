using System.Net;
using Gateway.Tests.Security;

namespace Gateway.Tests.Web.Admin;

/// <summary>
/// Bad input on the admin API (SPEC 7.1): every field and element of each body it accepts, replaced in turn by a value
/// of each other JSON kind or an odd one of its own, and every query parameter its OpenAPI document lists, given odd
/// values, is either taken or refused with a 400 that names what is wrong; never a 500.
/// </summary>
public sealed class AdminMalformedBodyTests(GatewayAppFactory app) : AdminApiWithUpstream(app)
{
    // Names unique within the gateway the class shares.
    private static string Unique(string what) => $"fuzz-{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task EveryFieldOfAnotherKind_IsTakenOrRefusedWithA400_NeverA500()
    {
        var groupId = await IdOfAsync(await Admin.PostAsJsonAsync("/api/admin/groups", new { name = Unique("group") }));
        var accountId = await IdOfAsync(await Admin.PostAsJsonAsync("/api/admin/accounts", new { name = Unique("account"), base_url = Upstream.BaseUrl, api_key = "k" }));
        var account = new JsonObject
        {
            ["name"] = "fuzz-account",
            ["base_url"] = Upstream.BaseUrl + "/v1",
            ["platform"] = "openai-compatible",
            ["type"] = "apikey",
            ["api_key"] = "sk-fuzz",
            ["priority"] = 10,
            ["concurrency"] = 3,
            ["group_ids"] = new JsonArray(groupId),
            ["model_mapping"] = new JsonObject { ["gpt-4*"] = "deepseek-chat" },
            ["pool_mode"] = true,
            ["pool_mode_retry_count"] = 2,
            ["pool_mode_retry_status_codes"] = new JsonArray(429, 503),
            ["passthrough"] = false,
            ["endpoint_mode"] = "chat",
            ["status"] = "active",
            ["schedulable"] = true,
        };
        var oauth = new JsonObject
        {
            ["name"] = "fuzz-oauth",
            ["base_url"] = Upstream.BaseUrl,
            ["platform"] = "anthropic",
            ["type"] = "oauth",
            ["access_token"] = "at",
            ["refresh_token"] = "rt",
            ["token_url"] = "https://auth.example/token",
            ["oauth_client_id"] = "client",
        };
        var group = new JsonObject { ["name"] = "fuzz-group", ["description"] = "d", ["account_ids"] = new JsonArray(accountId) };
        var key = new JsonObject { ["name"] = "fuzz-key", ["group_id"] = groupId, ["expires_at"] = "2030-01-01T00:00:00Z", ["concurrency_limit"] = 2, ["requests_per_minute"] = 60 };
        (HttpMethod Method, string Path, JsonObject Body)[] calls =
        [
            (HttpMethod.Post, "/api/admin/accounts", account),
            (HttpMethod.Put, $"/api/admin/accounts/{accountId}", account),
            (HttpMethod.Post, "/api/admin/accounts", oauth),
            (HttpMethod.Post, "/api/admin/groups", group),
            (HttpMethod.Put, $"/api/admin/groups/{groupId}", group),
            (HttpMethod.Post, "/api/admin/keys", key),
            (HttpMethod.Put, "/api/admin/settings", new JsonObject { ["auto_endpoint"] = false }),
            (HttpMethod.Post, $"/api/admin/accounts/{accountId}/test", new JsonObject { ["protocol"] = "chat", ["model"] = "m" }),
        ];

        var failures = new List<string>();
        foreach (var (method, path, body) in calls)
        {
            foreach (var (where, text) in MalformedJson.Variants(body))
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") };
                using var response = await Admin.SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || (response.StatusCode == HttpStatusCode.BadRequest && !answer.Contains("errors", StringComparison.Ordinal) && !answer.Contains("detail", StringComparison.Ordinal)))
                {
                    failures.Add($"{method} {path} {where}: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 200)]}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryQueryParameterWithAnOddValue_IsTakenOrRefusedWithA400_NeverA500()
    {
        string[] odd = ["", "abc", "-1", "0", "1.5", "1e400", "99999999999999999999", "2026-13-45", "2026-12-01T25:61:00Z", "true", "%00", "\ud800", new string('9', 400)];
        var document = (await Admin.GetFromJsonAsync<JsonObject>("/api/admin/openapi/admin.json"))!;
        var queries = (from path in document["paths"]!.AsObject()
                       where !path.Key.Contains('{')
                       from parameter in path.Value!["get"]?["parameters"]?.AsArray() ?? []
                       where parameter!["in"]!.GetValue<string>() == "query"
                       select (Path: path.Key, Name: parameter["name"]!.GetValue<string>())).ToList();

        var failures = new List<string>();
        foreach (var (path, name) in queries)
        {
            foreach (var value in odd)
            {
                using var response = await Admin.GetAsync($"{path}?{name}={Uri.EscapeDataString(value)}");
                var answer = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || (response.StatusCode != HttpStatusCode.OK && (response.StatusCode != HttpStatusCode.BadRequest || !answer.Contains(name, StringComparison.OrdinalIgnoreCase))))
                {
                    failures.Add($"GET {path}?{name}={value}: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 200)]}");
                }
            }
        }

        Assert.True(queries.Count >= 10, $"only {queries.Count} query parameters documented");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static async Task<long> IdOfAsync(HttpResponseMessage created)
    {
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }
}
