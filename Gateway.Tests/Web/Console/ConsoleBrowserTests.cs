using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Security;
using Gateway.Tests.Fakes;
using Gateway.Tests.Infrastructure;
using Gateway.Web.Console;
using Gateway.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gateway.Tests.Web.Console;

public sealed class ConsoleBrowserTests(ConsoleBrowserFixture fixture) : IClassFixture<ConsoleBrowserFixture>
{
    [Fact]
    public async Task RetryStatusCodes_ValidatedAsTyped_SavedNormalised_AndEndpointModePersists()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/accounts");
        await browser.WaitForCircuitAsync();

        await page.ClickAsync("[data-testid=create-account]");
        await Assertions.Expect(page.Locator("[data-testid=account-dialog]")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=account-name-input]", "pool-one");
        await page.FillAsync("[data-testid=account-base-url-input]", "https://pool.example.test");
        await page.FillAsync("[data-testid=account-secret-input]", "sk-upstream-secret");
        await page.ClickAsync("[data-testid=pool-mode-switch]");
        await page.Locator("[data-testid=retry-status-codes]").PressSequentiallyAsync("429, 503, 429, 99");

        var error = page.Locator("[data-testid=retry-status-codes-error]");
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await Assertions.Expect(error).ToContainTextAsync("99");
        await browser.ScreenshotAsync("accounts-retry-codes-invalid");

        await page.Locator("[data-testid=retry-status-codes]").FillAsync("429, 503, 429");
        await Assertions.Expect(error).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=endpoint-mode-chat]");
        await page.ClickAsync("[data-testid=save-account]");
        await Assertions.Expect(page.Locator("[data-testid=account-dialog]")).ToHaveCountAsync(0);

        var row = page.Locator(".rz-data-row", new() { HasTextString = "pool-one" });
        await Assertions.Expect(row.Locator("[data-testid=account-retry-codes]")).ToHaveTextAsync("429, 503");
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(row.Locator("[data-testid=account-endpoint-mode]")).ToHaveTextAsync("chat");
        await Assertions.Expect(row.Locator("[data-testid=account-retry-codes]")).ToHaveTextAsync("429, 503");

        await row.Locator("[data-testid=edit-account]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=retry-status-codes]")).ToHaveValueAsync("429, 503");
        await Assertions.Expect(page.Locator("[data-testid=endpoint-mode-chat]")).ToBeCheckedAsync();
        await browser.ScreenshotAsync("accounts-saved");

        await using (var db = fixture.App.CreateDbContext())
        {
            var stored = await db.Accounts.SingleAsync(a => a.Name == "pool-one");
            Assert.Equal([429, 503], stored.PoolModeRetryStatusCodes);
            Assert.Equal(EndpointMode.Chat, stored.EndpointMode);
            Assert.True(stored.PoolMode);
        }

        AssertNoErrors(browser);
    }

    [Fact]
    public async Task NewApiKey_SecretShownOnce_ThenOnlyItsPrefix()
    {
        var groups = fixture.App.Services.GetRequiredService<GroupAdminService>();
        if ((await groups.ListAsync(CancellationToken.None)).Count == 0)
        {
            await groups.CreateAsync("default", null, CancellationToken.None);
        }

        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/keys");
        await browser.WaitForCircuitAsync();

        await page.FillAsync("[data-testid=key-name-input]", "ci-key");
        await page.ClickAsync("[data-testid=create-key]");
        var secret = await page.Locator("[data-testid=secret-value]").InnerTextAsync();
        Assert.StartsWith(ApiKeyAdminService.KeyPrefix, secret);
        await browser.ScreenshotAsync("keys-secret-once");

        await page.ClickAsync("[data-testid=close-secret]");
        await Assertions.Expect(page.Locator("[data-testid=secret-value]")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        var row = page.Locator(".rz-data-row", new() { HasTextString = "ci-key" });
        var prefix = (await row.Locator("[data-testid=key-prefix]").InnerTextAsync()).TrimEnd('…');
        Assert.StartsWith(prefix, secret);
        Assert.True(prefix.Length < secret.Length);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task LanguageSwitcher_ShowsTheAccountsPageInChinese_AndTheLoginPageFollowsTheCookie()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/accounts");
        await browser.WaitForCircuitAsync();

        await page.ClickAsync("[data-culture=zh-CN]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/accounts");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("上游账号");
        await Assertions.Expect(page.Locator("[data-testid=create-account]")).ToContainTextAsync("新建账号");
        await Assertions.Expect(page.Locator(".rz-column-title", new() { HasTextString = "端点模式" })).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("accounts-grid-zh-CN");
        var cookies = await browser.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Culture" && c.Value.Contains("zh-CN", StringComparison.Ordinal));
        await page.ClickAsync("[data-testid=create-account]");
        await Assertions.Expect(page.Locator("[data-testid=pool-mode-section] legend")).ToHaveTextAsync("池模式");
        await browser.ScreenshotAsync("accounts-zh-CN");

        await using var anonymous = await fixture.NewPageAsync(culture: "zh-CN");
        await anonymous.Page.GotoAsync("/login");
        await Assertions.Expect(anonymous.Page.Locator("h1")).ToHaveTextAsync("登录");
        AssertNoErrors(browser);
        AssertNoErrors(anonymous);
    }

    [Fact]
    public async Task AnonymousAndViewerVisitors_AreSentToLogin()
    {
        await using var anonymous = await fixture.NewPageAsync();
        await anonymous.Page.GotoAsync("/accounts");
        Assert.Equal("/login", new Uri(anonymous.Page.Url).AbsolutePath);
        await Assertions.Expect(anonymous.Page.Locator("#login-submit")).ToBeVisibleAsync();

        await fixture.App.Services.GetRequiredService<ConsoleUsers>()
            .CreateAsync(ConsoleBrowserFixture.ViewerEmail, ConsoleBrowserFixture.ViewerPassword, AdminRoles.Viewer, CancellationToken.None);
        await using var viewer = await fixture.NewPageAsync();
        await viewer.Page.GotoAsync("/login");
        await viewer.Page.FillAsync("#email", ConsoleBrowserFixture.ViewerEmail);
        await viewer.Page.FillAsync("#password", ConsoleBrowserFixture.ViewerPassword);
        await viewer.Page.ClickAsync("#login-submit");
        await viewer.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        foreach (var path in new[] { "/accounts", "/users" })
        {
            await viewer.Page.GotoAsync(path);
            Assert.Equal("/login", new Uri(viewer.Page.Url).AbsolutePath);
        }

        await viewer.ScreenshotAsync("viewer-sent-to-login");
        AssertNoErrors(anonymous);
        AssertNoErrors(viewer);
    }

    [Fact]
    public async Task RequestThroughTheGateway_ShowsOnTheUsagePageInItsCsvAndOnTheDashboard_AndTheAccountPassesAConnectionTest()
    {
        var services = fixture.App.Services;
        var group = (await services.GetRequiredService<GroupAdminService>().CreateAsync("usage-group", null, CancellationToken.None)).Value!;
        var key = (await services.GetRequiredService<ApiKeyAdminService>().CreateAsync(new ApiKeyInput("usage-key", group.Id), CancellationToken.None)).Value!;
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.On("/v1/chat/completions", UpstreamReply.ChatCompletion("hello from upstream"));
        await services.GetRequiredService<AccountAdminService>().CreateAsync(
            new AccountInput
            {
                Name = "usage-upstream",
                Platform = AccountPlatform.OpenAiCompatible,
                BaseUrl = upstream.BaseUrl,
                ApiKey = "sk-upstream",
                GroupIds = [group.Id],
                EndpointMode = EndpointMode.Chat,
                ModelMapping = new Dictionary<string, string> { ["console-model"] = "upstream-model-x" },
            },
            "test",
            CancellationToken.None);
        await services.GetRequiredService<AccountPool>().RefreshAsync(CancellationToken.None);

        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
        var response = await client.PostAsync("/v1/chat/completions", new StringContent(EngineHarness.ChatBody("console-model"), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/usage");
        await browser.WaitForCircuitAsync();
        var model = page.Locator("[data-testid=usage-model]", new() { HasTextString = "console-model" });
        for (var attempt = 0; attempt < 20 && await model.CountAsync() == 0; attempt++)
        {
            // The usage writer stores rows in batches in the background: apply the filter again until the row is there.
            await page.ClickAsync("[data-testid=usage-apply]");
            await page.WaitForTimeoutAsync(250);
        }

        await Assertions.Expect(model).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=usage-upstream-model]", new() { HasTextString = "upstream-model-x" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".rz-data-row", new() { HasTextString = "console-model" }).Locator("[data-testid=usage-status]")).ToHaveTextAsync("200");
        await browser.ScreenshotAsync("usage-request");

        await page.FillAsync("#usage-model", "console-model");
        await page.ClickAsync("[data-testid=usage-apply]");
        var exportLink = page.Locator("[data-testid=usage-export]");
        await Assertions.Expect(exportLink).ToHaveAttributeAsync("href", "/api/admin/usage/export?model=console-model");
        var export = await exportLink.GetAttributeAsync("href");
        var csv = await browser.Context.APIRequest.GetAsync(export!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",console-model,upstream-model-x,", lines[1]);

        await page.ClickAsync(".rz-navigation-item-text:text-is('Accounts')");
        await page.Locator(".rz-data-row", new() { HasTextString = "usage-upstream" }).Locator("[data-testid=test-account]").ClickAsync();
        await page.ClickAsync("[data-testid=test-chat]");
        await Assertions.Expect(page.Locator("[data-testid=test-outcome]")).ToContainTextAsync("Succeeded: status 200");
        await browser.ScreenshotAsync("accounts-connection-test");

        await page.GotoAsync("/");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("[data-testid=stat-requests]")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".rz-chart svg").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dashboard-with-traffic");
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task EveryConsolePage_RendersThroughTheMenu_AdminTokenShownOnce_AndLogOutEndsTheSession()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword);
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("[data-testid=dashboard-stats]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dashboard");

        foreach (var (path, menu) in new[] { ("/groups", "Groups"), ("/settings", "Settings"), ("/usage", "Usage logs"), ("/keys", "API keys"), ("/users", "Admin users") })
        {
            await page.ClickAsync($".rz-navigation-item-text:text-is('{menu}')");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        }

        await page.FillAsync("[data-testid=token-name-input]", "automation");
        await page.ClickAsync("[data-testid=create-token]");
        var secret = await page.Locator("[data-testid=secret-value]").InnerTextAsync();
        Assert.StartsWith(AdminTokenService.TokenPrefix, secret);
        await page.ClickAsync("[data-testid=close-secret]");
        await Assertions.Expect(page.Locator("[data-testid=secret-value]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await browser.ScreenshotAsync("users-and-tokens");

        using (var api = new HttpClient { BaseAddress = fixture.BaseAddress })
        {
            api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/admin/accounts")).StatusCode);
        }

        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await page.GotoAsync("/settings");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task AutoEndpointSwitch_SavesTheSetting()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/settings");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("text=Gateway:ForbiddenCooldown")).ToBeVisibleAsync();

        var settings = fixture.App.Services.GetRequiredService<Gateway.Core.Settings.SettingsService>();
        var before = (await settings.GetAsync(CancellationToken.None)).AutoEndpoint;
        await page.ClickAsync("[data-testid=auto-endpoint-switch]");
        await Assertions.Expect(page.Locator(".rz-notification-title, .rz-notification-message").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("settings");

        await using var db = fixture.App.CreateDbContext();
        var stored = await db.Settings.SingleAsync(s => s.Key == Gateway.Core.Settings.FeatureSettings.AutoEndpointKey);
        Assert.Equal(before ? "false" : "true", stored.Value);
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task JobsPage_ListsEveryJob_RunsOneNow_AndLinksToTheHangfireDashboard()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/jobs");
        await browser.WaitForCircuitAsync();
        foreach (var name in new[] { JobNames.CapabilityProbe, JobNames.CooldownExpiry, JobNames.UsageRetention })
        {
            await Assertions.Expect(page.Locator($"[data-testid=job-{name}]")).ToBeVisibleAsync();
        }

        var job = page.Locator($"[data-testid=job-{JobNames.UsageRetention}]");
        await job.Locator("[data-testid=job-trigger]").ClickAsync();
        var succeeded = job.Locator("[data-testid=job-outcome]", new() { HasTextString = "Succeeded" });
        for (var attempt = 0; attempt < 40 && await succeeded.CountAsync() == 0; attempt++)
        {
            // The run happens on a job server thread: refresh until its outcome is recorded.
            await page.WaitForTimeoutAsync(250);
            await page.ClickAsync("[data-testid=jobs-refresh]");
        }

        await Assertions.Expect(succeeded).ToBeVisibleAsync();
        await Assertions.Expect(job.Locator("[data-testid=job-schedule]")).ToHaveTextAsync("30 3 * * * (UTC)");
        await Assertions.Expect(job.Locator("[data-testid=job-run-link]")).ToHaveAttributeAsync("href", new Regex("^/hangfire/jobs/details/"));
        await browser.ScreenshotAsync("jobs");

        var dashboard = await page.Locator("[data-testid=jobs-dashboard-link]").GetAttributeAsync("href");
        await page.GotoAsync(dashboard!);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("Gateway jobs"));
        await browser.ScreenshotAsync("hangfire-dashboard");
        AssertNoErrors(browser);
    }

    private void AssertNoErrors(BrowserPage browser)
    {
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        Assert.True(fixture.App.Logs.Problems.Count == 0, string.Join("\n", fixture.App.Logs.Problems));
    }
}
