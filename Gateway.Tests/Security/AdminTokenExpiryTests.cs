using System.Net;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Security;

/// <summary>Issue 12, "admin tokens never expire and the bootstrap token has no minimum length".</summary>
public sealed class AdminTokenExpiryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly GatewayAppFactory _app;

    public AdminTokenExpiryTests() => _app = new GatewayAppFactory().WithTimeProvider(_time);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnAdminTokenWithAnExpiry_WorksUntilThenAndIsRefusedWith401After()
    {
        var tokens = _app.Services.GetRequiredService<AdminTokenService>();
        var expiring = await tokens.CreateAsync("ci", "ops", _time.GetUtcNow().UtcDateTime.AddHours(1), CancellationToken.None);
        var lasting = await tokens.CreateAsync("forever", "ops", null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(expiring.Secret));
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(expiring.Secret));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(lasting.Secret));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await tokens.ListAsync(CancellationToken.None)).Single(t => t.Name == "ci").ExpiresAt);
    }

    [Fact]
    public void ABootstrapTokenShorterThan32Characters_StopsStartUpNamingTheSetting()
    {
        using var app = new GatewayAppFactory().WithSetting("Admin:BootstrapToken", new string('x', 31));

        var failure = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Admin:BootstrapToken must be at least 32 characters", failure.ToString());
    }

    [Fact]
    public async Task ABootstrapTokenReloadedShorterThan32Characters_OpensNothing()
    {
        var configuration = (IConfigurationRoot)_app.Services.GetRequiredService<IConfiguration>();
        var shortToken = new string('x', 31);

        configuration["Admin:BootstrapToken"] = shortToken;
        configuration.Reload();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(shortToken));
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/admin/accounts")).StatusCode;
    }
}
