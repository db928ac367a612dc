using Bunit;
using Gateway.Web.Components.Pages.Users;

namespace Gateway.Tests.Web.Console.Components;

public sealed class UsersPageTests(ConsoleAppFixture fixture) : ConsolePageTest(fixture)
{
    private const string Password = "Someone-Horse-9";

    [Fact]
    public void NewUser_EachComplaintIsOnItsField_ThenTheUserIsListedWithItsRole()
    {
        var (_, page) = RenderPage();

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
        Assert.Equal("Viewer (read-only)", RoleText(page, "reader@example.test"));
        Assert.Equal("", page.Find("[data-testid=user-email-input]").GetAttribute("value") ?? "");
    }

    [Fact]
    public void TheTokensSection_LeadsToTheAdminApiReference_InTheConsolesLanguage()
    {
        UseCulture("zh-CN");
        var (_, page) = RenderPage();

        var link = page.Find("[data-testid=tokens] [data-testid=api-reference-link]");

        Assert.Equal("/api-reference", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("管理 API 参考", link.TextContent.Trim());
    }

    [Fact]
    public void NewAdminToken_SecretShownOnce_ThenOnlyItsPrefix()
    {
        var (_, page) = RenderPage();

        page.Find("[data-testid=create-token]").Click();
        Assert.Contains("Enter a name for the token.", Field(page, "token-name-input"));
        page.Find("[data-testid=token-name-input]").Change(new string('n', AdminTokenService.MaxNameLength + 1));
        page.Find("[data-testid=create-token]").Click();
        Assert.Contains($"At most {AdminTokenService.MaxNameLength} characters.", Field(page, "token-name-input"));

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
    public void OnAPhone_EachAdminTokenIsABlockLikeEachUser_WhoseCellsNameThemselves_InChinese()
    {
        UseCulture("zh-CN");
        var (_, page) = RenderPage();
        page.Find("[data-testid=token-name-input]").Change("phone-script");
        page.Find("[data-testid=create-token]").Click();
        var row = page.WaitForElement("[data-testid=token-row][data-name=phone-script]");

        // Below 600 px the header is hidden and the row stacks (app.css, .phone-blocks): each cell after the name says what it is.
        Assert.Contains("phone-blocks", page.Find("[data-testid=tokens-grid]").ClassList);
        Assert.Contains("phone-blocks", page.Find("[data-testid=users-grid]").ClassList);
        Assert.Equal(["令牌", "创建者", "创建时间", "最近使用", "过期时间"], row.QuerySelectorAll("td[data-label]").Select(td => td.GetAttribute("data-label")));
        Assert.Equal(["创建时间"], page.Find("[data-testid=user-row]").QuerySelectorAll("td[data-label]").Select(td => td.GetAttribute("data-label")));
    }

    [Fact]
    public async Task DeletingTheLastAdmin_IsConfirmedThenRefused_InChinese()
    {
        await OnlyTheFixturesAdminIsAnAdminAsync();
        UseCulture("zh-CN");
        var (providers, page) = RenderPage();
        var admin = page.Find($"[data-testid=user-row][data-email='{ConsoleAppFixture.AdminEmail}']");

        admin.QuerySelector("[data-testid=delete-user]")!.Click();
        providers.WaitForAssertion(() => Assert.Contains($"确定删除用户 {ConsoleAppFixture.AdminEmail}？", providers.Markup));
        providers.FindAll("button").Single(b => b.TextContent.Trim() == "删除").Click();

        page.WaitForAssertion(() => Assert.Equal("不能删除最后一个管理员，也不能将其改为查看者。", page.Find("[data-testid=user-error]").TextContent.Trim()));
        Assert.NotEmpty(page.FindAll($"[data-testid=user-row][data-email='{ConsoleAppFixture.AdminEmail}']"));
    }

    [Fact]
    public async Task AViewer_IsMadeAnAdmin_WithoutBeingAsked()
    {
        await CreateUserAsync("promoted@example.test", AdminRoles.Viewer);
        var (host, page) = RenderPage();
        Assert.Equal("Viewer (read-only)", RoleText(page, "promoted@example.test"));

        ChooseRole(host, page, "promoted@example.test", AdminRoles.Admin);

        page.WaitForAssertion(() => Assert.Equal("Admin", RoleText(page, "promoted@example.test")));
        host.WaitForAssertion(() => Assert.Contains("promoted@example.test is now Admin. Their sessions have ended.", host.Markup));
        Assert.Empty(host.FindAll(".mud-message-box"));
        Assert.Empty(page.FindAll("[data-testid=user-error]"));
        Assert.Equal(AdminRoles.Admin, (await ListedAsync("promoted@example.test")).Role);
    }

    [Fact]
    public async Task AnAdminMadeAViewer_OnlyOnceConfirmed_LosesTheTokensItCreated()
    {
        await CreateUserAsync("demoted@example.test", AdminRoles.Admin);
        await Fixture.App.Services.GetRequiredService<AdminTokenService>().CreateAsync("demoted-script", "demoted@example.test", null, CancellationToken.None);
        var (host, page) = RenderPage();
        Assert.NotEmpty(page.FindAll("[data-testid=token-row][data-name=demoted-script]"));

        ChooseRole(host, page, "demoted@example.test", AdminRoles.Viewer);
        host.WaitForAssertion(() => Assert.Contains("Make demoted@example.test a viewer?", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-message-box")));
        Assert.Equal("Admin", RoleText(page, "demoted@example.test"));
        Assert.NotEmpty(page.FindAll("[data-testid=token-row][data-name=demoted-script]"));

        ChooseRole(host, page, "demoted@example.test", AdminRoles.Viewer);
        host.WaitForAssertion(() => host.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "Make viewer").Click());

        page.WaitForAssertion(() => Assert.Equal("Viewer (read-only)", RoleText(page, "demoted@example.test")));
        Assert.Empty(page.FindAll("[data-testid=token-row][data-name=demoted-script]"));
        host.WaitForAssertion(() => Assert.Contains("demoted@example.test is now Viewer (read-only). Their sessions have ended.", host.Markup));
    }

    [Fact]
    public async Task TheLastAdmin_IsNotMadeAViewer_InChinese()
    {
        await OnlyTheFixturesAdminIsAnAdminAsync();
        UseCulture("zh-CN");
        var (host, page) = RenderPage();

        ChooseRole(host, page, ConsoleAppFixture.AdminEmail, AdminRoles.Viewer);
        host.WaitForAssertion(() => Assert.Contains($"确定将 {ConsoleAppFixture.AdminEmail} 改为查看者？", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "改为查看者").Click();

        page.WaitForAssertion(() => Assert.Equal("不能删除最后一个管理员，也不能将其改为查看者。", page.Find("[data-testid=user-error]").TextContent.Trim()));
        Assert.Equal("管理员", RoleText(page, ConsoleAppFixture.AdminEmail));
        Assert.Equal(AdminRoles.Admin, (await ListedAsync(ConsoleAppFixture.AdminEmail)).Role);
    }

    [Fact]
    public async Task ARefusedPassword_StaysTyped_WithItsReasonOnTheField()
    {
        await CreateUserAsync("forgetful@example.test", AdminRoles.Viewer);
        var (host, page) = RenderPage();
        OpenPasswordDialog(host, page, "forgetful@example.test");
        Assert.Equal("New password for forgetful@example.test", host.Find(".mud-dialog-title").TextContent.Trim());

        host.Find("[data-testid=save-password]").Click();
        host.WaitForAssertion(() => Assert.Contains("Enter a password.", Field(host, "new-password-input")));

        host.Find("[data-testid=new-password-input]").Change("short");
        host.Find("[data-testid=save-password]").Click();

        host.WaitForAssertion(() => Assert.Contains("Passwords must be at least 8 characters.", Field(host, "new-password-input")));
        Assert.DoesNotContain("Enter a password.", Field(host, "new-password-input"));
        Assert.Equal("short", host.Find("[data-testid=new-password-input]").GetAttribute("value"));
        Assert.True(await PasswordWorksAsync("forgetful@example.test", Password));
    }

    [Fact]
    public async Task ANewPassword_ReplacesTheOld_AndEndsTheUsersSessions()
    {
        var id = await CreateUserAsync("renewed@example.test", AdminRoles.Viewer);
        var stamp = await SecurityStampAsync(id);
        var (host, page) = RenderPage();
        OpenPasswordDialog(host, page, "renewed@example.test");

        host.Find("[data-testid=new-password-input]").Change("Renewed-Horse-9");
        host.Find("[data-testid=save-password]").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=password-dialog]")));
        host.WaitForAssertion(() => Assert.Contains("Password set for renewed@example.test. Their sessions have ended.", host.Markup));
        Assert.True(await PasswordWorksAsync("renewed@example.test", "Renewed-Horse-9"));
        Assert.False(await PasswordWorksAsync("renewed@example.test", Password));
        Assert.NotEqual(stamp, await SecurityStampAsync(id));
    }

    private (IRenderedComponent<IComponent> Host, IRenderedComponent<UsersPage> Page) RenderPage()
    {
        var host = RenderProviders();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-row]")));
        return (host, page);
    }

    private static IElement Row(IRenderedComponent<UsersPage> page, string email) => page.Find($"[data-testid=user-row][data-email='{email}']");

    private static string RoleText(IRenderedComponent<UsersPage> page, string email) => Row(page, email).QuerySelector("[data-testid=change-role] button")!.TextContent.Trim();

    // The menu draws its choices into the popover provider.
    private static void ChooseRole(IRenderedComponent<IComponent> host, IRenderedComponent<UsersPage> page, string email, string role)
    {
        Row(page, email).QuerySelector("[data-testid=change-role] button")!.Click();
        host.WaitForAssertion(() => host.Find($".mud-popover-open [data-testid=role-option][data-role={role}]").Click());
    }

    private static void OpenPasswordDialog(IRenderedComponent<IComponent> host, IRenderedComponent<UsersPage> page, string email)
    {
        Row(page, email).QuerySelector("[data-testid=set-password]")!.Click();
        host.WaitForElement("[data-testid=password-dialog]");
    }

    // The test id sits on the input; its label and complaint are in the control around it.
    private static string Field(IRenderedComponent<IComponent> rendered, string id) => rendered.Find($"[data-testid={id}]").Closest(".mud-input-control")!.TextContent;

    private async Task<string> CreateUserAsync(string email, string role)
    {
        Assert.Empty(await Fixture.App.Services.GetRequiredService<ConsoleUsers>().CreateAsync(email, Password, role, "ops", CancellationToken.None));
        return (await ListedAsync(email)).Id;
    }

    private async Task<ConsoleUserRow> ListedAsync(string email) =>
        (await Fixture.App.Services.GetRequiredService<ConsoleUsers>().ListAsync(CancellationToken.None)).Single(u => u.Email == email);

    // The tests share one host: an admin another test made is made a viewer again.
    private async Task OnlyTheFixturesAdminIsAnAdminAsync()
    {
        var users = Fixture.App.Services.GetRequiredService<ConsoleUsers>();
        foreach (var other in (await users.ListAsync(CancellationToken.None)).Where(u => u.Role == AdminRoles.Admin && u.Email != ConsoleAppFixture.AdminEmail))
        {
            Assert.Equal(RoleChange.Changed, await users.SetRoleAsync(other.Id, AdminRoles.Viewer, "ops", CancellationToken.None));
        }
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    private async Task<string?> SecurityStampAsync(string id)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return await users.GetSecurityStampAsync((await users.FindByIdAsync(id))!);
    }
}
