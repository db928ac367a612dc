using Bunit;
using MudBlazor;
using AuditPage = Gateway.Web.Components.Pages.Audit.AuditPage;

namespace Gateway.Tests.Web.Console.Components;

public sealed class AuditPageTests(AuditPageTests.Data data) : ListingPageTest<AuditPage, AuditPageTests.Data>(data, "audit")
{
    [Fact]
    public void Opening_ShowsTheNewestEntries_InEnglish_PagedOnTheServer()
    {
        var page = RenderFirstPage();

        Assert.Equal(
            ("2026-11-20 10:59:00 UTC", "API key created", "bob@example.test", "—", "team-key (sk-team…)"),
            Cells(Rows(page)[0]));
        Assert.Equal(
            ("2026-11-20 10:58:00 UTC", "Account disabled", "alice@example.test", "backup", "—"),
            Cells(Rows(page)[1]));
        Assert.Equal(("Cooldown started", "primary"), (Cell(Rows(page)[2], "audit-action-name"), Cell(Rows(page)[2], "audit-account")));
        Assert.Equal("Audit log", page.Find("h1").TextContent);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(13, Rows(page).Count));
        Assert.Equal("2026-11-20 10:09:00 UTC", Cell(Rows(page)[0], "audit-time"));
    }

    [Fact]
    public async Task InChinese_TheActionsAndTheGatewaysDetailsReadInChinese_AndTheActionFilterOffersEveryActionByItsChineseName()
    {
        UseCulture("zh-CN");
        var host = RenderProviders();
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count));

        Assert.Equal("审计日志", page.Find("h1").TextContent);
        Assert.Equal(["API 密钥已创建", "账号已停用", "开始冷却"], Rows(page).Take(3).Select(r => Cell(r, "audit-action-name")));
        Assert.Equal("429 限流，持续至 2026-11-20 11:57:00 UTC", Cell(Rows(page)[2], "audit-detail"));

        var select = page.FindComponent<MudSelect<string>>();
        await select.InvokeAsync(select.Instance.OpenMenu);
        var terms = Services.GetRequiredService<ConsoleTerms>();
        host.WaitForAssertion(() => Assert.Equal(
            AuditActions.All.Select(terms.AuditAction),
            host.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
        host.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "账号已停用").Click();
        page.Find("[data-testid=audit-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal(20, Rows(page).Count));
        Assert.All(Rows(page), r => Assert.Equal("账号已停用", Cell(r, "audit-action-name")));
    }

    [Fact]
    public void Filters_ApplyOnlyOnApply_AndClearFiltersShowsEveryEntryAgain()
    {
        SignInAs(AdminRoles.Viewer, "viewer@example.test");
        var page = RenderFirstPage();

        page.Find("[data-testid=audit-actor-filter]").Change("bob@example.test");
        page.Find("[data-testid=audit-from]").Change("2026-11-20T10:30:00");

        Assert.Equal(50, Rows(page).Count);

        page.Find("[data-testid=audit-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count));
        Assert.All(Rows(page), r => Assert.Equal("bob@example.test", Cell(r, "audit-actor")));
        Assert.Equal("2026-11-20 10:32:00 UTC", Cell(Rows(page)[^1], "audit-time"));

        page.Find("[data-testid=audit-reset]").Click();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count));
    }

    [Theory]
    [InlineData("en", "Usage log retention", "Viewer (read-only)", "Admin")]
    [InlineData("zh-CN", "使用日志保留清理", "查看者（只读）", "管理员")]
    public void ATriggeredJob_AndAUsersRole_ReadInTheConsolesLanguage(string culture, string job, string viewer, string admin)
    {
        UseCulture(culture);
        var page = RenderFirstPage();

        page.Find("[data-testid=audit-actor-filter]").Change("ops@example.test");
        page.Find("[data-testid=audit-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            [job, $"carol@example.test → {viewer}", $"carol@example.test → {admin}"],
            Rows(page).Select(r => Cell(r, "audit-detail"))));
    }

    [Fact]
    public void NoMatchingEntry_SaysSo()
    {
        var page = RenderFirstPage();

        page.Find("[data-testid=audit-actor-filter]").Change("nobody");
        page.Find("[data-testid=audit-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal("No audit entries match.", page.Find("[data-testid=audit-empty]").TextContent));
    }

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent;

    private static (string, string, string, string, string) Cells(IElement row) =>
        (Cell(row, "audit-time"), Cell(row, "audit-action-name"), Cell(row, "audit-actor"), Cell(row, "audit-account"), Cell(row, "audit-detail"));

    /// <summary>
    /// 60 entries a minute apart from 10:00, in turn: a cooldown the gateway started on primary, alice disabling
    /// backup, bob creating an API key; and an hour before, ops running the usage retention job.
    /// </summary>
    public sealed class Data : ListingPageData
    {
        protected override async Task SeedAsync(GatewayDbContext db)
        {
            // The page shows exactly these entries: the fixture's configured admin was audited when the app started.
            await db.AuditEntries.ExecuteDeleteAsync();
            var primary = new Account { Name = "primary", BaseUrl = "https://primary.example" };
            var backup = new Account { Name = "backup", BaseUrl = "https://backup.example" };
            db.AddRange(primary, backup);
            await db.SaveChangesAsync();
            for (var i = 0; i < 60; i++)
            {
                var at = new DateTime(2026, 11, 20, 10, i, 0, DateTimeKind.Utc);
                db.AuditEntries.Add((i % 3) switch
                {
                    0 => new AuditEntry { CreatedAt = at, AccountId = primary.Id, Action = AuditActions.CooldownStarted, Actor = "gateway", Detail = $"{AccountReason.RateLimited.Text} until {at.AddHours(1):O}" },
                    1 => new AuditEntry { CreatedAt = at, AccountId = backup.Id, Action = AuditActions.AccountDisabled, Actor = "alice@example.test" },
                    _ => new AuditEntry { CreatedAt = at, Action = AuditActions.KeyCreated, Actor = "bob@example.test", Detail = "team-key (sk-team…)" },
                });
            }

            db.AuditEntries.Add(new AuditEntry { CreatedAt = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), Action = AuditActions.JobTriggered, Actor = "ops@example.test", Detail = JobNames.UsageRetention });
            db.AuditEntries.Add(new AuditEntry { CreatedAt = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), Action = AuditActions.UserCreated, Actor = "ops@example.test", Detail = "carol@example.test (Admin)" });
            db.AuditEntries.Add(new AuditEntry { CreatedAt = new DateTime(2026, 11, 20, 8, 1, 0, DateTimeKind.Utc), Action = AuditActions.UserRoleChanged, Actor = "ops@example.test", Detail = "carol@example.test (Viewer)" });
            await db.SaveChangesAsync();
        }
    }
}
