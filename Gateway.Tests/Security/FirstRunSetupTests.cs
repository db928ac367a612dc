using System.Net;

namespace Gateway.Tests.Security;

/// <summary>Issue 12, "first-run /setup can be raced": one admin, ever, from that page, and only with the token from the log.</summary>
public sealed class FirstRunSetupTests : GatewayPerTest
{
    [Fact]
    public async Task SixConcurrentSetups_CreateExactlyOneAdmin()
    {
        var token = LoginTests.SetupTokenOf(App);
        var forms = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var browser = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            var page = await browser.GetStringAsync("/setup");
            return (browser, Form(LoginTests.AntiforgeryToken().Match(page).Groups[1].Value, token, $"admin{i}@example.test"));
        }));

        await Task.WhenAll(forms.Select(f => f.browser.PostAsync("/setup", f.Item2)));

        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        Assert.Equal(1, await users.Users.CountAsync());
        var admin = Assert.Single(await users.GetUsersInRoleAsync(AdminRoles.Admin));
        var audit = await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().AuditEntries.SingleAsync();
        Assert.Equal((AuditActions.UserCreated, "setup", $"{admin.Email} ({AdminRoles.Admin})"), (audit.Action, audit.Actor, audit.Detail));
    }

    [Theory]
    [InlineData("")]
    [InlineData("setup-not-the-token")]
    public async Task SetupWithoutTheLoggedToken_CreatesNoAdmin(string presented)
    {
        using var browser = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/setup");

        var response = await browser.PostAsync("/setup", Form(LoginTests.AntiforgeryToken().Match(page).Groups[1].Value, presented, "intruder@example.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("setup token is wrong", await response.Content.ReadAsStringAsync());
        using var scope = App.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().Users.AnyAsync());
    }

    [Fact]
    public async Task AfterTheFirstAdminIsDeleted_TheSetupPageStaysClosed()
    {
        using var browser = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/setup", Form(LoginTests.AntiforgeryToken().Match(page).Groups[1].Value, LoginTests.SetupTokenOf(App), "first@example.test"))).StatusCode);
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            await users.DeleteAsync((await users.FindByEmailAsync("first@example.test"))!);
        }

        using var later = App.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal("/login", (await later.GetAsync("/setup")).Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task WithAConfiguredAdmin_NoSetupTokenIsPrinted()
    {
        using var configured = new GatewayAppFactory().WithSetting("Admin:Email", "ops@example.test").WithSetting("Admin:Password", "Configured-Admin-9");

        using var scope = configured.Services.CreateScope();

        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().FindByEmailAsync("ops@example.test"));
        Assert.DoesNotContain(configured.Logs.Entries, e => e.Contains("setup token", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent Form(string antiforgery, string setupToken, string email) => new(new Dictionary<string, string>
    {
        ["_handler"] = "setup",
        ["__RequestVerificationToken"] = antiforgery,
        ["Input.SetupToken"] = setupToken,
        ["Input.Email"] = email,
        ["Input.Password"] = "First-Admin-9",
    });
}
