using System.Net;

namespace Gateway.Tests.Web.Console;

public sealed class CultureSwitchTests : IDisposable
{
    private readonly GatewayAppFactory _app = new GatewayAppFactory().WithSetting("Admin:Email", "admin@example.test").WithSetting("Admin:Password", "Correct-Horse-9");

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("zh-CN", "/accounts", "/accounts", "c%3Dzh-CN%7Cuic%3Dzh-CN")]
    [InlineData("en", "/usage?model=x", "/usage?model=x", "c%3Den%7Cuic%3Den")]
    [InlineData("zh-CN", "//evil.example/", "/", "c%3Dzh-CN%7Cuic%3Dzh-CN")]
    [InlineData("zh-CN", "https://evil.example/", "/", "c%3Dzh-CN%7Cuic%3Dzh-CN")]
    [InlineData("fr", "/login", "/login", null)]
    public async Task CultureSwitch_SetsTheStandardCookie_AndOnlyRedirectsLocally(string culture, string redirect, string expectedLocation, string? expectedCookie)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/culture?culture={culture}&redirectUri={Uri.EscapeDataString(redirect)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location!.OriginalString);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.SingleOrDefault(v => v.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)) : null;
        if (expectedCookie is null)
        {
            Assert.Null(cookie);
        }
        else
        {
            Assert.StartsWith($".AspNetCore.Culture={expectedCookie};", cookie);
        }
    }

    [Fact]
    public async Task CultureCookie_TranslatesTheStaticLoginPage_ServedAsCharactersNotEntities()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await client.GetStringAsync("/login");

        Assert.DoesNotMatch("&#x[4-9A-F][0-9A-F]{3};", page);
        Assert.Contains("<html lang=\"zh-CN\">", page);
        Assert.Contains("登录", page);
        Assert.Contains("method=\"post\"", page);
    }
}
