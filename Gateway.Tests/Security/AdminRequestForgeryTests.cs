using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "admin API CSRF": a signed-in browser's cookie alone never changes anything; bodies are JSON only; logout
/// needs the console form's token; the culture switch never answers 500.
/// </summary>
public sealed class AdminRequestForgeryTests : GatewayPerTest
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task CookieOnlyPostOfANonJsonBody_Is415AndCreatesNoGroup(string contentType)
    {
        using var browser = await SignedInClient.CreateAsync(App, AdminRoles.Admin);
        var content = new StringContent("""{"name":"forged"}""", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await browser.PostAsync("/api/admin/groups", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("forged", await App.CreateAdminClient().GetStringAsync("/api/admin/groups"));
    }

    [Fact]
    public async Task CookieOnlyJsonPostWithoutTheAntiforgeryHeader_Is403AndCreatesNoGroup()
    {
        using var browser = await SignedInClient.CreateAsync(App, AdminRoles.Admin);

        var response = await browser.PostAsJsonAsync("/api/admin/groups", new { name = "forged" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("forged", await App.CreateAdminClient().GetStringAsync("/api/admin/groups"));
    }

    [Fact]
    public async Task CookieOnlyBodilessPostWithoutTheAntiforgeryHeader_Is403()
    {
        using var browser = await SignedInClient.CreateAsync(App, AdminRoles.Admin);

        var response = await browser.PostAsync("/api/admin/jobs/cooldown-expiry/trigger", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CookieCallWithTheAntiforgeryHeader_IsServed()
    {
        using var browser = await SignedInClient.CreateAsync(App, AdminRoles.Admin);
        var token = (await browser.GetFromJsonAsync<JsonObject>("/api/admin/antiforgery"))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/groups") { Content = JsonContent.Create(new { name = "intended" }) };
        request.Headers.Add(token["header_name"]!.GetValue<string>(), token["token"]!.GetValue<string>());

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task BearerCalls_NeedNoAntiforgeryHeaderButStillJson()
    {
        using var admin = App.CreateAdminClient();

        var json = await admin.PostAsJsonAsync("/api/admin/groups", new { name = "scripted" });
        var text = await admin.PostAsync("/api/admin/groups", new StringContent("""{"name":"as-text"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.UnsupportedMediaType), (json.StatusCode, text.StatusCode));
    }

    [Fact]
    public async Task LogoutWithoutTheFormsToken_Is400AndTheSessionStays()
    {
        using var browser = await SignedInClient.CreateAsync(App, AdminRoles.Admin);

        var forged = await browser.PostAsync("/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task LogoutWithTheFormsToken_SignsOut()
    {
        using var browser = await SignedInClient.CreateAsync(App, AdminRoles.Admin);

        var response = await LogOutAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/accounts")).StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\r\nSet-Cookie: x=y")]
    [InlineData("/\\evil.example")]
    public async Task CultureSwitchWithABadRedirect_RedirectsHomeNever500(string redirect)
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/culture?culture=en&redirectUri={Uri.EscapeDataString(redirect)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    /// <summary>Posts the console's logout form as the user menu renders it, with its anti-forgery token.</summary>
    internal static async Task<HttpResponseMessage> LogOutAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/");
        var token = LoginTests.AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        return await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }
}
