using System.Net;

namespace Gateway.Tests.Web.Jobs;

/// <summary>The Hangfire dashboard at /hangfire: admins only, by cookie or bearer token; plain 401 / 403 for everyone else.</summary>
public sealed class HangfireDashboardTests(GatewayAppFactory app) : IClassFixture<GatewayAppFactory>
{
    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/stats")]
    public async Task Anonymous_Gets401WithAnEmptyBodyAndNoRedirect(string path)
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownBearerToken_Gets401()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await AssertRefusedAsync(await client.GetAsync("/hangfire"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ViewerCookie_Gets403WithAnEmptyBody()
    {
        var viewer = await SignedInClient.CreateAsync(app, AdminRoles.Viewer);

        await AssertRefusedAsync(await viewer.GetAsync("/hangfire"), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(await viewer.GetAsync("/hangfire/recurring"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminCookie_GetsTheDashboard_WhoseBackLinkLeadsToTheConsole()
    {
        var admin = await SignedInClient.CreateAsync(app, AdminRoles.Admin);

        var response = await admin.GetAsync("/hangfire");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Overview – Gateway</title>", html);
        Assert.Contains("href=\"/jobs\"", html);
    }

    [Fact]
    public async Task AdminBearerToken_GetsTheDashboard_ListingTheRecurringJobs()
    {
        var admin = app.CreateAdminClient();

        var html = await Eventually.ReturnsAsync(
            async () => await admin.GetStringAsync("/hangfire/recurring") is var page && page.Contains("usage-retention") ? page : null,
            "the recurring jobs page");

        Assert.Contains("cooldown-expiry", html);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task AnAdminWhoChoseChineseInTheConsole_GetsTheDashboardInChinese_AndEnglishOtherwise()
    {
        var admin = await SignedInClient.CreateAsync(app, AdminRoles.Admin);
        Assert.Contains("Recurring Jobs", await admin.GetStringAsync("/hangfire/recurring"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/culture?culture=zh-CN&redirectUri=%2Fhangfire")).StatusCode);
        var html = await admin.GetStringAsync("/hangfire/recurring");

        Assert.Contains("<title>定期作业 – Gateway</title>", html);
        Assert.DoesNotContain("Recurring Jobs", html);
    }

    [Fact]
    public async Task Refusal_StaysEmpty_EvenBehindAStatusCodePagesMiddleware()
    {
        using var app = new GatewayAppFactory().WithServices(s => s.AddTransient<IStartupFilter, StatusCodePagesFirst>());

        await AssertRefusedAsync(await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/hangfire"), HttpStatusCode.Unauthorized);
        Assert.NotEmpty(await (await app.CreateClient().GetAsync("/no-such-page.txt")).Content.ReadAsStringAsync());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A status-code-pages middleware at the front of the pipeline, as a console error page would add.</summary>
    private sealed class StatusCodePagesFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseStatusCodePages();
            next(app);
        };
    }
}
