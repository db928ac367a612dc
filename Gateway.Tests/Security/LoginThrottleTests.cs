using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "per-account lockout lets anyone keep the admin locked out" and "no forwarded-headers setup (behind a TLS proxy
/// the auth cookie would lack Secure)": sign-ins are limited per client address and locked per user and address, and a
/// trusted proxy's X-Forwarded-For / X-Forwarded-Proto give the client address and the https scheme.
/// </summary>
public sealed class LoginThrottleTests
{
    private const string Email = "admin@example.test";
    private const string Password = "Correct-Horse-9";
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.5");
    private static readonly IPAddress Admin = IPAddress.Parse("198.51.100.7");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AnAddressPastItsFailuresPerMinute_IsRefusedForEveryUser_UntilTheMinuteIsOver_OtherAddressesAreNot()
    {
        var throttle = Throttle(attemptsPerMinute: 10);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(LoginRefusal.None, throttle.Begin(Attacker, $"user{i}@example.test"));
        }

        Assert.Equal(LoginRefusal.TooManyAttempts, throttle.Begin(Attacker, Email));
        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LoginRefusal.None, throttle.Begin(Attacker, Email));
    }

    [Fact]
    public async Task ParallelAttemptsFromOneAddress_PassNoMoreThanTheLimit_BecauseEachCountsBeforeItsPasswordIsChecked()
    {
        var throttle = Throttle(attemptsPerMinute: 10);
        using var start = new Barrier(8);

        var passed = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 25).Count(i => throttle.Begin(Attacker, $"user{worker}-{i}@example.test") == LoginRefusal.None);
        })));

        Assert.Equal(10, passed.Sum());
    }

    [Fact]
    public void ASuccessfulSignIn_DoesNotCountAgainstItsAddress()
    {
        var throttle = Throttle(attemptsPerMinute: 2);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
            throttle.Succeeded(Admin, Email);
        }

        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
        Assert.Equal(LoginRefusal.TooManyAttempts, throttle.Begin(Admin, Email));
    }

    [Fact]
    public void FiveFailuresOfOneUserFromOneAddress_LockThatUserThereOnly_ForFifteenMinutes()
    {
        var throttle = Throttle(attemptsPerMinute: 0);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Equal(LoginRefusal.None, throttle.Begin(Attacker, Email));
        }

        Assert.Equal(LoginRefusal.LockedOut, throttle.Begin(Attacker, Email.ToUpperInvariant()));
        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
        Assert.Equal(LoginRefusal.None, throttle.Begin(Attacker, "other@example.test"));
        _time.Advance(LoginThrottle.LockoutDuration);
        Assert.Equal(LoginRefusal.None, throttle.Begin(Attacker, Email));
    }

    [Fact]
    public void ASuccessfulSignIn_ClearsThatUsersFailuresFromThatAddress()
    {
        var throttle = Throttle(attemptsPerMinute: 0);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
        }

        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
        throttle.Succeeded(Admin, Email);
        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));

        Assert.Equal(LoginRefusal.None, throttle.Begin(Admin, Email));
    }

    [Fact]
    public async Task BehindATrustedProxy_AnAttackerFailingOnPurpose_DoesNotLockTheAdminOut_AndTheAuthCookieIsSecure()
    {
        using var app = new GatewayAppFactory()
            .WithTimeProvider(_time)
            .WithSetting("Admin:Email", Email)
            .WithSetting("Admin:Password", Password)
            .WithSetting("Security:ForwardedHeaders", "true");
        using var client = Client(app.StartRealServer());
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await PostLoginAsync(client, Email, "wrong-password", Attacker, https: true);
        }

        var attackerAgain = await PostLoginAsync(client, Email, Password, Attacker, https: true);
        var admin = await PostLoginAsync(client, Email, Password, Admin, https: true);

        Assert.Contains("locked", await attackerAgain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var authCookie = Assert.Single(admin.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Gateway.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutForwardedHeadersConfigured_XForwardedProtoIsIgnored_AndTheCookieIsNotMarkedSecure()
    {
        using var app = new GatewayAppFactory().WithSetting("Admin:Email", Email).WithSetting("Admin:Password", Password);
        using var client = Client(app.StartRealServer());

        var admin = await PostLoginAsync(client, Email, Password, Admin, https: true);

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var authCookie = Assert.Single(admin.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Gateway.Auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    private LoginThrottle Throttle(int attemptsPerMinute) =>
        new(_time, new FixedOptions<SecurityOptions>(new SecurityOptions { LoginAttemptsPerMinute = attemptsPerMinute }));

    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };

    // Cookies are carried by hand: the browser behind the proxy speaks https, this client plain http to the gateway.
    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, IPAddress from, bool https)
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, "/login");
        Forwarded(page, from, https);
        using var pageResponse = await client.SendAsync(page);
        var cookies = string.Join("; ", pageResponse.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = LoginTests.AntiforgeryToken().Match(await pageResponse.Content.ReadAsStringAsync()).Groups[1].Value;

        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        Forwarded(post, from, https);
        return await client.SendAsync(post);
    }

    private static void Forwarded(HttpRequestMessage request, IPAddress from, bool https)
    {
        request.Headers.Add("X-Forwarded-For", from.ToString());
        if (https)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }
    }
}
