using System.Net;

namespace Gateway.Tests.Web.Admin;

public sealed class AdminAccountApiTests : IClassFixture<GatewayAppFactory>
{
    private readonly GatewayAppFactory _app;
    private readonly HttpClient _admin;

    public AdminAccountApiTests(GatewayAppFactory app)
    {
        _app = app;
        _admin = app.CreateAdminClient();
    }

    [Fact]
    public async Task AnonymousCall_Gets401NotARedirect()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/admin/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task WrongBearerToken_Gets401()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");

        var response = await client.GetAsync("/api/admin/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccountCrud_WorksWithTheBootstrapTokenAndNeverReturnsTheApiKey()
    {
        var group = await (await _admin.PostAsJsonAsync("/api/admin/groups", new { name = $"team-{Guid.NewGuid():N}" })).Content.ReadFromJsonAsync<JsonObject>();
        var groupId = group!["id"]!.GetValue<long>();

        var created = await _admin.PostAsJsonAsync("/api/admin/accounts", new
        {
            name = "deepseek-1",
            platform = "openai-compatible",
            type = "apikey",
            base_url = "https://api.deepseek.com",
            api_key = "sk-very-secret-value",
            priority = 10,
            group_ids = new[] { groupId },
            model_mapping = new Dictionary<string, string> { ["gpt-4*"] = "deepseek-chat" },
            pool_mode = true,
            pool_mode_retry_status_codes = new object[] { "503", 429, 429 },
            endpoint_mode = "chat",
        });
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("sk-very-secret-value", createdText);
        var account = JsonNode.Parse(createdText)!.AsObject();
        var id = account["id"]!.GetValue<long>();
        Assert.Equal("openai-compatible", account["platform"]!.GetValue<string>());
        Assert.Equal("[429,503]", account["pool_mode_retry_status_codes"]!.ToJsonString());
        Assert.Equal("chat", account["endpoint_mode"]!.GetValue<string>());
        Assert.Equal(groupId, account["group_ids"]![0]!.GetValue<long>());
        Assert.False(account.ContainsKey("api_key"));

        var read = await _admin.GetStringAsync($"/api/admin/accounts/{id}");
        Assert.DoesNotContain("sk-very-secret-value", read);
        Assert.Contains("\"has_secret\":true", read);

        // PUT replaces the object; the omitted secret is kept.
        var replaced = await _admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new
        {
            name = "deepseek-renamed",
            platform = "openai-compatible",
            type = "apikey",
            base_url = "https://api.deepseek.com/v1",
            pool_mode = true,
            pool_mode_retry_status_codes = Array.Empty<int>(),
            endpoint_mode = "both",
        });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = await replaced.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("deepseek-renamed", after!["name"]!.GetValue<string>());
        Assert.Equal("[]", after["pool_mode_retry_status_codes"]!.ToJsonString());
        Assert.Equal("both", after["endpoint_mode"]!.GetValue<string>());
        Assert.Equal(50, after["priority"]!.GetValue<int>());
        Assert.True(after["has_secret"]!.GetValue<bool>());

        var list = await _admin.GetStringAsync("/api/admin/accounts");
        Assert.Contains("deepseek-renamed", list);
        Assert.DoesNotContain("sk-very-secret-value", list);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/admin/accounts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/admin/accounts/{id}")).StatusCode);
    }

    [Fact]
    public async Task InvalidAccount_Gets400ProblemDetailsNamingEveryBadField()
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/accounts", new
        {
            name = "",
            platform = "azure",
            base_url = "not a url",
            priority = "high",
            concurrency = 0,
            pool_mode_retry_status_codes = new object[] { 429, 99, "abc" },
            endpoint_mode = "sometimes",
            group_ids = new[] { 999999 },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        foreach (var field in new[] { "name", "platform", "base_url", "priority", "pool_mode_retry_status_codes", "endpoint_mode" })
        {
            Assert.True(errors.ContainsKey(field), $"missing error for {field}: {errors.ToJsonString()}");
        }

        var codeErrors = errors["pool_mode_retry_status_codes"]!.ToJsonString();
        Assert.Contains("99", codeErrors);
        Assert.Contains("abc", codeErrors);
        Assert.Equal(0, await CountAccountsNamedAsync(""));
    }

    [Fact]
    public async Task AnthropicPlatform_IsAccepted_AndRefusedWithOAuth()
    {
        var created = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name = "claude", platform = "anthropic", base_url = "https://api.anthropic.com", api_key = "sk-ant-x" });
        var oauth = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name = "claude-oauth", platform = "anthropic", type = "oauth", base_url = "https://api.anthropic.com", access_token = "t" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("anthropic", (await created.Content.ReadFromJsonAsync<JsonObject>())!["platform"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, oauth.StatusCode);
        Assert.True((await oauth.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("type"));
    }

    [Fact]
    public async Task RuleViolations_AreReportedTogether()
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name = "x", base_url = "https://a.test", concurrency = 0, priority = -1, group_ids = new[] { 424242 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("concurrency"));
        Assert.True(errors.ContainsKey("priority"));
        Assert.True(errors.ContainsKey("api_key"));
        Assert.True(errors.ContainsKey("group_ids"));
    }

    [Fact]
    public async Task MalformedJson_Gets400ProblemDetails()
    {
        var response = await _admin.PostAsync("/api/admin/accounts", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiKeySecret_IsEncryptedInTheRawColumn()
    {
        const string secret = "sk-plaintext-must-not-be-stored";
        var created = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name = "enc", base_url = "https://api.openai.com", api_key = secret });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        await using var db = _app.CreateDbContext();
        var raw = await db.Database.SqlQuery<string>($"SELECT ProtectedSecret AS Value FROM accounts WHERE Id = {id}").SingleAsync();

        Assert.False(string.IsNullOrEmpty(raw));
        Assert.DoesNotContain(secret, raw);
        Assert.DoesNotContain("sk-plaintext", raw);
        var file = await File.ReadAllBytesAsync(_app.DatabasePath);
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task BaseUrlCarryingAKey_IsRefusedNamingTheField_AndAnOlderOneIsShownWithoutIt()
    {
        var refused = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name = "query-key", base_url = "https://api.example/v1?key=sk-in-query", api_key = "k" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("without a query string", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["base_url"]![0]!.GetValue<string>());
        Assert.Equal(0, await CountAccountsNamedAsync("query-key"));

        var id = await CreateAccountAsync("older");
        await using (var db = _app.CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.BaseUrl, "https://user:sk-pass@up.example/v1?key=sk-query#f"));
        }

        var shown = await _admin.GetStringAsync($"/api/admin/accounts/{id}");
        var listed = await _admin.GetStringAsync("/api/admin/accounts");

        Assert.Equal("https://up.example/v1", JsonNode.Parse(shown)!["base_url"]!.GetValue<string>());
        Assert.DoesNotContain("sk-", shown + listed);
    }

    [Fact]
    public async Task ClearCooldown_ResetsStateAndSuspensions()
    {
        var created = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name = "cool", base_url = "https://a.test", api_key = "k" });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        await using (var db = _app.CreateDbContext())
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == id);
            account.Status = Gateway.Core.Accounts.AccountStatus.Error;
            account.ErrorMessage = "403 x3";
            account.CooldownUntil = DateTime.UtcNow.AddHours(1);
            account.CooldownReason = "403 temporary cooldown (3/3)";
            account.ForbiddenStrikes = 3;
            db.ModelSuspensions.Add(new() { AccountId = id, UpstreamModel = "m", Until = DateTime.UtcNow.AddHours(1), Reason = "model_not_supported" });
            await db.SaveChangesAsync();
        }

        var listed = await _admin.GetFromJsonAsync<JsonObject>($"/api/admin/accounts/{id}");
        Assert.Equal("m", listed!["suspended_models"]![0]!["model"]!.GetValue<string>());

        var cleared = await (await _admin.PostAsync($"/api/admin/accounts/{id}/clear-cooldown", null)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("active", cleared!["status"]!.GetValue<string>());
        Assert.Null(cleared["cooldown_until"]);
        Assert.Equal(0, cleared["forbidden_strikes"]!.GetValue<int>());
        await using var check = _app.CreateDbContext();
        Assert.False(await check.ModelSuspensions.AnyAsync(s => s.AccountId == id));
    }

    [Fact]
    public async Task KeyCreation_ShowsTheSecretOnceAndStoresOnlyItsHash()
    {
        var group = await (await _admin.PostAsJsonAsync("/api/admin/groups", new { name = $"keys-{Guid.NewGuid():N}" })).Content.ReadFromJsonAsync<JsonObject>();
        var response = await _admin.PostAsJsonAsync("/api/admin/keys", new { name = "client", group_id = group!["id"]!.GetValue<long>() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var secret = key["key"]!.GetValue<string>();
        Assert.StartsWith("sk-gw-", secret);
        Assert.StartsWith(key["prefix"]!.GetValue<string>(), secret);

        var list = await _admin.GetStringAsync("/api/admin/keys");
        Assert.DoesNotContain(secret, list);
        Assert.DoesNotContain("\"key\"", list);
        await using var db = _app.CreateDbContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == key["id"]!.GetValue<long>());
        Assert.Equal(Gateway.Core.Security.KeyHasher.Hash(secret), stored.KeyHash);
    }

    [Fact]
    public async Task GroupMembers_AreSetThroughAccountIds_KeptWhenOmitted_AndUnknownIdsAreNamed()
    {
        var first = await CreateAccountAsync($"m1-{Guid.NewGuid():N}");
        var second = await CreateAccountAsync($"m2-{Guid.NewGuid():N}");
        var name = $"members-{Guid.NewGuid():N}";

        var created = await (await _admin.PostAsJsonAsync("/api/admin/groups", new { name, account_ids = new[] { first } })).Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<long>();
        Assert.Equal([first], created["account_ids"]!.AsArray().Select(n => n!.GetValue<long>()));

        var replaced = await (await _admin.PutAsJsonAsync($"/api/admin/groups/{id}", new { name, account_ids = new[] { second } })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal([second], replaced!["account_ids"]!.AsArray().Select(n => n!.GetValue<long>()));

        var renamed = await (await _admin.PutAsJsonAsync($"/api/admin/groups/{id}", new { name = name + "-x" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal([second], renamed!["account_ids"]!.AsArray().Select(n => n!.GetValue<long>()));

        var unknown = await _admin.PutAsJsonAsync($"/api/admin/groups/{id}", new { name, account_ids = new[] { 999_999L } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("account_ids", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OverLongUrlsClientIdAndMappedModel_AreRefusedNamingEachField_NotCutToTheirColumn()
    {
        var longUrl = "https://api.deepseek.com/" + new string('v', AccountInputValidator.MaxUrlLength);
        var name = $"long-{Guid.NewGuid():N}";

        var response = await _admin.PostAsJsonAsync("/api/admin/accounts", new
        {
            name,
            type = "oauth",
            base_url = longUrl,
            access_token = "at",
            token_url = longUrl,
            oauth_client_id = new string('c', AccountInputValidator.MaxOAuthClientIdLength + 1),
            model_mapping = new Dictionary<string, string> { ["gpt-4o"] = new string('m', GatewayOptions.ModelColumnLength + 1) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["base_url", "model_mapping", "oauth_client_id", "token_url"], errors.Select(e => e.Key).Order());
        Assert.Contains($"at most {AccountInputValidator.MaxUrlLength} characters", errors["base_url"]!.ToJsonString());
        Assert.Equal(0, await CountAccountsNamedAsync(name));
    }

    [Fact]
    public async Task GroupAndKeyFieldsOfTheWrongType_AreNamedWithEveryOtherBadField()
    {
        var taken = $"taken-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/admin/groups", new { name = taken })).StatusCode);

        var group = await _admin.PostAsJsonAsync("/api/admin/groups", new { name = taken, description = 5, account_ids = new[] { 999_999L } });
        var key = await _admin.PostAsJsonAsync("/api/admin/keys", new { name = new string('k', ApiKeyAdminService.MaxNameLength + 1), group_id = "one", concurrency_limit = 0, requests_per_minute = true });

        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        var groupErrors = (await group.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["account_ids", "description", "name"], groupErrors.Select(e => e.Key).Order());
        Assert.Contains("Must be a string", groupErrors["description"]!.ToJsonString());
        Assert.Contains("already exists", groupErrors["name"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        var keyErrors = (await key.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["concurrency_limit", "group_id", "name", "requests_per_minute"], keyErrors.Select(e => e.Key).Order());
        Assert.Contains("Must be an integer", keyErrors["group_id"]!.ToJsonString());
        Assert.Contains("Must be an integer", keyErrors["requests_per_minute"]!.ToJsonString());
    }

    [Fact]
    public async Task OverLongGroupDescriptionOrKeyName_IsRefused_NotCutToItsColumn()
    {
        var name = $"long-{Guid.NewGuid():N}";
        var group = await _admin.PostAsJsonAsync("/api/admin/groups", new { name, description = new string('d', GroupAdminService.MaxDescriptionLength + 1) });
        var fits = await _admin.PostAsJsonAsync("/api/admin/groups", new { name, description = new string('d', GroupAdminService.MaxDescriptionLength) });
        var groupId = (await fits.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var key = await _admin.PostAsJsonAsync("/api/admin/keys", new { name = " " + new string('k', ApiKeyAdminService.MaxNameLength + 1), group_id = groupId });

        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        Assert.Contains($"at most {GroupAdminService.MaxDescriptionLength} characters", await group.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        Assert.Contains($"at most {ApiKeyAdminService.MaxNameLength} characters", await key.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeyWithoutGroup_IsRejected()
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/keys", new { name = "client" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("group_id", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Settings_RoundTripAutoEndpointAndRejectWrongTypes()
    {
        var put = await _admin.PutAsJsonAsync("/api/admin/settings", new { auto_endpoint = true });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((await _admin.GetFromJsonAsync<JsonObject>("/api/admin/settings"))!["auto_endpoint"]!.GetValue<bool>());

        var bad = await _admin.PutAsync("/api/admin/settings", JsonContent.Create(JsonDocument.Parse("""{"auto_endpoint":"yes","unknown":1}""").RootElement));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("auto_endpoint", text);
        Assert.Contains("unknown", text);
    }

    [Theory]
    [InlineData("GET", "/api/admin/accounts")]
    [InlineData("POST", "/api/admin/accounts")]
    [InlineData("GET", "/api/admin/accounts/1")]
    [InlineData("PUT", "/api/admin/accounts/1")]
    [InlineData("DELETE", "/api/admin/accounts/1")]
    [InlineData("POST", "/api/admin/accounts/1/probe")]
    [InlineData("POST", "/api/admin/accounts/1/test")]
    [InlineData("POST", "/api/admin/accounts/1/clear-cooldown")]
    [InlineData("GET", "/api/admin/groups")]
    [InlineData("PUT", "/api/admin/groups/1")]
    [InlineData("GET", "/api/admin/keys")]
    [InlineData("DELETE", "/api/admin/keys/1")]
    [InlineData("GET", "/api/admin/usage")]
    [InlineData("GET", "/api/admin/settings")]
    [InlineData("PUT", "/api/admin/settings")]
    [InlineData("GET", "/api/admin/jobs")]
    [InlineData("POST", "/api/admin/jobs/cooldown-expiry/trigger")]
    public async Task EveryAdminCall_Answers401ToAnonymousCallersWithoutRedirect(string method, string path)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private async Task<long> CreateAccountAsync(string name)
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/accounts", new { name, base_url = "https://up.example", api_key = "k" });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    private async Task<int> CountAccountsNamedAsync(string name)
    {
        await using var db = _app.CreateDbContext();
        return await db.Accounts.CountAsync(a => a.Name == name);
    }
}
