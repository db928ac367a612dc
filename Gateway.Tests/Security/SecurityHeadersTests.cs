namespace Gateway.Tests.Security;

/// <summary>Issue 12: no <c>nosniff</c> anywhere.</summary>
public sealed class SecurityHeadersTests : GatewayPerTest
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/login")]
    [InlineData("/v1/models")]
    [InlineData("/v1/no-such-endpoint")]
    [InlineData("/api/admin/accounts")]
    [InlineData("/hangfire")]
    [InlineData("/favicon.svg")]
    public async Task EveryAnswer_CarriesNosniffAndRefusesFraming(string path)
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
