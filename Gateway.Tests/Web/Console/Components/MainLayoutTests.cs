using Bunit;
using Gateway.Web.Components.Layout;

namespace Gateway.Tests.Web.Console.Components;

public sealed class MainLayoutTests : ConsoleComponentTest
{
    [Fact]
    public void Admin_SeesEveryPageInTheMenu_AndTheMenuButtonFoldsTheDrawer()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Body</h1>"))));

        Assert.Equal(
            ["nav-dashboard", "nav-accounts", "nav-groups", "nav-keys", "nav-usage", "nav-audit", "nav-settings", "nav-jobs", "nav-users"],
            layout.FindAll("[data-testid^=nav-]").Select(a => a.GetAttribute("data-testid")));
        Assert.NotNull(layout.Find("[data-interactive]"));
        var wasOpen = DrawerOpen(layout);

        layout.Find("[data-testid=menu-button]").Click();

        Assert.Equal(!wasOpen, DrawerOpen(layout));
        Assert.Equal(wasOpen ? "false" : "true", layout.Find("[data-testid=menu-button]").GetAttribute("aria-expanded"));
        layout.Find("[data-testid=menu-button]").Click();
        Assert.Equal(wasOpen, DrawerOpen(layout));
    }

    [Fact]
    public void Viewer_SeesOnlyReadablePages_AndAReadOnlyBadge_InChinese()
    {
        UseCulture("zh-CN");
        SignInAs(AdminRoles.Viewer, "viewer@example.test");

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        Assert.DoesNotContain(layout.FindAll("[data-testid^=nav-]"), a => a.GetAttribute("data-testid") is "nav-settings" or "nav-jobs" or "nav-users");
        Assert.Equal("只读", layout.Find("[data-testid=read-only]").TextContent.Trim());
        Assert.Equal("viewer@example.test", layout.Find("[data-testid=current-user]").TextContent);
        Assert.Contains("仪表盘", layout.Find("[data-testid=nav-dashboard]").TextContent);
        Assert.Contains("审计日志", layout.Find("[data-testid=nav-audit]").TextContent);
    }

    [Theory]
    [InlineData("en", "zh-CN", "简体中文")]
    [InlineData("zh-CN", "en", "English")]
    public void LanguageSwitch_LinksToTheOtherLanguage_AndComesBackToThisPage(string current, string other, string label)
    {
        UseCulture(current);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/accounts?status=active");

        var links = Render<LanguageSwitcher>().FindAll("a[data-culture]");

        var link = Assert.Single(links);
        Assert.Equal(other, link.GetAttribute("data-culture"));
        Assert.Equal($"/culture?culture={other}&redirectUri=%2Faccounts%3Fstatus%3Dactive", link.GetAttribute("href"));
        Assert.Equal("_top", link.GetAttribute("target"));
        Assert.Contains(label, link.TextContent);
    }

    private static bool DrawerOpen(IRenderedComponent<MainLayout> layout) => layout.Find(".mud-drawer").ClassList.Contains("mud-drawer--open");
}
