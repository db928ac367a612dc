using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Gateway.Tests.Web.Console;

[Collection(ConsoleBrowserFixture.Collection)]
public sealed class ConsoleBrowserTests(ConsoleBrowserFixture fixture) : IClassFixture<ConsoleBrowserFixture>
{
    // How long a row added by a test may take to show on an open dashboard: another test's page may have read the dashboard
    // a moment before, and that read is shared for DashboardService.CacheFor, or ten times as long as it took on a busy
    // machine; the open page reads again every LiveConsolePage.RefreshInterval.
    private const float DashboardShowsWithin = 30_000;

    [Fact]
    public async Task RetryStatusCodes_ValidatedAsTyped_SavedNormalised_AndEndpointModePersists()
    {
        await using var browser = await fixture.AdminPageAsync("/accounts");
        var page = browser.Page;

        await page.ClickAsync("[data-testid=create-account]");
        await Assertions.Expect(page.Locator("[data-testid=account-dialog]")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=account-name-input]", "pool-one");
        await page.FillAsync("[data-testid=account-base-url-input]", "https://pool.example.test");
        await page.FillAsync("[data-testid=account-secret-input]", "sk-upstream-secret");
        await page.Locator("[data-testid=pool-mode-switch]").CheckAsync();
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

        var row = page.Locator("tr.account-row", new() { HasTextString = "pool-one" });
        await Assertions.Expect(row.Locator("[data-testid=account-retry-codes]")).ToHaveTextAsync("429, 503");
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(row.Locator("[data-testid=account-endpoint-mode]")).ToHaveAttributeAsync("data-mode", "chat");
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
    public async Task AnAnthropicAccount_MadeInTheDialog_TakesAnApiKeyOnly_AndPassesAConnectionTestOverMessages()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.On("/v1/messages", AnthropicReplies.Message("end_turn", AnthropicReplies.Text("hello from claude")));
        await using var browser = await fixture.AdminPageAsync("/accounts");
        var page = browser.Page;

        await page.ClickAsync("[data-testid=create-account]");
        await page.FillAsync("[data-testid=account-name-input]", "claude-one");
        await page.FillAsync("[data-testid=account-base-url-input]", upstream.BaseUrl);
        await page.FillAsync("[data-testid=account-secret-input]", "sk-ant-secret");
        await page.ClickAsync("[data-testid=account-platform]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Anthropic" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=account-type]")).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(page.Locator("[data-testid=account-type]")).ToHaveTextAsync("API key");
        await Assertions.Expect(page.Locator("[data-testid=endpoint-mode-not-applicable]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=endpoint-mode-chat]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=test-protocol-messages]")).ToHaveTextAsync("Protocol: Anthropic Messages");
        await page.ClickAsync("[data-testid=test-run]");
        await Assertions.Expect(page.Locator("[data-testid=test-outcome]")).ToContainTextAsync("HTTP 200");
        await Assertions.Expect(page.Locator("[data-testid=test-protocol-spoken]")).ToHaveTextAsync("Protocol: Anthropic Messages");
        await Assertions.Expect(page.Locator("[data-testid=test-reply]")).ToHaveTextAsync("hello from claude");
        await browser.ScreenshotAsync("account-dialog-anthropic");
        await page.ClickAsync("[data-testid=save-account]");
        await Assertions.Expect(page.Locator("[data-testid=account-dialog]")).ToHaveCountAsync(0);

        var row = page.Locator("tr.account-row", new() { HasTextString = "claude-one" });
        await Assertions.Expect(row.Locator("[data-testid=account-endpoint-mode]")).ToHaveAttributeAsync("data-mode", "messages");
        await using (var db = fixture.App.CreateDbContext())
        {
            var stored = await db.Accounts.SingleAsync(a => a.Name == "claude-one");
            Assert.Equal((AccountPlatform.Anthropic, AccountType.ApiKey), (stored.Platform, stored.Type));
        }

        AssertNoErrors(browser);
    }

    [Fact]
    public async Task NewApiKey_SecretShownOnce_ThenOnlyItsPrefix()
    {
        await fixture.App.Services.GetRequiredService<GroupAdminService>().CreateAsync("keys-group", null, "test", CancellationToken.None);

        await using var browser = await fixture.AdminPageAsync("/keys");
        var page = browser.Page;

        await page.ClickAsync("[data-testid=create-key]");
        await page.FillAsync("[data-testid=key-name-input]", "ci-key");
        // Filled at once, and picked once the list shows what was filled: the list the field opens on focus holds every
        // group, and a pick from it came before the search for the filled text, which then opened the list again.
        await page.FillAsync("[data-testid=key-group-input]", "keys-gr");

        // The search is a round trip to the server after the field's debounce: on a busy machine, more than 5 s (a
        // fresh-clone run under load still showed every group then).
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveTextAsync(["keys-group"], new() { Timeout = 20_000 });
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "keys-group" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=key-group-input]")).ToHaveValueAsync("keys-group");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=save-key]");
        var secret = await page.Locator("[data-testid=secret-value]").InnerTextAsync();
        Assert.StartsWith(ApiKeyAdminService.KeyPrefix, secret);
        await browser.ScreenshotAsync("keys-secret-once");

        await page.ClickAsync("[data-testid=close-secret]");
        await Assertions.Expect(page.Locator("[data-testid=secret-value]")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        var row = page.Locator("tr.key-row", new() { HasTextString = "ci-key" });
        var prefix = (await row.Locator("[data-testid=key-prefix]").InnerTextAsync()).TrimEnd('…');
        Assert.StartsWith(prefix, secret);
        Assert.True(prefix.Length < secret.Length);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task LanguageSwitcher_ShowsTheAccountsPageInChinese_AndTheLoginPageFollowsTheCookie()
    {
        await using var browser = await fixture.AdminPageAsync("/accounts");
        var page = browser.Page;

        await page.ClickAsync("[data-culture=zh-CN]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/accounts");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("上游账号");
        await Assertions.Expect(page.Locator("[data-testid=create-account]")).ToContainTextAsync("新建账号");
        await Assertions.Expect(page.Locator("th", new() { HasTextString = "端点模式" })).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("accounts-grid-zh-CN");
        var cookies = await browser.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Culture" && c.Value.Contains("zh-CN", StringComparison.Ordinal));
        await page.ClickAsync("[data-testid=create-account]");
        await Assertions.Expect(page.Locator("[data-testid=pool-mode-section] .form-section-title")).ToHaveTextAsync("池模式");
        await browser.ScreenshotAsync("accounts-zh-CN");

        await using var anonymous = await fixture.NewPageAsync(culture: "zh-CN");
        await anonymous.Page.GotoAsync("/login");
        await Assertions.Expect(anonymous.Page.Locator("h1")).ToHaveTextAsync("登录");
        await anonymous.ScreenshotAsync("login-zh-CN");
        AssertNoErrors(browser);
        AssertNoErrors(anonymous);
    }

    [Fact]
    public async Task AnonymousVisitors_AreSentToLogin_AndViewersReadTheConsoleWithoutItsAdminPages()
    {
        await using var anonymous = await fixture.NewPageAsync();
        await anonymous.Page.GotoAsync("/accounts");
        Assert.Equal("/login", new Uri(anonymous.Page.Url).AbsolutePath);
        await Assertions.Expect(anonymous.Page.Locator("#login-submit")).ToBeVisibleAsync();

        await fixture.App.Services.GetRequiredService<ConsoleUsers>()
            .CreateAsync(ConsoleBrowserFixture.ViewerEmail, ConsoleBrowserFixture.ViewerPassword, AdminRoles.Viewer, "ops", CancellationToken.None);
        await using var viewer = await fixture.NewPageAsync();
        await viewer.LogInAsync(ConsoleBrowserFixture.ViewerEmail, ConsoleBrowserFixture.ViewerPassword);
        await viewer.WaitForCircuitAsync();
        await Assertions.Expect(viewer.Page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Page.Locator("[data-testid=nav-users]")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("viewer-dashboard");

        // The admin API answers the viewer's reads and refuses its writes.
        Assert.Equal(200, (await viewer.Context.APIRequest.GetAsync("/api/admin/groups")).Status);
        Assert.Equal(403, (await viewer.Context.APIRequest.PostAsync("/api/admin/groups", new() { DataObject = new { name = "viewer-group" } })).Status);

        await viewer.Page.GotoAsync("/users");
        Assert.Equal("/login", new Uri(viewer.Page.Url).AbsolutePath);
        await Assertions.Expect(viewer.Page.Locator("[data-testid=login-no-access]")).ToContainTextAsync(ConsoleBrowserFixture.ViewerEmail);
        AssertNoErrors(anonymous);
        AssertNoErrors(viewer);
    }

    [Fact]
    public async Task RequestThroughTheGateway_ShowsOnTheOpenDashboard_OnTheUsagePageWithoutApply_InItsCsv_AndTheAccountPassesAConnectionTest()
    {
        var services = fixture.App.Services;
        var group = (await services.GetRequiredService<GroupAdminService>().CreateAsync("usage-group", null, "test", CancellationToken.None)).Value!;
        var key = (await services.GetRequiredService<ApiKeyAdminService>().CreateAsync(new ApiKeyInput("usage-key", group.Id), "test", CancellationToken.None)).Value!;
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

        await using var browser = await fixture.AdminPageAsync();
        var page = browser.Page;
        var requestsBefore = await page.Locator("[data-testid=stat-requests]").InnerTextAsync();

        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
        var response = await client.PostAsync("/v1/chat/completions", new StringContent(EngineHarness.ChatBody("console-model"), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        // The open dashboard counts the request by itself, without a reload.
        await Assertions.Expect(page.Locator("[data-testid=stat-requests]")).Not.ToHaveTextAsync(requestsBefore, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=chart-traffic] svg").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dashboard-with-traffic");

        // The usage page opens on the newest rows: no Apply needed.
        await page.ClickAsync("[data-testid=nav-usage]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/usage");
        var row = page.Locator("[data-testid=usage-grid] tr", new() { Has = page.Locator("[data-testid=usage-model]", new() { HasTextString = "console-model" }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=usage-upstream-model]")).ToHaveTextAsync("upstream-model-x");
        await Assertions.Expect(row.Locator("[data-testid=usage-status]")).ToHaveTextAsync("200");
        await Assertions.Expect(row.Locator("[data-testid=usage-account-name]")).ToHaveTextAsync("usage-upstream");
        await Assertions.Expect(row.Locator("[data-testid=usage-key-name]")).ToHaveTextAsync("usage-key");
        await browser.ScreenshotAsync("usage-request");

        // The export follows the applied filters, not what is typed since.
        await page.FillAsync("[data-testid=usage-model-filter]", "console-model");
        await page.ClickAsync("[data-testid=usage-apply]");
        var exportLink = page.Locator("[data-testid=usage-export]");
        await Assertions.Expect(exportLink).ToHaveAttributeAsync("href", "/api/admin/usage/export?model=console-model");
        await page.FillAsync("[data-testid=usage-model-filter]", "typed-but-not-applied");
        await page.Locator("[data-testid=usage-model-filter]").BlurAsync();
        await Assertions.Expect(exportLink).ToHaveAttributeAsync("href", "/api/admin/usage/export?model=console-model");
        var export = await exportLink.GetAttributeAsync("href");
        var csv = await browser.Context.APIRequest.GetAsync(export!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",200,console-model,upstream-model-x,usage-upstream,usage-key,usage-group,", lines[1]);

        await page.ClickAsync("[data-testid=nav-accounts]");
        await page.Locator("tr.account-row", new() { HasTextString = "usage-upstream" }).Locator("[data-testid=test-account]").ClickAsync();
        await page.ClickAsync("[data-testid=test-run]");
        await Assertions.Expect(page.Locator("[data-testid=test-outcome]")).ToContainTextAsync("HTTP 200");
        await Assertions.Expect(page.Locator("[data-testid=test-reply]")).ToHaveTextAsync("hello from upstream");
        await browser.ScreenshotAsync("accounts-connection-test");
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task EveryConsolePage_RendersThroughTheMenu_AdminTokenShownOnce_AndLogOutEndsTheSession()
    {
        await using var browser = await fixture.AdminPageAsync();
        var page = browser.Page;
        await Assertions.Expect(page.Locator("[data-testid=dashboard-stats]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dashboard");

        foreach (var (path, menu) in new[] { ("/groups", "groups"), ("/settings", "settings"), ("/usage", "usage"), ("/audit", "audit"), ("/keys", "keys"), ("/users", "users") })
        {
            await page.ClickAsync($"[data-testid=nav-{menu}]");
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
    public async Task OnAPhone_TheMenuButtonOpensTheDrawer_EveryPageIsReachable_AndTheTopBarStaysOneLine()
    {
        await using var browser = await fixture.AdminPageAsync(culture: "zh-CN", viewport: new() { Width = 390, Height = 844 });
        var page = browser.Page;
        var bar = page.Locator(".console-appbar");
        var barHeight = (await bar.BoundingBoxAsync())!.Height;

        // The drawer closes itself once the browser reports a phone-sized viewport.
        await Assertions.Expect(page.Locator("[data-testid=menu-button]")).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.Locator("[data-testid=nav-accounts]")).Not.ToBeInViewportAsync();

        foreach (var (path, menu) in new[] { ("/accounts", "accounts"), ("/groups", "groups"), ("/keys", "keys"), ("/usage", "usage"), ("/audit", "audit"), ("/settings", "settings"), ("/jobs", "jobs"), ("/users", "users"), ("/", "dashboard") })
        {
            await page.ClickAsync("[data-testid=menu-button]");

            // The drawer slides in: click once it is there.
            await Assertions.Expect(page.Locator($"[data-testid=nav-{menu}]")).ToBeInViewportAsync();
            await page.ClickAsync($"[data-testid=nav-{menu}]");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=nav-accounts]")).Not.ToBeInViewportAsync();
            Assert.Equal(barHeight, (await bar.BoundingBoxAsync())!.Height);
        }

        await page.ClickAsync("[data-testid=menu-button]");
        await Assertions.Expect(page.Locator("[data-testid=nav-accounts]")).ToBeInViewportAsync();
        await browser.ScreenshotAsync("phone-menu-zh-CN");
        AssertNoErrors(browser);
    }

    [Theory]
    [InlineData("en-US", "OpenAI-compatible")]
    [InlineData("zh-CN", "OpenAI 兼容")]
    public async Task OnAPhone_TheAccountDialogShowsThePlatformAndCredentialWhole(string culture, string compatible)
    {
        await using var browser = await fixture.AdminPageAsync("/accounts", culture, new() { Width = 375, Height = 812 });
        var page = browser.Page;

        await page.ClickAsync("[data-testid=create-account]");
        await page.ClickAsync("[data-testid=account-platform]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = compatible }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-platform]")).ToHaveTextAsync(compatible);
        await browser.ScreenshotAsync($"account-dialog-phone-{culture}");

        // A select shows its choice on one line and ends it with an ellipsis when the text is wider than its box.
        foreach (var select in new[] { "account-platform", "account-type" })
        {
            var widths = await page.Locator($"[data-testid={select}]").EvaluateAsync<double[]>(
                """
                e => {
                    const range = document.createRange();
                    range.selectNodeContents(e);
                    const style = getComputedStyle(e);
                    return [range.getBoundingClientRect().width, e.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
                }
                """);
            Assert.True(widths[0] <= widths[1], $"{select} shows {widths[0]} px of text in {widths[1]} px");
        }

        AssertNoErrors(browser);
    }

    [Theory]
    [InlineData("en-US", "leave it empty to keep it")]
    [InlineData("zh-CN", "留空则保持不变")]
    public async Task OnAPhone_EditingAnAccount_SaysItsKeyIsKept_InWordsThatFit(string culture, string kept)
    {
        var name = $"kept-{culture}-{Guid.NewGuid():N}"[..20];
        await fixture.App.Services.GetRequiredService<AccountAdminService>().CreateAsync(
            new AccountInput { Name = name, BaseUrl = "https://kept.example.test", ApiKey = "sk-kept" }, "test", CancellationToken.None);
        await using var browser = await fixture.AdminPageAsync("/accounts", culture, new() { Width = 375, Height = 812 });
        var page = browser.Page;

        await page.Locator("tr.account-row", new() { HasTextString = name }).Locator("[data-testid=edit-account]").ClickAsync();
        var secret = page.Locator("[data-testid=account-secret-input]");
        await Assertions.Expect(secret).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("[data-testid=account-dialog] .mud-input-helper-text", new() { HasTextString = kept })).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"account-kept-key-phone-{culture}");

        // The placeholder is drawn on one line and cut where the box ends.
        var widths = await secret.EvaluateAsync<double[]>(
            """
            e => {
                const style = getComputedStyle(e);
                const context = document.createElement('canvas').getContext('2d');
                context.font = style.font;
                return [context.measureText(e.placeholder).width, e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
            }
            """);
        Assert.True(widths[0] <= widths[1], $"the key's placeholder takes {widths[0]} px of {widths[1]} px");
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task OnAPhone_EachUserShowsItsRoleOnOneLine_AndItsActions_WithoutScrollingSideways()
    {
        await fixture.App.Services.GetRequiredService<ConsoleUsers>()
            .CreateAsync($"on-call-reader-{Guid.NewGuid():N}@example.test", ConsoleBrowserFixture.ViewerPassword, AdminRoles.Viewer, "ops", CancellationToken.None);
        await using var browser = await fixture.AdminPageAsync("/users", "zh-CN", new() { Width = 375, Height = 812 });
        var page = browser.Page;
        var roles = page.Locator("[data-testid=change-role] .mud-button-label");
        await Assertions.Expect(roles.Filter(new() { HasTextString = "查看者（只读）" }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("users-phone-zh-CN");

        // A role squeezed into a narrow column broke after every character or two, its arrow pushed out of sight.
        var lines = await roles.EvaluateAllAsync<int[]>(
            """
            labels => labels.map(label => {
                const range = document.createRange();
                range.selectNodeContents(label.firstChild);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            })
            """);
        Assert.All(lines, count => Assert.Equal(1, count));
        var rows = page.Locator("[data-testid=user-row]");
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            await rows.Nth(i).ScrollIntoViewIfNeededAsync();
            foreach (var control in new[] { "change-role", "set-password", "delete-user" })
            {
                await Assertions.Expect(rows.Nth(i).Locator($"[data-testid={control}]")).ToBeInViewportAsync(new() { Ratio = 1 });
            }
        }

        AssertNoErrors(browser);
    }

    [Fact]
    public async Task OnAPhone_EachAdminTokenShowsWhatItsDatesAre_AndItsDeleteButton_WithoutScrollingSideways()
    {
        await using var browser = await fixture.AdminPageAsync("/users", "zh-CN", new() { Width = 375, Height = 812 });
        var page = browser.Page;
        await page.FillAsync("[data-testid=token-name-input]", $"phone-script-{Guid.NewGuid():N}");
        await page.FillAsync("[data-testid=token-days-input]", "30");
        await page.ClickAsync("[data-testid=create-token]");
        await page.ClickAsync("[data-testid=close-secret]");
        var rows = page.Locator("[data-testid=token-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("tokens-phone-zh-CN");

        // Seven columns scrolled inside their own box, the dates and the delete button out of sight, and with the header
        // hidden three bare dates would not say which is which.
        var grid = page.Locator("[data-testid=tokens-grid] .mud-table-container");
        Assert.True(await grid.EvaluateAsync<bool>("box => box.scrollWidth <= box.clientWidth"));
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            await rows.Nth(i).ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(rows.Nth(i).Locator("[data-testid=token-expires]")).ToBeInViewportAsync(new() { Ratio = 1 });
            await Assertions.Expect(rows.Nth(i).Locator("[data-testid=delete-token]")).ToBeInViewportAsync(new() { Ratio = 1 });
            Assert.Equal("\"过期时间 \"", await rows.Nth(i).Locator("[data-testid=token-expires]").EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content"));
        }

        AssertNoErrors(browser);
    }

    [Theory]
    [InlineData(375, 812)]
    [InlineData(1440, 900)]
    public async Task TheCooldownChartNamesItsBarsInReadableText(int width, int height)
    {
        await using (var db = fixture.App.CreateDbContext())
        {
            db.AuditEntries.Add(new AuditEntry { CreatedAt = DateTime.UtcNow, Action = AuditActions.CooldownStarted, Actor = "test" });
            await db.SaveChangesAsync();
        }

        await using var browser = await fixture.AdminPageAsync("/", "zh-CN", new() { Width = width, Height = height });
        var page = browser.Page;
        var chart = page.Locator("[data-testid=chart-cooldowns]");
        await Assertions.Expect(chart.Locator("svg text", new() { HasTextString = "开始冷却" })).ToBeVisibleAsync(new() { Timeout = DashboardShowsWithin });
        await browser.ScreenshotAsync($"cooldown-chart-{width}");

        // The bars have no legend: their labels say what each counts. Drawn in a 700 x 350 box shrunk to the card, 12 px came
        // out as 5. Waited for, as the chart draws again once the browser has measured it.
        await page.WaitForFunctionAsync(
            """
            () => {
                const labels = [...document.querySelectorAll('[data-testid=chart-cooldowns] svg text')].filter(t => t.textContent.trim());
                return labels.length > 0 && labels.every(t => t.getBoundingClientRect().height >= 10);
            }
            """,
            null,
            new() { Timeout = 10_000 });
        AssertNoErrors(browser);
    }

    [Theory]
    [InlineData(375, 812)]
    [InlineData(1280, 900)]
    public async Task TheHourlyChartsLabelTheirHoursInReadableText_ApartFromEachOther_AndAPointsTooltipNamesItsHour(int width, int height)
    {
        var at = DateTime.UtcNow.AddHours(-3);
        await using (var db = fixture.App.CreateDbContext())
        {
            db.UsageLogs.Add(new Gateway.Core.Usage.UsageLog { CreatedAt = at, RequestId = Guid.NewGuid().ToString("N"), Model = "hourly", Status = 200, DurationMs = 140, Attempts = 1 });
            await db.SaveChangesAsync();
        }

        await using var browser = await fixture.AdminPageAsync("/", "zh-CN", new() { Width = width, Height = height });
        var page = browser.Page;
        var traffic = page.Locator("[data-testid=chart-traffic]");
        await Assertions.Expect(traffic.Locator("svg .mud-charts-xaxis text").First).ToBeAttachedAsync();

        // Drawn in a 700 x 350 box shrunk to the card, the 12 px hour labels came out 5 px high on a phone; drawn at the
        // card's size all 24 overlapped there. The labels shown must be 10 px or more, and two neighbours (turned 45°)
        // lie side by side a step × sin 45° apart, which must leave room for a line of text. Waited for, as the charts
        // draw again once the browser has measured them.
        await page.WaitForFunctionAsync(
            """
            () => ['chart-traffic', 'chart-error-rate', 'chart-latency'].every(id => {
                const svg = document.querySelector(`[data-testid=${id}] svg`);
                const scale = svg.getScreenCTM().a;
                const labels = [...svg.querySelectorAll('.mud-charts-xaxis text')].filter(t => getComputedStyle(t).display !== 'none');
                const xs = labels.map(t => Number(t.getAttribute('x')) * scale);
                return labels.length >= 6
                    && labels.every(t => parseFloat(getComputedStyle(t).fontSize) * scale >= 10)
                    && xs.slice(1).every((x, i) => (x - xs[i]) * Math.SQRT1_2 >= labels[i].getBBox().height * scale);
            })
            """,
            null,
            new() { Timeout = 10_000 });
        await browser.ScreenshotAsync($"hourly-charts-{width}");

        // Most hours have no label on a phone: the tooltip of a point names its hour under the value.
        var hour = at.ToString("HH:00", CultureInfo.InvariantCulture);
        var hours = (await traffic.Locator("svg .mud-charts-xaxis text").AllTextContentsAsync()).ToList();
        var points = traffic.Locator("svg circle.mud-chart-point");
        await points.Nth(hours.IndexOf(hour)).DispatchEventAsync("mouseover");
        await Assertions.Expect(traffic.Locator("svg .mud-charts-tooltip tspan").Nth(1)).ToHaveTextAsync(hour);

        // Centred on its point, the latest hour's tooltip stays inside the chart.
        await points.Nth(hours.Count - 1).DispatchEventAsync("mouseover");
        await Assertions.Expect(traffic.Locator("svg .mud-charts-tooltip tspan").Nth(1)).ToHaveTextAsync(hours[^1]);
        await Assertions.Expect(traffic.Locator("svg .mud-charts-tooltip g[visibility=hidden]")).ToHaveCountAsync(0);
        // Waited for: the tooltip is drawn with its text, then placed again once its size is known (a busy machine shows
        // the step between).
        await page.WaitForFunctionAsync(
            """
            () => {
                const svg = document.querySelector('[data-testid=chart-traffic] svg');
                const chart = svg.getBoundingClientRect(), tip = svg.querySelector('.mud-charts-tooltip rect').getBoundingClientRect();
                return tip.left >= chart.left && tip.right <= chart.right;
            }
            """,
            null,
            new() { Timeout = 10_000 });
        AssertNoErrors(browser);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(1400)]
    public async Task AtLaptopWidths_EveryAccountRowKeepsItsActionsInView(int width)
    {
        var services = fixture.App.Services;
        var group = (await services.GetRequiredService<GroupAdminService>().CreateAsync($"wide-{width}-{Guid.NewGuid():N}", null, "test", CancellationToken.None)).Value!;
        await services.GetRequiredService<AccountAdminService>().CreateAsync(
            new AccountInput
            {
                Name = $"a-rather-long-account-name-for-{width}-pixels",
                BaseUrl = "https://wide.example.test",
                ApiKey = "sk-wide",
                GroupIds = [group.Id],
                PoolMode = true,
                PoolModeRetryStatusCodes = [401, 403, 429, 500, 502, 503],
            },
            "test",
            CancellationToken.None);

        await using var browser = await fixture.AdminPageAsync("/accounts", viewport: new() { Width = width, Height = 800 });

        var rows = browser.Page.Locator("tr.account-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            await Assertions.Expect(rows.Nth(i).Locator("[data-testid=edit-account]")).ToBeInViewportAsync();
            await Assertions.Expect(rows.Nth(i).Locator("[data-testid=toggle-account]")).ToBeInViewportAsync();
        }

        await browser.ScreenshotAsync($"accounts-{width}px");
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task ALostConnection_OpensTheReconnectDialogInTheConsolesLanguage_WithoutTheOtherStatesText_AndThePageWorksOnceItIsBack()
    {
        await using var browser = await fixture.AdminPageAsync("/groups", culture: "zh-CN");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("分组");

        // The circuit's connection drops and the server cannot be reached until the route is lifted.
        await page.RouteAsync("**/_blazor/**", route => route.AbortAsync());
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        var dialog = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator(".components-reconnect-repeated-attempt-visible")).ToContainTextAsync("秒后重试");
        await Assertions.Expect(dialog.Locator("#components-reconnect-button")).ToBeHiddenAsync();
        await Assertions.Expect(dialog.Locator("p.components-reconnect-failed-visible")).ToBeHiddenAsync();
        await Assertions.Expect(dialog.Locator("#components-resume-button")).ToBeHiddenAsync();
        await Assertions.Expect(dialog.Locator(".components-pause-visible").First).ToBeHiddenAsync();
        await dialog.EvaluateAsync("d => Promise.all(d.getAnimations().map(a => a.finished))");
        await browser.ScreenshotAsync("reconnecting-zh-CN");

        await page.UnrouteAsync("**/_blazor/**");
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await page.ClickAsync("[data-testid=create-group]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AutoEndpointSwitch_SavesTheSetting()
    {
        await using var browser = await fixture.AdminPageAsync("/settings");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("text=Gateway:ForbiddenCooldown")).ToBeVisibleAsync();

        var settings = fixture.App.Services.GetRequiredService<Gateway.Core.Settings.SettingsService>();
        var before = (await settings.GetAsync(CancellationToken.None)).AutoEndpoint;
        await Assertions.Expect(page.Locator("[data-testid=tunable][data-key='Gateway:ForbiddenCooldown'] [data-testid=tunable-value]")).ToHaveTextAsync("10 min");
        await page.ClickAsync("[data-testid=auto-endpoint-switch]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Setting saved.");
        await browser.ScreenshotAsync("settings");

        await using var db = fixture.App.CreateDbContext();
        var stored = await db.Settings.SingleAsync(s => s.Key == Gateway.Core.Settings.FeatureSettings.AutoEndpointKey);
        Assert.Equal(before ? "false" : "true", stored.Value);
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task JobsPage_ListsEveryJob_RunsOneNow_AndLinksToTheHangfireDashboard()
    {
        await using var browser = await fixture.AdminPageAsync("/jobs");
        var page = browser.Page;
        foreach (var name in new[] { JobNames.CapabilityProbe, JobNames.CooldownExpiry, JobNames.UsageRetention })
        {
            await Assertions.Expect(page.Locator($"[data-testid=job-{name}]")).ToBeVisibleAsync();
        }

        var job = page.Locator($"[data-testid=job-{JobNames.UsageRetention}]");
        await Assertions.Expect(job.Locator("[data-testid=job-name]")).ToHaveTextAsync("Usage log retention");
        await job.Locator("[data-testid=job-trigger]").ClickAsync();

        // The run happens on a job server thread; the open page shows its outcome by itself.
        var succeeded = job.Locator("[data-testid=job-outcome]", new() { HasTextString = "Succeeded" });
        await Assertions.Expect(succeeded).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(job.Locator("[data-testid=job-schedule]")).ToHaveTextAsync("30 3 * * * (UTC)");
        await Assertions.Expect(job.Locator("[data-testid=job-run-link]")).ToHaveAttributeAsync("href", new Regex("^/hangfire/jobs/details/"));
        await browser.ScreenshotAsync("jobs");

        var dashboard = await page.Locator("[data-testid=jobs-dashboard-link]").GetAttributeAsync("href");
        await page.GotoAsync(dashboard!);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Overview – Gateway$"));
        await browser.ScreenshotAsync("hangfire-dashboard");
        AssertNoErrors(browser);
    }

    [Fact]
    public async Task InChinese_NoPageOrDialogShowsTheProductsOwnEnglishWords()
    {
        await SeedAFailoverAndACooldownAsync("zh-check");
        await using var browser = await fixture.AdminPageAsync();
        var page = browser.Page;
        await page.ClickAsync("[data-culture=zh-CN]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("仪表盘");

        var pages = new[]
        {
            ("/", "dashboard", "仪表盘"), ("/accounts", "accounts", "上游账号"), ("/groups", "groups", "分组"), ("/keys", "keys", "API 密钥"),
            ("/usage", "usage", "使用日志"), ("/audit", "audit", "审计日志"), ("/settings", "settings", "设置"), ("/jobs", "jobs", "后台任务"), ("/users", "users", "管理员"),
        };
        foreach (var (path, menu, heading) in pages)
        {
            await page.ClickAsync($"[data-testid=nav-{menu}]");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            switch (menu)
            {
                case "dashboard":
                    await Assertions.Expect(page.Locator("[data-testid=health-row][data-account=zh-check-cooling] [data-testid=health-detail]")).ToContainTextAsync("429 限流", new() { Timeout = DashboardShowsWithin });
                    await Assertions.Expect(page.Locator("[data-testid=health-row][data-account=zh-check-retired] [data-testid=health-detail]")).ToContainTextAsync("60 分钟内 3 次 403 禁止访问");
                    break;
                case "accounts":
                    // Every reason the engine stored, named from its structure: cooldowns, errors, suspensions.
                    var cooling = page.Locator("tr.account-row", new() { HasTextString = "zh-check-cooling" });
                    await Assertions.Expect(cooling.Locator("[data-testid=account-cooldown]")).ToContainTextAsync("429 限流");
                    await Assertions.Expect(page.Locator("tr.account-row", new() { HasTextString = "zh-check-strike" }).Locator("[data-testid=account-cooldown]"))
                        .ToContainTextAsync("403 临时冷却（第 1/3 次）");
                    await Assertions.Expect(page.Locator("tr.account-row", new() { HasTextString = "zh-check-retired" }).Locator("[data-testid=account-error]"))
                        .ToHaveTextAsync("60 分钟内 3 次 403 禁止访问");
                    await Assertions.Expect(cooling.Locator("[data-testid=account-suspension]")).ToHaveAttributeAsync("title", "模型不受支持");
                    await AssertNoEnglishAsync(page, menu);
                    await browser.ScreenshotAsync("accounts-zh-CN-reasons");
                    await page.ClickAsync("[data-testid=create-account]");
                    await page.Locator("[data-testid=pool-mode-switch]").CheckAsync();
                    await page.ClickAsync("[data-testid=save-account]");
                    await Assertions.Expect(page.Locator("[data-testid=account-errors]")).ToBeVisibleAsync();
                    await AssertNoEnglishAsync(page, "the account dialog");
                    await browser.ScreenshotAsync("account-dialog-zh-CN");
                    await page.ClickAsync("[data-testid=cancel-account]");
                    await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
                    break;
                case "groups" or "keys":
                    await AssertNoEnglishAsync(page, menu);
                    await page.ClickAsync($"[data-testid=create-{menu.TrimEnd('s')}]");
                    await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
                    await AssertNoEnglishAsync(page, menu + " dialog");
                    await page.ClickAsync($"[data-testid=cancel-{menu.TrimEnd('s')}]");
                    await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
                    break;
                case "usage":
                    // The attempt trace too: decisions and failure classes.
                    var failover = page.Locator("[data-testid=usage-grid] tr", new() { Has = page.Locator("[data-testid=usage-model]", new() { HasTextString = "zh-check-model" }) });
                    await failover.Locator("button").First.ClickAsync();
                    await Assertions.Expect(page.Locator("[data-testid=attempt-decision]").First).ToHaveTextAsync("切换账号");
                    await browser.ScreenshotAsync("usage-trace-zh-CN");
                    break;
                case "audit":
                    var created = page.Locator("tr.audit-row", new() { HasTextString = "zh-check-group" }).First;
                    await Assertions.Expect(created.Locator("[data-testid=audit-action-name]")).ToHaveTextAsync("分组已创建");
                    await browser.ScreenshotAsync("audit-zh-CN");
                    break;
            }

            await AssertNoEnglishAsync(page, menu);
        }

        AssertNoErrors(browser);
    }

    [Fact]
    public async Task OperatorPages_FitPhoneLaptopAndWideScreens_WithoutSidewaysScrolling()
    {
        await SeedAFailoverAndACooldownAsync("layout");
        foreach (var (width, height) in new[] { (390, 844), (1280, 800), (1920, 1080) })
        {
            await using var browser = await fixture.AdminPageAsync(viewport: new() { Width = width, Height = height });
            var page = browser.Page;
            foreach (var (path, name) in new[] { ("/", "dashboard"), ("/accounts", "accounts"), ("/groups", "groups"), ("/keys", "keys"), ("/usage", "usage"), ("/audit", "audit"), ("/settings", "settings"), ("/jobs", "jobs"), ("/users", "users") })
            {
                await page.GotoAsync(path);
                await browser.WaitForCircuitAsync();
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (name == "accounts")
                {
                    await Assertions.Expect(page.Locator("tr.account-row").First).ToBeVisibleAsync();
                }

                await browser.ScreenshotAsync($"{name}-{width}");

                // Wide tables scroll inside their own box; the page itself never scrolls sideways.
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} at {width} px scrolls sideways");
                if (name is "accounts" or "groups" or "keys" or "audit")
                {
                    // These grids fit whole (a phone shows each row as a card): no column, action included, hides off to the side.
                    Assert.True(
                        await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.mud-data-grid .mud-table-container')].every(c => c.scrollWidth <= c.clientWidth + 1)"),
                        $"the {name} grid at {width} px scrolls sideways");
                }
            }

            AssertNoErrors(browser);
        }
    }

    // The product's own words as the English console shows them (menu, figures, states, decisions, failure classes,
    // the gateway's texts, buttons): none may show in English once the console speaks Chinese. Names such as OpenAI,
    // Chat Completions or Responses are not translated and are not listed.
    private static readonly string[] EnglishTerms =
    [
        "Dashboard", "Accounts", "Groups", "API keys", "Usage logs", "Settings", "Jobs", "Admin users", "Log out", "New account",
        "Active", "Cooling down", "Disabled", "Error", "Priority", "Actions", "Search", "Edit", "Delete", "Save", "Cancel",
        "Rows per page", "Pool mode", "Retry Status Codes", "Endpoint mode", "Passthrough", "Test connection", "Model mapping",
        "No traffic", "left", "temporary cooldown", "Name", "Description", "Group", "Expires", "Never", "Required", "required",
        "Requests", "Errors", "Error rate", "Failovers", "Latency", "First token", "Account health", "Switched account", "Stopped",
        "Delivered", "Rate limited", "rate_limited", "account_switch", "cooldown_started", "Cooldown started",
        "Every upstream account failed", "429 rate limited", "Apply", "Clear filters", "Export CSV", "Refresh", "Viewer", "Admin",
        "Tunables", "Automatic endpoint detection", "Create token", "Add user", "No requests match", "Attempts", "Model", "Status",
        "Time", "Duration", "failover", "Updated", "min", "ms", "capability-probe", "cooldown-expiry", "usage-retention",
        "Capability probe", "Cooldown expiry", "Usage log retention", "Run now", "Not run yet", "Succeeded", "Background jobs",
    ];

    private static async Task AssertNoEnglishAsync(IPage page, string where)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var found = EnglishTerms.Where(term => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(term)}(?![\w-])")).ToList();
        Assert.True(found.Count == 0, $"English on {where}: {string.Join(", ", found)}");
    }

    // Accounts cooling down, in error and with a suspended model, a request that failed over, and a group and key.
    private async Task SeedAFailoverAndACooldownAsync(string name)
    {
        await using var db = fixture.App.CreateDbContext();
        var cooling = new Account { Name = $"{name}-cooling", BaseUrl = "https://cooling.example", CooldownUntil = DateTime.UtcNow.AddHours(1), CooldownReason = AccountReason.RateLimited.Text };
        db.Accounts.Add(cooling);
        db.Accounts.Add(new Account { Name = $"{name}-strike", BaseUrl = "https://strike.example", CooldownUntil = DateTime.UtcNow.AddMinutes(10), CooldownReason = AccountReason.ForbiddenStrike(1, 3).Text });
        db.Accounts.Add(new Account { Name = $"{name}-retired", BaseUrl = "https://retired.example", Status = AccountStatus.Error, ErrorMessage = AccountReason.ForbiddenRetired(3, 60).Text });
        await db.SaveChangesAsync();
        db.ModelSuspensions.Add(new ModelSuspension { AccountId = cooling.Id, UpstreamModel = $"{name}-upstream", Until = DateTime.UtcNow.AddHours(12), Reason = AccountReason.ModelNotSupported.Text });
        db.UsageLogs.Add(new Gateway.Core.Usage.UsageLog
        {
            CreatedAt = DateTime.UtcNow,
            RequestId = Guid.NewGuid().ToString("N"),
            AccountId = cooling.Id,
            Model = $"{name}-model",
            Status = 502,
            DurationMs = 812,
            Attempts = 2,
            Error = "Every upstream account failed.",
            Trace =
            [
                new Gateway.Core.Usage.AttemptTrace { AccountId = cooling.Id, Status = 429, FailureClass = "rate_limited", Decision = "account_switch", DurationMs = 20 },
                new Gateway.Core.Usage.AttemptTrace { AccountId = cooling.Id, Status = 502, FailureClass = "server_error", Decision = "stop", DurationMs = 30 },
            ],
        });
        await db.SaveChangesAsync();
        var services = fixture.App.Services;
        var group = (await services.GetRequiredService<GroupAdminService>().CreateAsync($"{name}-group", $"{name}-description", [cooling.Id], "test", CancellationToken.None)).Value!;
        await services.GetRequiredService<ApiKeyAdminService>().CreateAsync(new ApiKeyInput($"{name}-key", group.Id), "test", CancellationToken.None);
    }

    private void AssertNoErrors(BrowserPage browser)
    {
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        Assert.True(fixture.App.Logs.Problems.Count == 0, string.Join("\n", fixture.App.Logs.Problems));
    }
}
