using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "sessions outlive their users": a deleted, demoted or re-passworded user's cookie, and a copy of a cookie
/// after logout, stop working; open console circuits are re-checked. Time is moved on the host's clock, never waited for.
/// </summary>
public sealed class SessionInvalidationTests : IDisposable
{
    private const string Password = "Session-Pass-9";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly GatewayAppFactory _app;

    public SessionInvalidationTests() => _app = new GatewayAppFactory().WithTimeProvider(_time);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DeletedAdminsCookie_IsRefusedWithinTheValidationInterval()
    {
        var (user, browser) = await SignInAsync(AdminRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/admin/accounts")).StatusCode);

        // Deleted behind this instance's back (another instance, the database): only the stamp check can notice.
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            await users.DeleteAsync((await users.FindByIdAsync(user.Id))!);
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task AdminDeletedThroughTheConsole_IsRefusedAtOnce()
    {
        var (user, browser) = await SignInAsync(AdminRoles.Admin);
        await SignInAsync(AdminRoles.Admin);

        Assert.Equal(UserDeletion.Deleted, await _app.Services.GetRequiredService<ConsoleUsers>().DeleteAsync(user.Id, "ops", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task DemotedAdmin_LosesTheSessionAtOnce()
    {
        var (user, browser) = await SignInAsync(AdminRoles.Admin);
        await SignInAsync(AdminRoles.Admin);

        Assert.Equal(RoleChange.Changed, await _app.Services.GetRequiredService<ConsoleUsers>().SetRoleAsync(user.Id, AdminRoles.Viewer, "ops", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
        var (_, again) = await SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/admin/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.DeleteAsync("/api/admin/groups/1")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAdminsTokens_StopWorking_WhenTheAdminIsDeletedOrMadeAViewer_AndAnothersKeepWorking(bool deleted)
    {
        var (leaving, _) = await SignInAsync(AdminRoles.Admin);
        var (staying, _) = await SignInAsync(AdminRoles.Admin);
        var tokens = _app.Services.GetRequiredService<AdminTokenService>();
        var leavingToken = await tokens.CreateAsync("ci", await ConsoleActorAsync(leaving), null, CancellationToken.None);
        var stayingToken = await tokens.CreateAsync("ops", await ConsoleActorAsync(staying), null, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, await StatusWithTokenAsync(leavingToken.Secret));

        var users = _app.Services.GetRequiredService<ConsoleUsers>();
        if (deleted)
        {
            Assert.Equal(UserDeletion.Deleted, await users.DeleteAsync(leaving.Id, "ops", CancellationToken.None));
        }
        else
        {
            Assert.Equal(RoleChange.Changed, await users.SetRoleAsync(leaving.Id, AdminRoles.Viewer, "ops", CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithTokenAsync(leavingToken.Secret));
        Assert.Equal(HttpStatusCode.OK, await StatusWithTokenAsync(stayingToken.Secret));
        Assert.Equal(["ops"], (await tokens.ListAsync(CancellationToken.None)).Select(t => t.Name));
    }

    [Fact]
    public async Task TheLastAdmin_CannotBeDemoted()
    {
        var (user, _) = await SignInAsync(AdminRoles.Admin);

        Assert.Equal(RoleChange.LastAdmin, await _app.Services.GetRequiredService<ConsoleUsers>().SetRoleAsync(user.Id, AdminRoles.Viewer, "ops", CancellationToken.None));
    }

    [Fact]
    public async Task PasswordChange_EndsTheUsersSessions()
    {
        var (user, browser) = await SignInAsync(AdminRoles.Viewer);

        Assert.Empty(await _app.Services.GetRequiredService<ConsoleUsers>().SetPasswordAsync(user.Id, "Another-Pass-10", "ops", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task CopiedCookie_NoLongerWorksAfterLogout()
    {
        var (user, browser, cookies) = await SignInWithCookiesAsync(AdminRoles.Admin);
        using var thief = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(_app.Server.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/admin/accounts")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await AdminRequestForgeryTests.LogOutAsync(browser)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/admin/accounts")).StatusCode);
        var (_, again) = await SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task OpenConsoleCircuit_IsRevalidatedEveryIntervalAndEndsForADeletedUser()
    {
        var (user, _) = await SignInAsync(AdminRoles.Viewer);
        using var scope = _app.Services.CreateScope();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AdminUser>>().CreateUserPrincipalAsync(user);
        var circuit = Assert.IsType<ConsoleAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>());

        Assert.True(await circuit.IsStillValidAsync(principal));
        await _app.Services.GetRequiredService<ConsoleUsers>().DeleteAsync(user.Id, "ops", CancellationToken.None);

        Assert.False(await circuit.IsStillValidAsync(principal));
    }

    // The creator the console records for a token: its signed-in principal's name.
    private async Task<string> ConsoleActorAsync(AdminUser user)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<SignInManager<AdminUser>>().CreateUserPrincipalAsync(user)).Identity!.Name!;
    }

    private async Task<HttpStatusCode> StatusWithTokenAsync(string token)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/admin/accounts")).StatusCode;
    }

    private async Task<(AdminUser User, HttpClient Browser)> SignInAsync(string role)
    {
        var (user, browser, _) = await SignInWithCookiesAsync(role);
        return (user, browser);
    }

    private async Task<(AdminUser User, HttpClient Browser)> SignInAsync(AdminUser user)
    {
        var cookies = new System.Net.CookieContainer();
        var browser = _app.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await LoginTests.PostLoginAsync(browser, user.Email!, Password)).StatusCode);
        return (user, browser);
    }

    private async Task<(AdminUser User, HttpClient Browser, System.Net.CookieContainer Cookies)> SignInWithCookiesAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        AdminUser user;
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            user = new AdminUser { UserName = email, Email = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var cookies = new System.Net.CookieContainer();
        var browser = _app.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await LoginTests.PostLoginAsync(browser, email, Password)).StatusCode);
        return (user, browser, cookies);
    }
}
