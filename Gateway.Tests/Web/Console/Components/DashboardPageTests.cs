using Bunit;
using Gateway.Web.Components.Pages.Home;

namespace Gateway.Tests.Web.Console.Components;

public sealed class DashboardPageTests(ConsoleAppFixture fixture) : ConsolePageTest(fixture)
{
    [Fact]
    public async Task OpenDashboard_RefreshesByItselfEveryFewSeconds_AndStopsWhenLeft()
    {
        var page = await OpenOnOneRequestAsync(daysLater: 10);

        Assert.Equal("0%", Stat(page, "stat-error-rate"));
        Assert.Equal("120 ms", Stat(page, "stat-p50"));

        await AddUsageAsync(Time.GetUtcNow().UtcDateTime.AddMinutes(-1), 502, 400);
        Assert.Equal("1", Stat(page, "stat-requests"));
        Time.Advance(LiveConsolePage.RefreshInterval);

        page.WaitForAssertion(() => Assert.Equal("2", Stat(page, "stat-requests")));
        Assert.Equal("50%", Stat(page, "stat-error-rate"));
        Assert.Equal("400 ms", Stat(page, "stat-p99"));
        Assert.Contains("2026-12-11 12:00:05 UTC", page.Find("[data-testid=dashboard-updated]").TextContent);

        // Left: its timer is gone, so no later tick can read anything.
        Assert.Equal(1, Time.RunningTimersEvery(LiveConsolePage.RefreshInterval));
        await DisposeComponentsAsync();
        Assert.Equal(0, Time.RunningTimersEvery(LiveConsolePage.RefreshInterval));
    }

    [Fact]
    public async Task ABrowserThatWentAway_GetsNoRefreshes_AndOneAtOnceWhenItComesBack()
    {
        var page = await OpenOnOneRequestAsync(daysLater: 40);
        var connection = Services.GetRequiredService<CircuitConnection>();

        await connection.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal(0, Time.RunningTimersEvery(LiveConsolePage.RefreshInterval));
        await AddUsageAsync(Time.GetUtcNow().UtcDateTime.AddMinutes(-1), 200, 130);
        var opened = Fixture.ContextsOpened;
        Time.Advance(LiveConsolePage.RefreshInterval * 2);

        Assert.Equal(opened, Fixture.ContextsOpened);
        Assert.Equal("1", Stat(page, "stat-requests"));

        // Back: read at once, without waiting for the next tick, then tick again.
        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Equal("2", Stat(page, "stat-requests")));
        Assert.Equal(1, Time.RunningTimersEvery(LiveConsolePage.RefreshInterval));
    }

    [Fact]
    public async Task CooldownThatEnds_LeavesTheHealthTableWithoutAReload_InChinese()
    {
        UseCulture("zh-CN");
        Time.Advance(TimeSpan.FromDays(20));
        var now = Time.GetUtcNow().UtcDateTime;
        await using (var db = Fixture.CreateDbContext())
        {
            db.Accounts.Add(new Account { Name = "cooling-seven", BaseUrl = "https://cool.example", CooldownUntil = now.AddSeconds(7), CooldownReason = "529 overloaded" });
            await db.SaveChangesAsync();
        }

        RenderProviders();
        var page = Render<DashboardPage>();
        var row = () => page.Find("[data-testid=health-row][data-account=cooling-seven]");

        page.WaitForAssertion(() => Assert.Equal("冷却中", row().QuerySelector("[data-testid=health-state]")!.TextContent.Trim()));
        Assert.Equal("529 过载 · 剩余 7 秒", row().QuerySelector("[data-testid=health-detail]")!.TextContent);
        Assert.Equal("仪表盘", page.Find("h1").TextContent);

        Time.Advance(LiveConsolePage.RefreshInterval);
        page.WaitForAssertion(() => Assert.Equal("529 过载 · 剩余 2 秒", row().QuerySelector("[data-testid=health-detail]")!.TextContent));

        Time.Advance(LiveConsolePage.RefreshInterval);
        page.WaitForAssertion(() => Assert.Equal("正常", row().QuerySelector("[data-testid=health-state]")!.TextContent.Trim()));
        Assert.Equal("", row().QuerySelector("[data-testid=health-detail]")!.TextContent);
    }

    [Fact]
    public async Task Charts_DrawTheDay_AndCooldownEventsAreNamedInTheConsolesLanguage()
    {
        Time.Advance(TimeSpan.FromDays(30));
        var now = Time.GetUtcNow().UtcDateTime;
        await AddUsageAsync(now.AddHours(-2), 200, 80);
        await using (var db = Fixture.CreateDbContext())
        {
            db.AuditEntries.Add(new Gateway.Core.Audit.AuditEntry { CreatedAt = now.AddMinutes(-30), Action = "cooldown_started", Actor = "system" });
            db.Accounts.Add(new Account { Name = "charted", BaseUrl = "https://charted.example" });
            await db.SaveChangesAsync();
        }

        // The hourly and cooldown charts draw at the size the browser measures for them, so their 12 px labels stay 12 px.
        JSInterop.Setup<MudBlazor.Interop.ElementSize>("mudObserveElementSize", _ => true).SetResult(new() { Width = 300, Height = 220 });
        RenderProviders();
        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chart-traffic] svg")));
        foreach (var chart in new[] { "chart-traffic", "chart-error-rate", "chart-latency", "chart-cooldowns" })
        {
            page.WaitForAssertion(() => Assert.Equal("0 0 300 220", page.Find($"[data-testid={chart}] svg").GetAttribute("viewBox")));
        }

        Assert.NotEmpty(page.FindAll("[data-testid=chart-states] svg"));
        Assert.Contains("Cooldown started", page.Find("[data-testid=chart-cooldowns]").TextContent);

        // A narrow chart labels few hours on its axis: a point's tooltip names its hour under the value.
        var hours = page.FindAll("[data-testid=chart-traffic] .mud-charts-xaxis text").Select(t => t.TextContent).ToList();
        page.FindAll("[data-testid=chart-traffic] circle.mud-chart-point")[hours.IndexOf("10:00")].MouseOver();
        page.WaitForAssertion(() => Assert.Equal(["1", "10:00"], page.FindAll("[data-testid=chart-traffic] .mud-charts-tooltip tspan").Select(t => t.TextContent.Trim())));
    }

    // Each test reads its own day of the shared database.
    private async Task<IRenderedComponent<DashboardPage>> OpenOnOneRequestAsync(int daysLater)
    {
        Time.Advance(TimeSpan.FromDays(daysLater));
        await AddUsageAsync(Time.GetUtcNow().UtcDateTime.AddMinutes(-5), 200, 120);
        RenderProviders();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("1", Stat(page, "stat-requests")));
        return page;
    }

    private static string Stat(IRenderedComponent<DashboardPage> page, string id) => page.Find($"[data-testid={id}]").TextContent.Trim();

    private async Task AddUsageAsync(DateTime at, int status, int durationMs)
    {
        await using var db = Fixture.CreateDbContext();
        db.UsageLogs.Add(new UsageLog { CreatedAt = at, RequestId = Guid.NewGuid().ToString("N"), Model = "gpt-4o", Status = status, DurationMs = durationMs, Attempts = 1 });
        await db.SaveChangesAsync();
    }
}
