using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 4.3 and 4.4 over real HTTP.</summary>
public sealed class StandardAccountTests
{
    [Fact]
    public async Task Standard429_CoolsTheAccountUntilRetryAfterAndFailsOver()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (limited, upstream) = await gateway.AddAccountAsync("limited", i => i with { Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "120" } });
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var response = await gateway.PostChatAsync();

        Assert.Contains("healthy answer", await response.Content.ReadAsStringAsync());
        var stored = await gateway.AccountAsync(limited.Id);
        Assert.Equal(TimeSpan.FromSeconds(120), stored.CooldownUntil!.Value - gateway.Time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Standard429WithoutRetryAfter_CoolsFiveSeconds()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (limited, upstream) = await gateway.AddAccountAsync("limited", i => i with { Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(429, "slow down", "rate_limit_error"));
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        await gateway.PostChatAsync();

        var stored = await gateway.AccountAsync(limited.Id);
        Assert.Equal(TimeSpan.FromSeconds(5), stored.CooldownUntil!.Value - gateway.Time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Standard529_CoolsTenMinutes()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (overloaded, upstream) = await gateway.AddAccountAsync("overloaded", i => i with { Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(529, "overloaded", "overloaded_error"));
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        await gateway.PostChatAsync();

        var stored = await gateway.AccountAsync(overloaded.Id);
        Assert.Equal(TimeSpan.FromMinutes(10), stored.CooldownUntil!.Value - gateway.Time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Standard401OnApiKeyAccount_MarksItErrorAndFailsOver()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (revoked, upstream) = await gateway.AddAccountAsync("revoked", i => i with { Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var response = await gateway.PostChatAsync();

        Assert.Contains("healthy answer", await response.Content.ReadAsStringAsync());
        var stored = await gateway.AccountAsync(revoked.Id);
        Assert.Equal(AccountStatus.Error, stored.Status);
        Assert.NotNull(stored.ErrorMessage);
    }

    [Fact]
    public async Task Standard401OnOAuthAccount_RefreshesTheTokenOnceStoresItEncryptedAndRetries()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (oauth, upstream) = await gateway.AddAccountAsync("oauth", i => i with
        {
            Type = AccountType.OAuth,
            ApiKey = null,
            AccessToken = "at-old",
            RefreshToken = "rt-old",
            OAuthClientId = "client-1",
        });
        await SetTokenUrlAsync(gateway, oauth.Id, upstream.BaseUrl + "/oauth/token");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(401, "token expired", "invalid_request_error"), UpstreamReply.ChatCompletion("after refresh"));
        upstream.On("/oauth/token", UpstreamReply.Json("""{"access_token":"at-new","refresh_token":"rt-new","token_type":"Bearer"}"""));

        var response = await gateway.PostChatAsync();

        Assert.Contains("after refresh", await response.Content.ReadAsStringAsync());
        var calls = upstream.RequestsTo(EngineHarness.ChatPath);
        Assert.Equal(["Bearer at-old", "Bearer at-new"], calls.Select(c => c.Headers["Authorization"]));
        var grant = upstream.RequestsTo("/oauth/token").Single().Body;
        Assert.Contains("grant_type=refresh_token", grant);
        Assert.Contains("refresh_token=rt-old", grant);
        Assert.Contains("client_id=client-1", grant);
        var stored = await gateway.AccountAsync(oauth.Id);
        Assert.DoesNotContain("at-new", stored.ProtectedSecret);
        var secret = gateway.Service<SecretProtector>().Unprotect(stored.ProtectedSecret!);
        Assert.Equal(("at-new", "rt-new"), (secret.AccessToken, secret.RefreshToken));
        Assert.Null(stored.CooldownUntil);
    }

    [Fact]
    public async Task Standard401OnOAuthAccount_StillUnauthorizedAfterRefresh_CoolsTenMinutesAndFailsOver()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (oauth, upstream) = await gateway.AddAccountAsync("oauth", i => i with { Type = AccountType.OAuth, ApiKey = null, AccessToken = "at", RefreshToken = "rt", Priority = 1 });
        var (_, good) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        await SetTokenUrlAsync(gateway, oauth.Id, upstream.BaseUrl + "/oauth/token");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(401, "token revoked", "invalid_request_error"));
        upstream.On("/oauth/token", UpstreamReply.Json("""{"access_token":"at-2"}"""));
        good.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var response = await gateway.PostChatAsync();

        Assert.Contains("healthy answer", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Equal(1, upstream.CountTo("/oauth/token"));
        var stored = await gateway.AccountAsync(oauth.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal(TimeSpan.FromMinutes(10), stored.CooldownUntil!.Value - gateway.Time.GetUtcNow().UtcDateTime);
    }

    [Theory]
    [InlineData("Invalid value for 'messages[0].role'")]
    [InlineData("This model's maximum context length is 128000 tokens")]
    [InlineData("Your request was rejected as a result of our safety system (content policy)")]
    public async Task RequestErrors_GoToTheClientAtOnceWithoutPenalty(string message)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountAsync("a", i => i with { Priority = 1 });
        var (_, other) = await gateway.AddAccountAsync("b", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, message));

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message.Replace("'", "\\u0027"), await response.Content.ReadAsStringAsync());
        Assert.Equal(0, other.CountTo(EngineHarness.ChatPath));
        var stored = await gateway.AccountAsync(account.Id);
        Assert.Equal((null, AccountStatus.Active), (stored.CooldownUntil, stored.Status));
    }

    [Fact]
    public async Task ModelNotSupported400_FailsOverAndSuspendsOnlyThatUpstreamModelForTwelveHours()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var mapping = new Dictionary<string, string> { ["gpt-4o"] = "vendor-large", ["gpt-4o-mini"] = "vendor-small" };
        var (account, upstream) = await gateway.AddAccountAsync("a", i => i with { Priority = 1, ModelMapping = mapping });
        var (_, other) = await gateway.AddAccountAsync("b", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "The model vendor-large is not supported on your plan"), UpstreamReply.ChatCompletion("small ok"));
        other.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("from b"));

        var first = await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o"));
        var again = await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o"));
        var mini = await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o-mini"));

        Assert.Contains("from b", await first.Content.ReadAsStringAsync());
        Assert.Contains("from b", await again.Content.ReadAsStringAsync());
        Assert.Contains("small ok", await mini.Content.ReadAsStringAsync());
        Assert.Equal(["vendor-large", "vendor-small"], upstream.RequestsTo(EngineHarness.ChatPath).Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["model"]!.GetValue<string>()));
        var suspension = Assert.Single(await gateway.SuspensionsAsync(account.Id));
        Assert.Equal(("vendor-large", "model_not_supported"), (suspension.UpstreamModel, suspension.Reason));
        Assert.Equal(TimeSpan.FromHours(12), suspension.Until - gateway.Time.GetUtcNow().UtcDateTime);
        var stored = await gateway.AccountAsync(account.Id);
        Assert.Equal((null, AccountStatus.Active), (stored.CooldownUntil, stored.Status));
    }

    [Fact]
    public async Task ModelNotSupportedOnOAuthAccount_SuspendsTheNormalisedUpstreamModelAndLaterRequestsSkipIt()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (oauth, upstream) = await gateway.AddAccountAsync("codex", i => i with { Type = AccountType.OAuth, ApiKey = null, AccessToken = "at", Priority = 1 });
        var (_, other) = await gateway.AddAccountAsync("b", i => i with { Priority = 2 });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "The model gpt-5-codex is not supported when using Codex with a ChatGPT account."));
        other.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("from b"));

        await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-5-codex-high"));
        var again = await gateway.PostChatAsync(EngineHarness.ChatBody("openai/gpt-5-codex-high"));

        Assert.Contains("from b", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Equal("gpt-5-codex", Assert.Single(await gateway.SuspensionsAsync(oauth.Id)).UpstreamModel);
    }

    private static async Task SetTokenUrlAsync(EngineHarness gateway, long accountId, string tokenUrl)
    {
        var admin = gateway.Service<AccountAdminService>();
        var account = (await admin.FindAsync(accountId, CancellationToken.None))!;
        await using (var db = gateway.App.CreateDbContext())
        {
            var row = await db.Accounts.FindAsync(accountId);
            row!.TokenUrl = tokenUrl;
            await db.SaveChangesAsync();
        }

        Assert.NotNull(account);
        await gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);
    }
}
