using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Tests.Web.Admin;

/// <summary>The admin API's OpenAPI document and reference page: every admin route described, admins only.</summary>
public sealed partial class AdminApiDocumentTests : IClassFixture<GatewayAppFactory>
{
    private const string DocumentPath = "/api/admin/openapi/admin.json";

    private readonly GatewayAppFactory _app;

    public AdminApiDocumentTests(GatewayAppFactory app) => _app = app;

    [Fact]
    public async Task Document_ListsEveryAdminRoute_WithItsMethods()
    {
        var document = await ReadDocumentAsync();
        var paths = document["paths"]!.AsObject();

        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/admin/", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("openapi"))
            .SelectMany(e => e.Metadata.GetOrderedMetadata<HttpMethodMetadata>().SelectMany(m => m.HttpMethods), (e, method) => (Path: Normalize(e.RoutePattern.RawText!), Method: method.ToLowerInvariant()))
            .Distinct()
            .ToList();

        Assert.True(routes.Count >= 25, $"only {routes.Count} admin routes found");
        var missing = routes.Where(r => paths[r.Path]?[r.Method] is null).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryOperation_HasASummary_AndItsErrorResponses()
    {
        var document = await ReadDocumentAsync();

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
                Assert.True(responses.ContainsKey("401"), $"{method} {path} does not document 401");
                Assert.True(responses.ContainsKey("403"), $"{method} {path} does not document 403");
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
            }
        }
    }

    [Fact]
    public async Task Document_DescribesBodiesAndTypedAnswers_InSnakeCase()
    {
        var document = await ReadDocumentAsync();
        var createAccount = document["paths"]!["/api/admin/accounts"]!["post"]!;

        Assert.NotNull(createAccount["requestBody"]!["content"]!["application/json"]);
        Assert.Equal(["201", "400", "401", "403", "415"], createAccount["responses"]!.AsObject().Select(r => r.Key).Order());
        var account = document["components"]!["schemas"]!["AccountDto"]!["properties"]!.AsObject();
        Assert.Contains("base_url", account.Select(p => p.Key));
        Assert.Contains("pool_mode_retry_status_codes", account.Select(p => p.Key));
        Assert.DoesNotContain("api_key", account.Select(p => p.Key));
        var body = document["components"]!["schemas"]!["AccountBody"]!["properties"]!.AsObject();
        Assert.Contains("api_key", body.Select(p => p.Key));
        Assert.Contains("oauth_client_id", body.Select(p => p.Key));
        Assert.Equal(["200", "401", "403", "404"], document["paths"]!["/api/admin/groups/{id}"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).Order());
    }

    [Fact]
    public async Task RequestBodies_RequireOnlyTheFieldsWithoutADefault()
    {
        var schemas = (await ReadDocumentAsync())["components"]!["schemas"]!;

        string Required(string schema) => string.Join(' ', schemas[schema]!["required"]?.AsArray().Select(r => r!.GetValue<string>()).Order() ?? Enumerable.Empty<string>());
        Assert.Equal(
            ("base_url name", "name", "group_id name", "", ""),
            (Required("AccountBody"), Required("GroupBody"), Required("ApiKeyBody"), Required("SettingsBody"), Required("ConnectionTestBody")));
    }

    [Fact]
    public async Task UsageQuery_DocumentsItsFilters_AndItsRowShape()
    {
        var document = await ReadDocumentAsync();
        var query = document["paths"]!["/api/admin/usage"]!["get"]!;

        var parameters = query["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["from", "to", "account_id", "key_id", "model", "status", "attempt_status", "failed_over", "request_id", "offset", "limit"], parameters);
        var row = document["components"]!["schemas"]!["UsageLogDto"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(
            ["id", "created_at", "request_id", "client_request_id", "response_id", "key_id", "group_id", "account_id", "model", "upstream_model", "inbound_protocol", "upstream_protocol",
             "stream", "status", "input_tokens", "output_tokens", "cached_tokens", "duration_ms", "first_token_ms", "attempts", "error", "trace"],
            row);
    }

    [Fact]
    public async Task AuditQuery_DocumentsItsFilters_AndItsEntryShape()
    {
        var document = await ReadDocumentAsync();
        var query = document["paths"]!["/api/admin/audit"]!["get"]!;

        var parameters = query["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["from", "to", "action", "actor", "account_id", "offset", "limit"], parameters);
        Assert.Equal(["200", "400", "401", "403"], query["responses"]!.AsObject().Select(r => r.Key).Order());
        var entry = document["components"]!["schemas"]!["AuditEntryDto"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["id", "created_at", "action", "actor", "account_id", "detail"], entry);
    }

    [Fact]
    public async Task Document_IsForAdminsOnly()
    {
        var anonymous = await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(DocumentPath);
        var viewer = await (await SignedInClient.CreateAsync(_app, AdminRoles.Viewer)).GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    [Fact]
    public async Task ReferencePage_ServesAdmins_AndSendsOthersToTheLoginPage()
    {
        var anonymous = await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api-reference");
        var signedIn = await SignedInClient.CreateAsync(_app, AdminRoles.Admin);
        var admin = await signedIn.GetAsync("/api-reference/");
        var script = await signedIn.GetAsync("/api-reference/scalar.js");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("openapi/admin.json", await admin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the reference page's script is served by the gateway itself");
    }

    [Fact]
    public async Task CreatedGroupsAndKeys_PointAtRoutesThatAnswer()
    {
        var admin = _app.CreateAdminClient();
        var group = await admin.PostAsync("/api/admin/groups", Json($$"""{"name":"located-{{Guid.NewGuid():N}}"}"""));
        var groupId = JsonNode.Parse(await group.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var key = await admin.PostAsync("/api/admin/keys", Json($$"""{"name":"located","group_id":{{groupId}}}"""));

        var groupAgain = JsonNode.Parse(await admin.GetStringAsync(group.Headers.Location))!;
        var keyAgain = JsonNode.Parse(await admin.GetStringAsync(key.Headers.Location))!;

        Assert.Equal(groupId, groupAgain["id"]!.GetValue<long>());
        Assert.Equal(groupId, keyAgain["group_id"]!.GetValue<long>());
        Assert.Null(keyAgain["key"]);
    }

    [Fact]
    public async Task DisabledKey_StopsAuthenticating_AndEnabledAgain_Works()
    {
        var admin = _app.CreateAdminClient();
        var group = JsonNode.Parse(await (await admin.PostAsync("/api/admin/groups", Json($$"""{"name":"toggle-{{Guid.NewGuid():N}}"}"""))).Content.ReadAsStringAsync())!;
        var key = JsonNode.Parse(await (await admin.PostAsync("/api/admin/keys", Json($$"""{"name":"toggle","group_id":{{group["id"]}}}"""))).Content.ReadAsStringAsync())!;
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key["key"]!.GetValue<string>());

        var disabled = JsonNode.Parse(await (await admin.PostAsync($"/api/admin/keys/{key["id"]}/disable", null)).Content.ReadAsStringAsync())!;
        var refused = await client.GetAsync("/v1/models");
        var enabled = JsonNode.Parse(await (await admin.PostAsync($"/api/admin/keys/{key["id"]}/enable", null)).Content.ReadAsStringAsync())!;
        var accepted = await client.GetAsync("/v1/models");

        Assert.False(disabled["enabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(enabled["enabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private async Task<JsonObject> ReadDocumentAsync()
    {
        var response = await _app.CreateAdminClient().GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    // "/api/admin/accounts/{id:long}/" as the document writes it: "/api/admin/accounts/{id}".
    private static string Normalize(string pattern) => RouteConstraint().Replace(pattern, "}").TrimEnd('/');

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex RouteConstraint();
}
