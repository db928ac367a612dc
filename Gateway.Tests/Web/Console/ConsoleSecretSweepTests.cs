using System.Text.RegularExpressions;
using Gateway.Tests.Security;
using Microsoft.Playwright;

namespace Gateway.Tests.Web.Console;

/// <summary>
/// The console's side of the secret sweep: once every kind of secret is saved and used (<see cref="SecretsInUse"/>),
/// every console page in both languages, every account's editor and connection test, every usage row's attempt trace,
/// the admin API reference and the Hangfire dashboard's pages show none of them, neither in the page nor in the value
/// of any field.
/// </summary>
[Collection(ConsoleBrowserFixture.Collection)]
public sealed partial class ConsoleSecretSweepTests(ConsoleBrowserFixture fixture) : IClassFixture<ConsoleBrowserFixture>
{
    private static readonly string[] SignInRoutes = [ConsoleRoutes.Login, ConsoleRoutes.Setup];

    [Fact]
    public async Task NoSavedSecret_ShowsOnAnyConsolePage_Dialog_Trace_OrHangfireDashboardPage()
    {
        var group = (await fixture.App.Services.GetRequiredService<GroupAdminService>().CreateAsync("secrets", null, "test", CancellationToken.None)).Value!;
        await using var secrets = await SecretsInUse.SaveAndUseAsync(fixture.App, fixture.BaseAddress, group.Id);
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Except(SignInRoutes)
            .ToList();
        var shown = new List<string>();
        foreach (var culture in new[] { "en-US", "zh-CN" })
        {
            await using var browser = await fixture.AdminPageAsync(culture: culture);
            var page = browser.Page;
            async Task KeepAsync(string where)
            {
                var values = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('input, textarea, select')].map(e => e.value)");
                shown.Add($"{where} ({culture}):\n{await page.ContentAsync()}\n{string.Join('\n', values)}");
            }

            foreach (var path in pages)
            {
                await page.GotoAsync(path);
                await browser.WaitForCircuitAsync();
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await KeepAsync(path);
                if (path == ConsoleRoutes.Accounts)
                {
                    await SweepAccountsAsync(page, secrets.AccountIds.Count, KeepAsync);
                }
                else if (path == ConsoleRoutes.Usage)
                {
                    await SweepTracesAsync(page, KeepAsync);
                }
            }

            await page.GotoAsync(ConsoleRoutes.ApiReference);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await KeepAsync(ConsoleRoutes.ApiReference);
            Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        }

        shown.AddRange(await HangfirePagesAsync());
        Assert.Empty(secrets.LeaksIn(shown.Concat(fixture.App.Logs.Entries)));
        Assert.True(fixture.App.Logs.Problems.Count == 0, string.Join("\n", fixture.App.Logs.Problems));
    }

    // Each account's editor as it opens, and its connection test once run.
    private static async Task SweepAccountsAsync(IPage page, int accounts, Func<string, Task> keepAsync)
    {
        var rows = page.Locator("tr.account-row");
        await Assertions.Expect(rows).ToHaveCountAsync(accounts);
        for (var i = 0; i < accounts; i++)
        {
            var name = await rows.Nth(i).Locator("[data-testid=account-name]").InnerTextAsync();
            await rows.Nth(i).Locator("[data-testid=edit-account]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=account-secret-input]")).ToBeVisibleAsync();
            await keepAsync($"the editor of {name}");
            await page.ClickAsync("[data-testid=cancel-account]");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            await rows.Nth(i).Locator("[data-testid=test-account]").ClickAsync();
            await page.ClickAsync("[data-testid=test-run]");
            await Assertions.Expect(page.Locator("[data-testid=test-outcome]")).ToBeVisibleAsync();
            await keepAsync($"the connection test of {name}");
            await page.ClickAsync("[data-testid=close-test]");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        }
    }

    // Every row's attempt trace, opened.
    private static async Task SweepTracesAsync(IPage page, Func<string, Task> keepAsync)
    {
        var rows = page.Locator("[data-testid=usage-grid] tr", new() { Has = page.Locator("[data-testid=usage-model]") });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var count = await rows.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await rows.Nth(i).Locator("button").First.ClickAsync();
        }

        await Assertions.Expect(page.Locator("[data-testid=usage-trace]")).ToHaveCountAsync(count);
        await keepAsync("the usage traces");
    }

    // The Hangfire dashboard's overview, recurring jobs, job lists and every job's details, read with the admin's cookie.
    private async Task<List<string>> HangfirePagesAsync()
    {
        await using var browser = await fixture.AdminPageAsync();
        var request = browser.Context.APIRequest;
        var shown = new List<string>();
        var paths = new List<string> { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/enqueued", "/hangfire/jobs/scheduled", "/hangfire/jobs/succeeded", "/hangfire/jobs/failed" };
        for (var i = 0; i < paths.Count; i++)
        {
            var response = await request.GetAsync(paths[i]);
            Assert.Equal(200, response.Status);
            var html = await response.TextAsync();
            shown.Add($"{paths[i]}:\n{html}");
            paths.AddRange(JobDetails().Matches(html).Select(m => m.Value).Distinct().Except(paths));
        }

        Assert.Contains(paths, p => p.StartsWith(ConsoleRoutes.HangfireJob(""), StringComparison.Ordinal));
        return shown;
    }

    [GeneratedRegex("/hangfire/jobs/details/[0-9A-Za-z-]+")]
    private static partial Regex JobDetails();
}
