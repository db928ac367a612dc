using Gateway.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gateway.Tests.Web.Console;

public sealed class AccountsConsoleTests(ConsoleBrowserFixture fixture) : IClassFixture<ConsoleBrowserFixture>
{
    [Fact]
    public async Task RetryStatusCodes_ValidatedAsTyped_SavedNormalised_AndEndpointModePersists()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LogInAsync(ConsoleBrowserFixture.AdminEmail, ConsoleBrowserFixture.AdminPassword, "/accounts");
        await browser.WaitForCircuitAsync();

        await page.ClickAsync("[data-testid=create-account]");
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

        await Assertions.Expect(page.Locator("[data-testid=account-retry-codes]")).ToHaveTextAsync("429, 503");
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-endpoint-mode]")).ToHaveTextAsync("chat");
        await Assertions.Expect(page.Locator("[data-testid=account-retry-codes]")).ToHaveTextAsync("429, 503");

        await page.ClickAsync("[data-testid=edit-account]");
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

        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        Assert.Empty(fixture.App.Logs.Problems);
    }
}
