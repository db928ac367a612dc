using Bunit;
using Gateway.Web.Components.Pages.Users;

namespace Gateway.Tests.Web.Console.Components;

public sealed class UsersPageTests(ConsoleAppFixture fixture) : ConsolePageTest(fixture)
{
    [Fact]
    public void NewUser_EachComplaintIsOnItsField_ThenTheUserIsListedWithItsRole()
    {
        var page = RenderPage();

        page.Find("[data-testid=create-user]").Click();

        Assert.Contains("Enter an email address.", Field(page, "user-email-input"));
        Assert.Contains("Enter a password.", Field(page, "user-password-input"));

        page.Find("[data-testid=user-email-input]").Change("reader@example.test");
        page.Find("[data-testid=user-password-input]").Change("short");
        page.Find("[data-testid=create-user]").Click();

                page.WaitForAssertion(() => Assert.Contains("Passwords must be at least 8 characters.", Field(page, "user-password-input")));
        Assert.DoesNotContain("Enter an email address.", Field(page, "user-email-input"));

        page.Find("[data-testid=user-password-input]").Change("Reader-Horse-9");
        page.Find("[data-testid=create-user]").Click();

        var row = page.WaitForElement("[data-testid=user-row][data-email='reader@example.test']");
        Assert.Equal("Viewer (read-only)", row.QuerySelector("[data-testid=user-role-text]")!.TextContent.Trim());
        Assert.Equal("", page.Find("[data-testid=user-email-input]").GetAttribute("value") ?? "");
    }

    [Fact]
    public void NewAdminToken_SecretShownOnce_ThenOnlyItsPrefix()
    {
        var page = RenderPage();

        page.Find("[data-testid=create-token]").Click();
        Assert.Contains("Enter a name for the token.", Field(page, "token-name-input"));

        page.Find("[data-testid=token-name-input]").Change("automation");
        page.Find("[data-testid=create-token]").Click();

        var secret = page.WaitForElement("[data-testid=secret-value]").TextContent;
        Assert.StartsWith(AdminTokenService.TokenPrefix, secret);
        var row = page.Find("[data-testid=token-row][data-name=automation]");
        Assert.Equal(secret[..row.QuerySelector("code")!.TextContent.TrimEnd('…').Length] + "…", row.QuerySelector("code")!.TextContent);

        page.Find("[data-testid=close-secret]").Click();

        Assert.Empty(page.FindAll("[data-testid=secret-value]"));
        Assert.DoesNotContain(secret, page.Markup);
    }

    [Fact]
    public void DeletingTheLastAdmin_IsConfirmedThenRefused_InChinese()
    {
        UseCulture("zh-CN");
        var providers = RenderProviders();
        var page = Render<UsersPage>();
        var admin = page.WaitForElement($"[data-testid=user-row][data-email='{ConsoleAppFixture.AdminEmail}']");

        admin.QuerySelector("[data-testid=delete-user]")!.Click();
        providers.WaitForAssertion(() => Assert.Contains($"确定删除用户 {ConsoleAppFixture.AdminEmail}？", providers.Markup));
        providers.FindAll("button").Single(b => b.TextContent.Trim() == "删除").Click();

        page.WaitForAssertion(() => Assert.Equal("不能删除最后一个管理员。", page.Find("[data-testid=user-error]").TextContent.Trim()));
        Assert.NotEmpty(page.FindAll($"[data-testid=user-row][data-email='{ConsoleAppFixture.AdminEmail}']"));
    }

    private IRenderedComponent<UsersPage> RenderPage()
    {
        RenderProviders();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-row]")));
        return page;
    }

    // The test id sits on the input; its label and complaint are in the control around it.
    private static string Field(IRenderedComponent<UsersPage> page, string id) => page.Find($"[data-testid={id}]").Closest(".mud-input-control")!.TextContent;
}
