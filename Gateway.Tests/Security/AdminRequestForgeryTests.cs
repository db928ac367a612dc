using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "admin API CSRF": a signed-in browser's cookie alone never changes anything; bodies are JSON only; logout
/// needs the console form's token; the culture switch never answers 500.
/// </summary>
public sealed partial class AdminRequestForgeryTests : GatewayPerTest
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
    public async Task AViewerWithTheAntiforgeryHeader_IsRefused403OnEveryAdminWriteRoute_ButReads()
    {
        using var viewer = await SignedInClient.CreateAsync(App, AdminRoles.Viewer);
        var token = (await viewer.GetFromJsonAsync<JsonObject>("/api/admin/antiforgery"))!;
        var writes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/admin/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetOrderedMetadata<HttpMethodMetadata>().SelectMany(m => m.HttpMethods), (e, method) => (Method: method, Path: RouteValues().Replace(e.RoutePattern.RawText!, "1")))
            .Where(r => r.Method is not ("GET" or "HEAD" or "OPTIONS"))
            .Distinct()
            .ToList();

        var answers = new List<string>();
        foreach (var (method, path) in writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "forged" }) };
            request.Headers.Add(token["header_name"]!.GetValue<string>(), token["token"]!.GetValue<string>());
            using var response = await viewer.SendAsync(request);
            var refusedForTheToken = (await response.Content.ReadAsStringAsync()).Contains("anti-forgery", StringComparison.Ordinal);
            answers.Add($"{method} {path} {(int)response.StatusCode}{(refusedForTheToken ? " for the token" : "")}");
        }

        Assert.True(writes.Count >= 15, $"only {writes.Count} admin write routes found");
        Assert.All(answers, answer => Assert.EndsWith(" 403", answer, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/admin/groups")).StatusCode);
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

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValues();
}
