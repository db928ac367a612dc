using Bunit;
using Gateway.Web.Components.Pages.Accounts;
using MudBlazor;

namespace Gateway.Tests.Web.Console.Components;

public sealed class AccountsPageTests : ConsoleComponentTest
{
    public AccountsPageTests() => UseConsoleServices();

    [Fact]
    public async Task Grid_PagesOnTheServer_AndTheStatusFilterNarrowsIt()
    {
        for (var i = 1; i <= 30; i++)
        {
            await SeedAccountAsync($"acct-{i:00}", a => a.CooldownUntil = i % 10 == 0 ? Start.UtcDateTime.AddMinutes(5) : null);
        }

        var (host, page) = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(25, Names(page).Count));
        Assert.Contains("1-25 of 30", page.Markup);
        page.Find(".mud-table-pagination-actions button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(["acct-26", "acct-27", "acct-28", "acct-29", "acct-30"], Names(page)));

        await SelectStatusAsync(host, page, "Cooling down");

        page.WaitForAssertion(() => Assert.Equal(["acct-10", "acct-20", "acct-30"], Names(page)));
        Assert.Contains("1-3 of 3", page.Markup);
    }

    [Fact]
    public async Task ACooldownThatEnds_LeavesTheGridWithoutAReload_AndANewSuspensionAppearsByItself()
    {
        var account = await SeedAccountAsync("cooling", a =>
        {
            a.CooldownUntil = Start.UtcDateTime.AddSeconds(30);
            a.CooldownReason = "403 temporary cooldown (1/3)";
        });
        var (_, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("CoolingDown", page.Find("[data-testid=account-state]").GetAttribute("data-state")));
        Assert.Contains("30 s left", page.Find("[data-testid=account-cooldown]").TextContent);
        Assert.Contains("403 temporary cooldown (1/3)", page.Find("[data-testid=account-cooldown]").TextContent);

        Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Contains("29 s left", page.Find("[data-testid=account-cooldown]").TextContent));

        Time.Advance(TimeSpan.FromSeconds(29));
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=account-state]").GetAttribute("data-state")));
        Assert.Empty(page.FindAll("[data-testid=account-cooldown]"));

        await using (var db = Database!.CreateDbContext())
        {
            db.ModelSuspensions.Add(new ModelSuspension { AccountId = account.Id, UpstreamModel = "gpt-x", Until = Time.GetUtcNow().UtcDateTime.AddHours(12), Reason = "model_not_supported" });
            await db.SaveChangesAsync();
        }

        Time.Advance(AccountsPage.ReloadEvery);
        page.WaitForAssertion(() => Assert.Contains("gpt-x suspended, 11 h 59 min left", page.Find("[data-testid=account-suspension]").TextContent));
    }

    [Fact]
    public async Task ABrowserThatWentAway_StopsTheCountdown_AndCatchesUpWhenItComesBack()
    {
        await SeedAccountAsync("cooling", a => a.CooldownUntil = Start.UtcDateTime.AddMinutes(1));
        var (_, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("1 min left", page.Find("[data-testid=account-cooldown]").TextContent));
        var connection = Services.GetRequiredService<CircuitConnection>();

        await connection.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal(0, Time.RunningTimersEvery(TimeSpan.FromSeconds(1)));
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Contains("1 min left", page.Find("[data-testid=account-cooldown]").TextContent);

        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Contains("55 s left", page.Find("[data-testid=account-cooldown]").TextContent));
        Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Contains("54 s left", page.Find("[data-testid=account-cooldown]").TextContent));
    }

    [Fact]
    public async Task LeavingThePage_StopsItsClock()
    {
        await SeedAccountAsync("cooling", a => a.CooldownUntil = Start.UtcDateTime.AddMinutes(1));
        var (_, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Names(page)));
        Assert.Equal(1, Time.RunningTimersEvery(TimeSpan.FromSeconds(1)));

        await DisposeComponentsAsync();

        Assert.Equal(0, Time.RunningTimersEvery(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Disabling_AsksFirst_AndKeepsTheFilterAndPage()
    {
        for (var i = 1; i <= 30; i++)
        {
            await SeedAccountAsync($"acct-{i:00}", _ => { });
        }

        var (host, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(25, Names(page).Count));
        page.Find(".mud-table-pagination-actions button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(5, Names(page).Count));

        page.FindAll("[data-testid=toggle-account]")[0].Click();

        host.WaitForAssertion(() => Assert.Contains("acct-26 stops receiving requests", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box .mud-button-root").Single(b => b.TextContent.Contains("Disable")).Click();
        page.WaitForAssertion(() => Assert.Equal("Disabled", page.FindAll("[data-testid=account-state]")[0].GetAttribute("data-state")));
        Assert.Equal(5, Names(page).Count);
        Assert.Contains("26-30 of 30", page.Markup);
        await using var db = Database!.CreateDbContext();
        Assert.Equal(AccountStatus.Disabled, (await db.Accounts.SingleAsync(a => a.Name == "acct-26")).Status);
    }

    [Fact]
    public async Task ClearingACooldown_AsksFirst_AndCancelLeavesItAlone()
    {
        await SeedAccountAsync("cooling", a => a.CooldownUntil = Start.UtcDateTime.AddMinutes(10));
        var (host, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        page.Find("[data-testid=clear-cooldown]").Click();
        host.WaitForAssertion(() => Assert.Contains("Clears the cooldown, model suspensions, 403 strikes and error state of cooling", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box .mud-button-root").Single(b => b.TextContent.Contains("Cancel")).Click();
        await using (var db = Database!.CreateDbContext())
        {
            Assert.NotNull((await db.Accounts.SingleAsync()).CooldownUntil);
        }

        page.Find("[data-testid=clear-cooldown]").Click();
        host.WaitForAssertion(() => host.FindAll(".mud-message-box .mud-button-root").Single(b => b.TextContent.Contains("Clear cooldown")).Click());
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=account-state]").GetAttribute("data-state")));
    }

    [Fact]
    public async Task AConnectionTestThatGotNoAnswer_SaysWhyInTheConsolesLanguage()
    {
        UseCulture("zh-CN");
        await SeedAccountAsync("unreachable", _ => { });
        AccountActions.Result = new(false, null, 3, "Network error: Connection refused (127.0.0.1:9)", "gpt-4o-mini", null, ApiProtocol.Chat);
        var (host, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        page.Find("[data-testid=test-account]").Click();
        await host.WaitForElement("[data-testid=test-run]").ClickAsync(new());

        Assert.Equal("网络错误：Connection refused (127.0.0.1:9)", host.WaitForElement(".connection-test-detail").TextContent);
    }

    [Fact]
    public async Task AProbeThatGotNoAnswer_SaysWhyInTheConsolesLanguage()
    {
        UseCulture("zh-CN");
        await SeedAccountAsync("silent", a =>
        {
            a.ProbedAt = Start.UtcDateTime;
            a.ProbeDetail = "No answer within 15 s.";
        });
        var (_, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        Assert.EndsWith(" 15 秒内无应答。", page.Find("[data-testid=account-probe]").GetAttribute("title"));
    }

    [Fact]
    public async Task AnAnthropicRow_ShowsItSpeaksMessagesOnly_AndItsConnectionTestOffersNoOtherProtocol()
    {
        UseCulture("zh-CN");
        var account = await SeedAccountAsync("claude", a =>
        {
            a.Platform = AccountPlatform.Anthropic;
            a.ResponsesSupported = false;
            a.ProbedAt = Start.UtcDateTime;
        });
        var (host, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        var mode = page.Find("[data-testid=account-endpoint-mode]");
        Assert.Equal(("messages", "仅 Messages"), (mode.GetAttribute("data-mode"), mode.TextContent));
        Assert.Empty(page.FindAll("[data-testid=account-probe]"));
        Assert.Contains("Anthropic", page.Find("tr.account-row").TextContent);

        page.Find("[data-testid=test-account]").Click();
        Assert.Equal("协议：Anthropic Messages", host.WaitForElement("[data-testid=test-protocol-messages]").TextContent);
        Assert.Empty(host.FindAll("[data-testid=test-protocol-chat], [data-testid=test-protocol-responses]"));
        await host.Find("[data-testid=test-run]").ClickAsync(new());
        Assert.Equal(ApiProtocol.Messages, Assert.Single(AccountActions.Tests).Protocol);
        Assert.Equal(account.Id, AccountActions.Tests[0].AccountId);
    }

    [Fact]
    public async Task RowActions_TestTheStoredAccount_Reprobe_AndDeleteOnlyAfterConfirmation()
    {
        var account = await SeedAccountAsync("acted-on", a => a.ModelMapping = new() { ["gpt-4o"] = "deepseek-chat" });
        var (host, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        page.Find("[data-testid=test-account]").Click();
        host.WaitForElement("[data-testid=test-protocol-responses]").Click();
        host.Find("[data-testid=test-model-suggestion]").Click();
        await host.Find("[data-testid=test-run]").ClickAsync(new());
        Assert.Equal((account.Id, (Gateway.Core.Accounts.ConnectionDraft?)null, ApiProtocol.Responses, "deepseek-chat"), Assert.Single(AccountActions.Tests));
        Assert.Equal("pong", host.Find("[data-testid=test-reply]").TextContent);
        host.Find("[data-testid=close-test]").Click();

        page.Find("[data-testid=more-account] button").Click();
        host.WaitForElement("[data-testid=reprobe-account]").Click();
        host.WaitForAssertion(() => Assert.Equal([account.Id], AccountActions.Reprobed));

        page.Find("[data-testid=more-account] button").Click();
        host.WaitForElement("[data-testid=delete-account]").Click();
        host.WaitForAssertion(() => Assert.Contains("acted-on and its settings are deleted", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box .mud-button-root").Single(b => b.TextContent.Contains("Delete")).Click();
        page.WaitForAssertion(() => Assert.Empty(Names(page)));
        await using var db = Database!.CreateDbContext();
        Assert.Empty(await db.Accounts.ToListAsync());
    }

    [Fact]
    public async Task ErrorRateColumn_ShowsAFailingPoolModeAccount_InChinese()
    {
        UseCulture("zh-CN");
        var account = await SeedAccountAsync("pool", a => a.PoolMode = true);
        await using (var db = Database!.CreateDbContext())
        {
            db.UsageLogs.Add(new Gateway.Core.Usage.UsageLog
            {
                CreatedAt = Start.UtcDateTime.AddMinutes(-2),
                RequestId = "r1",
                Model = "gpt-4o",
                Status = 200,
                Attempts = 2,
                Trace =
                [
                    new() { AccountId = account.Id, Status = 429, FailureClass = "rate_limited", Decision = "same_account_retry" },
                    new() { AccountId = account.Id, Status = 200, FailureClass = "none", Decision = "deliver" },
                ],
            });
            await db.SaveChangesAsync();
        }

        var (_, page) = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("2 次尝试中失败 50%", page.Find("[data-testid=account-error-rate]").TextContent));
        Assert.Contains("2 分钟前最近一次失败：429 限流（429）", page.Find("[data-testid=account-last-failure]").TextContent);
        Assert.Equal("正常", page.Find("[data-testid=account-state]").TextContent.Trim());
        Assert.Contains("上游账号", page.Markup);
    }

    [Fact]
    public async Task Viewers_SeeTheGrid_ButNoWayToChangeIt()
    {
        SignInAs(AdminRoles.Viewer);
        await SeedAccountAsync("read-me", _ => { });

        var (_, page) = RenderPage();

        page.WaitForAssertion(() => Assert.Single(Names(page)));
        Assert.Empty(page.FindAll("[data-testid=create-account]"));
        Assert.Empty(page.FindAll("[data-testid=toggle-account], [data-testid=clear-cooldown], [data-testid=edit-account], [data-testid=test-account]"));
        Assert.Single(page.FindAll("[data-testid=view-account]"));
    }

    private (IRenderedComponent<IComponent> Host, IRenderedComponent<AccountsPage> Page) RenderPage()
    {
        var host = RenderProviders();
        return (host, Render<AccountsPage>());
    }

    private static List<string> Names(IRenderedComponent<AccountsPage> page) => [.. page.FindAll("[data-testid=account-name]").Select(e => e.TextContent)];

    private static async Task SelectStatusAsync(IRenderedComponent<IComponent> host, IRenderedComponent<AccountsPage> page, string text)
    {
        var select = page.FindComponent<MudSelect<AccountStatusFilter>>();
        await select.InvokeAsync(select.Instance.OpenMenu);
        host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == text).Click());
    }
}
