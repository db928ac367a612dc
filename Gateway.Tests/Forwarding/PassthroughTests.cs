using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 4.2 over real HTTP.</summary>
public sealed class PassthroughTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(529)]
    public async Task Passthrough429And529_FailOverAndTheClientSeesOnlyTheHealthyAnswer(int status)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, broken, _) = await gateway.AddFailingThenHealthyAsync("broken", Passthrough, Passthrough);
        broken.On(EngineHarness.ChatPath, UpstreamReply.Error(status, "busy-marker", "rate_limit_error"));

        var response = await gateway.PostChatAsync(requestId: $"pt-{status}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EngineHarness.HealthyAnswer, body);
        Assert.DoesNotContain("busy-marker", body);
        Assert.Equal(1, broken.CountTo(EngineHarness.ChatPath));
        var healthy = (await gateway.UsageAsync($"pt-{status}")).AccountId;
        Assert.Equal("healthy", (await gateway.AccountAsync(healthy!.Value)).Name);
    }

    [Fact]
    public async Task Passthrough_ForwardsTheClientBodyByteForByte()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("pt", i => i with { Passthrough = true });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));
        const string body = """{"model":"gpt-4o",  "messages":[{"role":"user","content":"hi"}],"custom_field":{"x":1}}""";

        await gateway.PostAsync(EngineHarness.ChatPath, body);

        Assert.Equal(body, upstream.RequestsTo(EngineHarness.ChatPath).Single().Body);
    }

    [Fact]
    public async Task Passthrough_RewritesOnlyTheModelWhenMapped()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("pt", i => i with { Passthrough = true, ModelMapping = new Dictionary<string, string> { ["gpt-4*"] = "deepseek-chat" } });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));

        await gateway.PostAsync(EngineHarness.ChatPath, """{"model":"gpt-4o","messages":[],"custom_field":1}""");

        Assert.Equal("""{"model":"deepseek-chat","messages":[],"custom_field":1}""", upstream.RequestsTo(EngineHarness.ChatPath).Single().Body);
    }

    [Fact]
    public async Task Passthrough_OnAnOAuthAccountMappingToACodexAlias_StillRewritesOnlyTheModel()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var mapping = new Dictionary<string, string> { ["gpt-4*"] = "gpt-5-codex-high" };
        var (_, upstream) = await gateway.AddAccountAsync("pt", i => i with { Type = AccountType.OAuth, ApiKey = null, AccessToken = "at", Passthrough = true, ModelMapping = mapping });
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));

        await gateway.PostAsync(EngineHarness.ChatPath, """{"model":"gpt-4o",  "messages":[],"custom_field":1}""");

        var sent = upstream.RequestsTo(EngineHarness.ChatPath).Single().Body;
        var model = JsonNode.Parse(sent)!["model"]!.GetValue<string>();
        Assert.Equal($$"""{"model":"{{model}}","messages":[],"custom_field":1}""", sent);
    }

    [Fact]
    public async Task Passthrough403_FailsOverAndCoolsAccountTenMinutesWithAStrike()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (forbidden, _, _) = await gateway.FailOverAsync("forbidden", UsageLimitReached, Passthrough, Passthrough);

        var stored = await gateway.AccountAsync(forbidden.Id);
        Assert.Equal("403 temporary cooldown (1/3)", stored.CooldownReason);
        Assert.Equal(1, stored.ForbiddenStrikes);
        Assert.Equal(TimeSpan.FromMinutes(10), await gateway.CooldownLeftAsync(forbidden.Id));
        await using var db = gateway.App.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.AccountId == forbidden.Id && a.Action == "cooldown_started");
        Assert.StartsWith("403 temporary cooldown (1/3) until ", audit.Detail);
    }

    [Fact]
    public async Task Passthrough403_ThirdStrikeWithin180MinutesMarksTheAccountError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (forbidden, upstream) = await ForbiddenThenHealthyAsync(gateway);

        await PostChatEveryAsync(gateway, TimeSpan.FromMinutes(11), times: 2);
        var afterSecond = await gateway.AccountAsync(forbidden.Id);
        gateway.Time.Advance(TimeSpan.FromMinutes(11));
        var third = await gateway.PostChatAsync();

        Assert.Equal("403 temporary cooldown (2/3)", afterSecond.CooldownReason);
        Assert.Contains(EngineHarness.HealthyAnswer, await third.Content.ReadAsStringAsync());
        Assert.Equal(3, upstream.CountTo(EngineHarness.ChatPath));
        var stored = await gateway.AccountAsync(forbidden.Id);
        Assert.Equal(AccountStatus.Error, stored.Status);
        Assert.Equal(3, stored.ForbiddenStrikes);
        Assert.NotNull(stored.ErrorMessage);
    }

    [Fact]
    public async Task Passthrough403_AnAccountAnAdminBringsBackFromError_CountsItsStrikesAfresh()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (forbidden, upstream) = await ForbiddenThenHealthyAsync(gateway);
        await PostChatEveryAsync(gateway, TimeSpan.FromMinutes(11), times: 3);
        Assert.Equal(AccountStatus.Error, (await gateway.AccountAsync(forbidden.Id)).Status);

        await gateway.Service<AccountAdminService>().SetEnabledAsync(forbidden.Id, true, "test", CancellationToken.None);
        var enabled = await gateway.AccountAsync(forbidden.Id);
        gateway.Time.Advance(TimeSpan.FromMinutes(11));
        await gateway.PostChatAsync();

        Assert.Equal((AccountStatus.Active, 0, null), (enabled.Status, enabled.ForbiddenStrikes, enabled.ForbiddenWindowStart));
        Assert.Equal(4, upstream.CountTo(EngineHarness.ChatPath));
        var stored = await gateway.AccountAsync(forbidden.Id);
        Assert.Equal((AccountStatus.Active, 1, "403 temporary cooldown (1/3)"), (stored.Status, stored.ForbiddenStrikes, stored.CooldownReason));
    }

    [Fact]
    public async Task Passthrough403_StrikesOutsideThe180MinuteWindowStartOver()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (forbidden, _) = await ForbiddenThenHealthyAsync(gateway);

        await PostChatEveryAsync(gateway, TimeSpan.FromMinutes(100), times: 3);

        var stored = await gateway.AccountAsync(forbidden.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal("403 temporary cooldown (1/3)", stored.CooldownReason);
    }

    [Fact]
    public async Task PassthroughSuccess_ResetsTheStrikeCount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream, _) = await FailingThenHealthyAsync(gateway, "flaky");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(403, "forbidden", "forbidden_error"), UpstreamReply.ChatCompletion("recovered"));

        await gateway.PostChatAsync();
        gateway.Time.Advance(TimeSpan.FromMinutes(11));
        var second = await gateway.PostChatAsync(requestId: "recovered-1");

        Assert.Contains("recovered", await second.Content.ReadAsStringAsync());
        await gateway.UsageAsync("recovered-1");
        var stored = await gateway.AccountAsync(account.Id);
        Assert.Equal(0, stored.ForbiddenStrikes);
        Assert.Null(stored.ForbiddenWindowStart);
    }

    [Fact]
    public async Task PassthroughHtml403_FailsOverWithoutAStrike()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, _, body) = await gateway.FailOverAsync("waf", UpstreamReply.Html(403, "<html><body>Attention Required! | Cloudflare</body></html>"), Passthrough, Passthrough);

        Assert.DoesNotContain("Cloudflare", body);
        var stored = await gateway.AccountAsync(account.Id);
        Assert.Equal((0, null), (stored.ForbiddenStrikes, stored.CooldownUntil));
    }

    [Fact]
    public async Task PassthroughApiKey5xx_FailsOver()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await gateway.FailOverAsync("broken", UpstreamReply.Error(502, "bad gateway", "server_error"), Passthrough, Passthrough);
    }

    [Fact]
    public async Task PassthroughOtherStatuses_GoToTheClientUnchanged()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream, good) = await FailingThenHealthyAsync(gateway, "pt");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(401, "upstream says bad key", "invalid_request_error"));

        var response = await gateway.PostChatAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("upstream says bad key", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, good.CountTo(EngineHarness.ChatPath));
        Assert.Equal(AccountStatus.Active, (await gateway.AccountAsync(account.Id)).Status);
    }

    /// <summary>Sends <paramref name="times"/> Chat requests, <paramref name="gap"/> apart on the gateway's clock.</summary>
    private static async Task PostChatEveryAsync(EngineHarness gateway, TimeSpan gap, int times)
    {
        await gateway.PostChatAsync();
        for (var i = 1; i < times; i++)
        {
            gateway.Time.Advance(gap);
            await gateway.PostChatAsync();
        }
    }

    /// <summary><see cref="FailingThenHealthyAsync"/> with the account under test answering every request 403 "usage limit reached".</summary>
    private static async Task<(Account Account, ScriptedUpstream Upstream)> ForbiddenThenHealthyAsync(EngineHarness gateway)
    {
        var (forbidden, upstream, _) = await FailingThenHealthyAsync(gateway, "forbidden");
        upstream.On(EngineHarness.ChatPath, UsageLimitReached);
        return (forbidden, upstream);
    }

    private static UpstreamReply UsageLimitReached => UpstreamReply.Error(403, "usage limit reached", "forbidden_error");

    private static AccountInput Passthrough(AccountInput input) => input with { Passthrough = true };

    /// <summary>The passthrough account under test at priority 1, and a healthy passthrough account behind it.</summary>
    private static Task<(Account Account, ScriptedUpstream Upstream, ScriptedUpstream Healthy)> FailingThenHealthyAsync(EngineHarness gateway, string name) =>
        gateway.AddFailingThenHealthyAsync(name, Passthrough, Passthrough);
}
