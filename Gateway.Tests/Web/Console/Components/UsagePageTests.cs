using Bunit;
using UsagePage = Gateway.Web.Components.Pages.Usage.UsagePage;

namespace Gateway.Tests.Web.Console.Components;

public sealed class UsagePageTests(UsagePageTests.Data data) : ListingPageTest<UsagePage, UsagePageTests.Data>(data, "usage")
{
    [Fact]
    public void Opening_ShowsTheNewestRows_WithoutApply_PagedOnTheServer()
    {
        var page = RenderFirstPage();

        Assert.Equal("req-59", RequestId(Rows(page)[0]));
        Assert.Equal("2026-11-20 10:59:00 UTC", Rows(page)[0].QuerySelector("[data-testid=usage-time]")!.TextContent);
        Assert.Equal("/api/admin/usage/export", page.Find("[data-testid=usage-export]").GetAttribute("href"));

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count));
        Assert.Equal("req-09", RequestId(Rows(page)[0]));
    }

    [Fact]
    public void Filters_ApplyOnlyOnApply_AndTheExportFollowsTheAppliedOnes()
    {
        var page = RenderFirstPage();

        page.Find("[data-testid=usage-attempt-status-filter]").Change("429");
        page.Find("[data-testid=usage-failed-over-filter]").Change(true);

        Assert.Equal(50, Rows(page).Count);
        Assert.Equal("/api/admin/usage/export", page.Find("[data-testid=usage-export]").GetAttribute("href"));

        page.Find("[data-testid=usage-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal(6, Rows(page).Count));
        Assert.All(Rows(page), r => Assert.NotNull(r.QuerySelector("[data-testid=usage-failed-over]")));
        Assert.Equal("/api/admin/usage/export?attempt_status=429&failed_over=true", page.Find("[data-testid=usage-export]").GetAttribute("href"));

        // Typed but not applied: the rows and the export stay those of the applied filter.
        page.Find("[data-testid=usage-status-filter]").Change("502");
        Assert.Equal(6, Rows(page).Count);
        Assert.Equal("/api/admin/usage/export?attempt_status=429&failed_over=true", page.Find("[data-testid=usage-export]").GetAttribute("href"));

        page.Find("[data-testid=usage-apply]").Click();
        page.WaitForAssertion(() => Assert.Equal("/api/admin/usage/export?status=502&attempt_status=429&failed_over=true", page.Find("[data-testid=usage-export]").GetAttribute("href")));
        Assert.Equal(6, Rows(page).Count);

        page.Find("[data-testid=usage-reset]").Click();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count));
        Assert.Equal("/api/admin/usage/export", page.Find("[data-testid=usage-export]").GetAttribute("href"));
    }

    [Fact]
    public void ARequestIdFromAClient_FindsItsRow_AndTheExportKeepsIt()
    {
        var page = RenderFirstPage();

        page.Find("[data-testid=usage-request-id-filter]").Change(" req-42 ");
        page.Find("[data-testid=usage-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal(["req-42"], Rows(page).Select(RequestId)));
        Assert.Equal("/api/admin/usage/export?request_id=req-42", page.Find("[data-testid=usage-export]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public void ATimeRangeTakesWhatTheBrowsersDateTimeFieldsSend(string culture)
    {
        UseCulture(culture);
        var page = RenderFirstPage();

        // Blazor's script sends a datetime-local field's value with seconds (yyyy-MM-ddTHH:mm:ss), whatever the browser's language.
        page.Find("[data-testid=usage-from]").Change("2026-11-20T10:50:00");
        page.Find("[data-testid=usage-to]").Change("2026-11-20T10:55:00");
        page.Find("[data-testid=usage-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count));
        Assert.Empty(page.FindAll(".mud-input-error"));
        Assert.Equal("2026-11-20T10:50:00", page.Find("[data-testid=usage-from]").GetAttribute("value"));
        Assert.Equal(
            "/api/admin/usage/export?from=2026-11-20T10%3A50%3A00.0000000Z&to=2026-11-20T10%3A55%3A00.0000000Z",
            page.Find("[data-testid=usage-export]").GetAttribute("href"));
    }

    [Fact]
    public void Rows_ShowNames_AndTheirAttemptTraceInTheConsolesLanguage()
    {
        UseCulture("zh-CN");
        var page = RenderFirstPage();

        var failover = Rows(page).First(r => RequestId(r) == "req-54");
        Assert.Equal("primary", failover.QuerySelector("[data-testid=usage-account-name]")!.TextContent);
        Assert.Equal("team-key", failover.QuerySelector("[data-testid=usage-key-name]")!.TextContent);
        Assert.Equal("所有上游账号均失败。", failover.QuerySelector("[data-testid=usage-error]")!.TextContent);
        Assert.Equal("已切换账号", failover.QuerySelector("[data-testid=usage-failed-over]")!.TextContent.Trim());

        failover.QuerySelector("button")!.Click();

        var trace = page.WaitForElement("[data-testid=usage-trace]");
        Assert.Equal(["切换账号", "已停止"], trace.QuerySelectorAll("[data-testid=attempt-decision]").Select(d => d.TextContent));
        Assert.Equal(["限流（429）", "—"], trace.QuerySelectorAll("[data-testid=attempt-failure-class]").Select(d => d.TextContent));
        Assert.Equal("使用日志", page.Find("h1").TextContent);
    }

    private static string RequestId(IElement row) => row.QuerySelector("code")!.TextContent;

    /// <summary>60 requests a minute apart from 10:00; every tenth from the fifth on failed over after a 429.</summary>
    public sealed class Data : ListingPageData
    {
        protected override async Task SeedAsync(GatewayDbContext db)
        {
            var primary = new Account { Name = "primary", BaseUrl = "https://primary.example" };
            var backup = new Account { Name = "backup", BaseUrl = "https://backup.example" };
            var group = new Group { Name = "usage-group" };
            db.AddRange(primary, backup, group);
            await db.SaveChangesAsync();
            var key = new ApiKey { Name = "team-key", GroupId = group.Id, KeyHash = "hash", Prefix = "sk-team" };
            db.Add(key);
            await db.SaveChangesAsync();
            for (var i = 0; i < 60; i++)
            {
                var failedOver = i % 10 == 4;
                db.UsageLogs.Add(new UsageLog
                {
                    CreatedAt = new DateTime(2026, 11, 20, 10, i, 0, DateTimeKind.Utc),
                    RequestId = $"req-{i:00}",
                    KeyId = key.Id,
                    GroupId = group.Id,
                    AccountId = primary.Id,
                    Model = "gpt-4o",
                    InboundProtocol = ApiProtocol.Chat,
                    UpstreamProtocol = ApiProtocol.Chat,
                    Status = failedOver ? 502 : 200,
                    DurationMs = 100 + i,
                    Attempts = failedOver ? 2 : 1,
                    Error = failedOver ? "Every upstream account failed." : null,
                    Trace = failedOver
                        ?
                        [
                            new AttemptTrace { AccountId = backup.Id, Status = 429, FailureClass = "rate_limited", Decision = "account_switch", DurationMs = 20 },
                            new AttemptTrace { AccountId = primary.Id, Status = 502, Decision = "stop", DurationMs = 30 },
                        ]
                        : [new AttemptTrace { AccountId = primary.Id, Status = 200, Decision = "deliver", DurationMs = 100 }],
                });
            }

            await db.SaveChangesAsync();
        }
    }
}
