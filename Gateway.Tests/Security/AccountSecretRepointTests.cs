using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "write-only secrets can be pulled out": an account's stored secret is only ever sent where it was entered
/// for; moving the base URL's host, the token URL's host or the platform needs the secret again (400 naming the field),
/// in the admin API and in the service the console uses; token URLs are https only.
/// </summary>
public sealed class AccountSecretRepointTests : GatewayPerTest
{
    [Fact]
    public async Task RepointedBaseUrlWithoutTheKey_Is400NamingApiKeyAndKeepsTheAccountWhereItWas()
    {
        using var admin = App.CreateAdminClient();
        var id = await CreateAsync(admin, new { name = "a", type = "apikey", base_url = "https://api.deepseek.com", api_key = "sk-stored-secret" });

        var moved = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "a", type = "apikey", base_url = "https://attacker.example" });

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        var errors = (await moved.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("api_key"));
        Assert.Equal("https://api.deepseek.com", (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/accounts/{id}"))!["base_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepointedBaseUrlWithTheKeyAgain_OrANewPathOnTheSameHost_IsSaved()
    {
        using var admin = App.CreateAdminClient();
        var id = await CreateAsync(admin, new { name = "a", type = "apikey", base_url = "https://api.deepseek.com", api_key = "sk-stored-secret" });

        var samePlace = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "a", type = "apikey", base_url = "https://API.deepseek.com/v1" });
        var elsewhere = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "a", type = "apikey", base_url = "https://other.example", api_key = "sk-new" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (samePlace.StatusCode, elsewhere.StatusCode));
    }

    [Fact]
    public async Task ChangedPlatformWithoutTheKey_Is400NamingApiKey()
    {
        using var admin = App.CreateAdminClient();
        var id = await CreateAsync(admin, new { name = "a", platform = "openai", type = "apikey", base_url = "https://api.example", api_key = "sk-stored-secret" });

        var changed = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "a", platform = "openai-compatible", type = "apikey", base_url = "https://api.example" });

        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains("\"api_key\"", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RepointedTokenUrlWithoutTheRefreshToken_Is400NamingRefreshToken()
    {
        using var admin = App.CreateAdminClient();
        var account = new { name = "o", type = "oauth", base_url = "https://api.example", access_token = "at", refresh_token = "rt-stored", token_url = "https://auth.example/token" };
        var id = await CreateAsync(admin, account);

        var moved = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", account with { });
        var movedToken = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "o", type = "oauth", base_url = "https://api.example", token_url = "https://attacker.example/token" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, movedToken.StatusCode);
        var errors = (await movedToken.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["refresh_token"], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task ATokenUrlCarriedThroughAChangeOfType_NeverReceivesTheStoredRefreshToken()
    {
        using var admin = App.CreateAdminClient();
        var id = await CreateAsync(admin, new { name = "o", type = "oauth", base_url = "https://api.example", access_token = "at", refresh_token = "rt-stored", token_url = "https://auth.example/token" });

        // To apikey and back with the attacker's token URL: each change of type needs the new type's secret, and an
        // apikey account keeps no token URL, so the one sent back is new and needs the refresh token again.
        var toApiKeyWithoutKey = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "o", type = "apikey", base_url = "https://api.example", token_url = "https://attacker.example/token" });
        var toApiKey = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "o", type = "apikey", base_url = "https://api.example", token_url = "https://attacker.example/token", api_key = "sk-new" });
        var storedTokenUrl = (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/accounts/{id}"))!["token_url"];
        var backWithoutSecrets = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "o", type = "oauth", base_url = "https://api.example", token_url = "https://attacker.example/token" });
        var backWithAnAccessToken = await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { name = "o", type = "oauth", base_url = "https://api.example", token_url = "https://attacker.example/token", access_token = "at-2" });

        Assert.Equal(["api_key"], await ErrorFieldsAsync(toApiKeyWithoutKey));
        Assert.Equal(HttpStatusCode.OK, toApiKey.StatusCode);
        Assert.Null(storedTokenUrl);
        Assert.Equal(["access_token", "refresh_token"], await ErrorFieldsAsync(backWithoutSecrets));
        Assert.Equal(["refresh_token"], await ErrorFieldsAsync(backWithAnAccessToken));
    }

    [Fact]
    public async Task RepointedBaseUrlWithOnlyANewAccessToken_DropsTheStoredRefreshToken_WhoseFreshTokensWouldGoThere()
    {
        var service = App.Services.GetRequiredService<AccountAdminService>();
        var protector = App.Services.GetRequiredService<SecretProtector>();
        var oauth = new AccountInput { Name = "o", Type = AccountType.OAuth, ApiKey = null, BaseUrl = "https://api.example", AccessToken = "at", RefreshToken = "rt-stored", TokenUrl = "https://auth.example/token" };
        var id = (await service.CreateAsync(oauth, "test", CancellationToken.None)).Value!.Id;

        var newPath = await service.UpdateAsync(id, oauth with { BaseUrl = "https://api.example/v2", AccessToken = "at-2", RefreshToken = null }, "test", CancellationToken.None);
        var kept = protector.Unprotect(newPath.Value!.ProtectedSecret!);
        var moved = await service.UpdateAsync(id, oauth with { BaseUrl = "https://attacker.example", AccessToken = "x", RefreshToken = null }, "test", CancellationToken.None);
        var dropped = protector.Unprotect(moved.Value!.ProtectedSecret!);

        Assert.Equal(("at-2", "rt-stored"), (kept.AccessToken, kept.RefreshToken));
        Assert.Equal(("x", null), (dropped.AccessToken, dropped.RefreshToken));
    }

    [Fact]
    public async Task TheConsolesService_RefusesTheSameMoveNamingTheField()
    {
        var service = App.Services.GetRequiredService<AccountAdminService>();
        var created = await service.CreateAsync(new AccountInput { Name = "a", BaseUrl = "https://api.example", ApiKey = "sk-stored-secret" }, "test", CancellationToken.None);

        var moved = await service.UpdateAsync(created.Value!.Id, new AccountInput { Name = "a", BaseUrl = "https://attacker.example" }, "test", CancellationToken.None);

        Assert.Equal(["api_key"], moved.Errors!.Keys);
        var editor = AccountEditorModel.ForAccount(created.Value);
        editor.BaseUrl = "https://attacker.example";
        Assert.Equal(AccountInputRule.SecretRequiredAgain, Assert.Single(editor.ProblemsOf("api_key")).Rule);
        Assert.False(editor.IsValid);
    }

    [Fact]
    public async Task ConnectionTestOfADraftPointingElsewhere_NeverSendsTheStoredKey()
    {
        await using var elsewhere = await ScriptedUpstream.StartAsync();
        elsewhere.On("/v1/chat/completions", UpstreamReply.ChatCompletion("hi"));
        var service = App.Services.GetRequiredService<AccountAdminService>();
        var created = await service.CreateAsync(new AccountInput { Name = "a", BaseUrl = "https://api.example", ApiKey = "sk-stored-secret" }, "test", CancellationToken.None);
        var draft = new ConnectionDraft(AccountPlatform.OpenAi, AccountType.ApiKey, elsewhere.BaseUrl, new Dictionary<string, string>(), Secret: null, created.Value!.Id);

        await App.Services.GetRequiredService<IAccountConnectionTester>().TestAsync(draft, ApiProtocol.Chat, null, CancellationToken.None);

        var sent = Assert.Single(elsewhere.Received);
        Assert.DoesNotContain("sk-stored-secret", string.Join("\n", sent.Headers.Values));
    }

    [Theory]
    [InlineData("gopher://auth.example/token")]
    [InlineData("http://auth.example/token")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://client:secret@auth.example/token")]
    [InlineData("https://auth.example/token?key=sk-in-the-query")]
    [InlineData("https://auth.example/token#f")]
    public async Task TokenUrlThatIsNotAPlainHttpsUrl_Is400(string tokenUrl)
    {
        using var admin = App.CreateAdminClient();

        var created = await admin.PostAsJsonAsync("/api/admin/accounts", new { name = "o", type = "oauth", base_url = "https://api.example", refresh_token = "rt", token_url = tokenUrl });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("\"token_url\"", await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HttpLoopbackTokenUrl_IsRefusedOutsideDevelopment()
    {
        using var production = new GatewayAppFactory().WithSetting("Security:AllowHttpLoopbackTokenUrl", null);
        using var admin = production.CreateAdminClient();

        var created = await admin.PostAsJsonAsync("/api/admin/accounts", new { name = "o", type = "oauth", base_url = "https://api.example", refresh_token = "rt", token_url = "http://127.0.0.1:9/token" });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("\"token_url\"", await created.Content.ReadAsStringAsync());
    }

    private static async Task<IEnumerable<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order();
    }

    private static async Task<long> CreateAsync(HttpClient admin, object account)
    {
        var created = await admin.PostAsJsonAsync("/api/admin/accounts", account);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }
}
