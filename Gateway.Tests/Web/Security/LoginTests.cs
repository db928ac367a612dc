using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Web.Security;

public sealed partial class LoginTests : IDisposable
{
    private const string Email = "admin@example.test";
    private const string Password = "Correct-Horse-9";
    private readonly GatewayAppFactory _app = new GatewayAppFactory().WithSetting("Admin:Email", Email).WithSetting("Admin:Password", Password);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Healthz_AnswersAndReadyzChecksTheDatabase()
    {
        var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task AnonymousConsoleVisitor_IsSentToLogin()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ConfiguredAdmin_CanLogInAndReachTheConsoleAndTheAdminApi()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await PostLoginAsync(client, Email, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task FiveBadLogins_LockTheUserOut()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++)
        {
            var bad = await PostLoginAsync(client, Email, "wrong-password");
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        }

        var locked = await PostLoginAsync(client, Email, Password);
        var page = await locked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task BadLogin_ShowsAnErrorAndSetsNoAuthCookie()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await PostLoginAsync(client, Email, "nope-nope");

        Assert.Contains("Invalid email or password", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task WithoutAConfiguredAdmin_LoginLeadsToSetup_WhichCreatesTheFirstAdminOnce()
    {
        using var fresh = new GatewayAppFactory();
        var client = fresh.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var login = await client.GetAsync("/login");
        Assert.Equal("/setup", login.Headers.Location?.AbsolutePath);
        var page = await client.GetStringAsync("/setup");
        var created = await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["Input.SetupToken"] = SetupTokenOf(fresh),
            ["Input.Email"] = "first@example.test",
            ["Input.Password"] = "First-Admin-9",
        }));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/accounts")).StatusCode);
        Assert.Equal("/login", (await fresh.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/setup")).Headers.Location?.AbsolutePath);
    }

    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The one-time setup token as the gateway printed it to its log at start-up.</summary>
    internal static string SetupTokenOf(GatewayAppFactory app)
    {
        _ = app.Services;
        var announced = Assert.Single(app.Logs.Entries, e => SetupTokenInLog().IsMatch(e));
        return SetupTokenInLog().Match(announced).Groups[1].Value;
    }

    [GeneratedRegex("setup token (\\S+) to create")]
    private static partial Regex SetupTokenInLog();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
