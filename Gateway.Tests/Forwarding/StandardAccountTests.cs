using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 4.3 and 4.4 over real HTTP.</summary>
public sealed class StandardAccountTests
{
    [Theory]
    [InlineData(429, "rate_limit_error", "120", 120)]
    [InlineData(429, "rate_limit_error", null, 5)]
    [InlineData(529, "overloaded_error", null, 600)]
    public async Task Standard429CoolsUntilRetryAfterElseFiveSeconds_529CoolsTenMinutes_AndBothFailOver(int status, string type, string? retryAfter, int cooldownSeconds)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var failure = UpstreamReply.Error(status, "busy", type) with
        {
            Headers = retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
        };

        var (limited, _, _) = await gateway.FailOverAsync("limited", failure);

        Assert.Equal(TimeSpan.FromSeconds(cooldownSeconds), await gateway.CooldownLeftAsync(limited.Id));
    }

    [Fact]
    public async Task Standard401OnApiKeyAccount_MarksItErrorAndFailsOver()
    {
        await using var gateway = await EngineHarness.StartAsync();

        var (revoked, _, _) = await gateway.FailOverAsync("revoked", UpstreamReply.Error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"));

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

    [Theory]
    [InlineData(true, 2, "same_account_retry account_switch deliver")]
    [InlineData(false, 1, "account_switch deliver")]
    public async Task Standard401OnOAuthAccount_StillUnauthorizedAfterRefresh_CoolsTenMinutesAndFailsOver(bool refreshGranted, int sent, string decisions)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (oauth, upstream, _) = await gateway.AddFailingThenHealthyAsync("oauth", i => i with { Type = AccountType.OAuth, ApiKey = null, AccessToken = "at", RefreshToken = "rt" });
        await SetTokenUrlAsync(gateway, oauth.Id, upstream.BaseUrl + "/oauth/token");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(401, "token revoked", "invalid_request_error"));
        upstream.On("/oauth/token", refreshGranted ? UpstreamReply.Json("""{"access_token":"at-2"}""") : UpstreamReply.Error(400, "invalid_grant", "invalid_request_error"));

        var response = await gateway.PostChatAsync(requestId: "unauthorized");

        Assert.Contains(EngineHarness.HealthyAnswer, await response.Content.ReadAsStringAsync());
        Assert.Equal((sent, 1), (upstream.CountTo(EngineHarness.ChatPath), upstream.CountTo("/oauth/token")));
        Assert.Equal(AccountStatus.Active, (await gateway.AccountAsync(oauth.Id)).Status);
        Assert.Equal(TimeSpan.FromMinutes(10), await gateway.CooldownLeftAsync(oauth.Id));
        Assert.Equal(decisions.Split(' '), (await gateway.UsageAsync("unauthorized")).Trace.Select(t => t.Decision));
    }

    [Theory]
    [InlineData("Invalid value for 'messages[0].role'")]
    [InlineData("This model's maximum context length is 128000 tokens")]
    [InlineData("Your request was rejected as a result of our safety system (content policy)")]
    public async Task RequestErrors_GoToTheClientAtOnceWithoutPenalty(string message)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream, other) = await gateway.AddFailingThenHealthyAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, message));

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, other.CountTo(EngineHarness.ChatPath));
        await gateway.AssertUnpenalisedAsync(account.Id);
    }

    [Theory]
    [InlineData(400, "The model vendor-large is not supported on your plan", null)]
    [InlineData(404, "The model `vendor-large` does not exist or you do not have access to it.", "model_not_found")]
    public async Task ModelNotSupported_FailsOverAndSuspendsOnlyThatUpstreamModelForTwelveHours(int status, string message, string? code)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var mapping = new Dictionary<string, string> { ["gpt-4o"] = "vendor-large", ["gpt-4o-mini"] = "vendor-small" };
        var (account, upstream, _) = await gateway.AddFailingThenHealthyAsync("a", i => i with { ModelMapping = mapping });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(status, message, code: code), UpstreamReply.ChatCompletion("small ok"));

        var first = await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o"));
        var again = await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o"));
        var mini = await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-4o-mini"));

        Assert.Contains(EngineHarness.HealthyAnswer, await first.Content.ReadAsStringAsync());
        Assert.Contains(EngineHarness.HealthyAnswer, await again.Content.ReadAsStringAsync());
        Assert.Contains("small ok", await mini.Content.ReadAsStringAsync());
        Assert.Equal(["vendor-large", "vendor-small"], upstream.RequestsTo(EngineHarness.ChatPath).Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["model"]!.GetValue<string>()));
        var suspension = Assert.Single(await gateway.SuspensionsAsync(account.Id));
        Assert.Equal(("vendor-large", "model_not_supported"), (suspension.UpstreamModel, suspension.Reason));
        Assert.Equal(TimeSpan.FromHours(12), suspension.Until - gateway.Time.GetUtcNow().UtcDateTime);
        var stored = await gateway.AccountAsync(account.Id);
        Assert.Equal((null, AccountStatus.Active), (stored.CooldownUntil, stored.Status));
    }

    [Theory]
    [InlineData("""{"object":"error","message":"tools.0.type: Input should be 'function'","type":"BadRequestError","param":null,"code":400}""")]
    [InlineData("""{"error":"tools.0.type: Input should be 'function'"}""")]
    [InlineData("""{"detail":"tools.0.type: Input should be 'function'"}""")]
    public async Task RequestErrorsInOtherProvidersShapes_GiveTheClientTheUpstreamsReason(string body)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream, other) = await gateway.AddFailingThenHealthyAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Json(body, 400));

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tools.0.type: Input should be 'function'", (await EngineHarness.JsonAsync(response))["error"]!["message"]!.GetValue<string>());
        Assert.Equal(0, other.CountTo(EngineHarness.ChatPath));
        await gateway.AssertUnpenalisedAsync(account.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUpstreamEchoingAFieldTheClientNamedAfterTheModelRule_IsARequestError_NoModelIsSuspendedForOtherTenants(bool insideAStream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream, healthy) = await gateway.AddFailingThenHealthyAsync("a");
        const string Echo = "Unrecognized request argument supplied: model_not_supported";
        upstream.On(EngineHarness.ChatPath, insideAStream ? DoomedAnswers.Stream([DoomedAnswers.ChatError(Echo, "invalid_request_error", null)]) : UpstreamReply.Error(400, Echo));

        var response = await gateway.PostChatAsync($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":{{(insideAStream ? "true" : "false")}},"model_not_supported":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, healthy.CountTo(EngineHarness.ChatPath));
        await gateway.AssertUnpenalisedAsync(account.Id);
    }

    [Fact]
    public async Task ModelNotSupportedOnOAuthAccount_SuspendsTheNormalisedUpstreamModelAndLaterRequestsSkipIt()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (oauth, upstream, _) = await gateway.AddFailingThenHealthyAsync("codex", i => i with { Type = AccountType.OAuth, ApiKey = null, AccessToken = "at" });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "The model gpt-5-codex is not supported when using Codex with a ChatGPT account."));

        await gateway.PostChatAsync(EngineHarness.ChatBody("gpt-5-codex-high"));
        var again = await gateway.PostChatAsync(EngineHarness.ChatBody("openai/gpt-5-codex-high"));

        Assert.Contains(EngineHarness.HealthyAnswer, await again.Content.ReadAsStringAsync());
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
