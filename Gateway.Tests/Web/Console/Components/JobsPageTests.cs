using Bunit;
using Gateway.Web.Components.Pages.Jobs;

namespace Gateway.Tests.Web.Console.Components;

public sealed class JobsPageTests(ConsoleAppFixture fixture) : ConsolePageTest(fixture)
{
    // The page reads the real host's job storage, which a busy machine (the whole suite at once) can make slow.
    private static readonly TimeSpan HostReadTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Jobs_AreNamedInChinese_ARunNowShowsItsOutcomeWithoutAReload_AndLeavingStopsTheRefresh()
    {
        // The host registers the schedules once it runs, and the page shows what it reads when it opens: a page opened
        // before then would show every job on demand until its clock ticks.
        var jobs = Fixture.App.Services.GetRequiredService<JobsOverviewService>();
        await Eventually.TrueAsync(
            async () => (await jobs.GetAsync(JobNames.UsageRetention, CancellationToken.None))?.Schedule is not null,
            "the host's recurring jobs registered");
        UseCulture("zh-CN");
        var providers = RenderProviders();
        var page = Render<JobsPage>();

        page.WaitForAssertion(() => Assert.Equal(
            ["能力探测", "冷却到期处理", "使用日志保留清理", "已存储响应保留清理"],
            page.FindAll("[data-testid=job-name]").Select(n => n.TextContent.Trim())),
            HostReadTimeout);
        var job = $"[data-testid=job-{JobNames.UsageRetention}]";

        // Read while the page may still be rendering its next read of the host.
        page.WaitForAssertion(
            () =>
            {
                Assert.Equal("删除超过保留期的使用日志。", page.Find(job).QuerySelector("p")!.TextContent);
                Assert.Equal("30 3 * * * (UTC)", page.Find($"{job} [data-testid=job-schedule]").TextContent);
            },
            HostReadTimeout);

        page.Find($"{job} [data-testid=job-trigger]").Click();
        providers.WaitForAssertion(() => Assert.Contains("已将“使用日志保留清理”加入队列，立即运行。", providers.Markup), HostReadTimeout);

        // The run happens on the host's job server; each tick of the page's clock reads the summary again.
        await Eventually.TrueAsync(() =>
        {
            Time.Advance(LiveConsolePage.RefreshInterval);
            return Task.FromResult(Outcome(page, job) == "成功");
        }, "the run's outcome on the page", TimeSpan.FromSeconds(30));
        Assert.StartsWith("/hangfire/jobs/details/", page.Find($"{job} [data-testid=job-run-link]").GetAttribute("href"));

        // Left: its clock stops.
        Assert.Equal(1, Time.RunningTimersEvery(LiveConsolePage.RefreshInterval));
        await DisposeComponentsAsync();
        Assert.Equal(0, Time.RunningTimersEvery(LiveConsolePage.RefreshInterval));
    }

    private static string Outcome(IRenderedComponent<JobsPage> page, string job) => page.Find($"{job} [data-testid=job-outcome]").TextContent.Trim();
}
