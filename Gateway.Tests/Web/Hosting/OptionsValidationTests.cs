using System.Net;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Web.Hosting;

/// <summary>
/// Settings are checked when the host starts: every broken one is named in one error, and the host does not start. A
/// reload that breaks one keeps the last valid settings in force.
/// </summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions()).Succeeded);
    }

    public static TheoryData<Action<GatewayOptions>, string> BrokenSettings => new()
    {
        { o => o.MaxAccountSwitches = -1, nameof(GatewayOptions.MaxAccountSwitches) },
        { o => o.ForbiddenCooldown = TimeSpan.FromMinutes(-1), nameof(GatewayOptions.ForbiddenCooldown) },
        { o => o.UpstreamIdleTimeout = TimeSpan.Zero, nameof(GatewayOptions.UpstreamIdleTimeout) },
        { o => o.SameAccountRetryDelay = TimeSpan.FromMilliseconds(-1), nameof(GatewayOptions.SameAccountRetryDelay) },
        { o => o.UsageBatchSize = 0, nameof(GatewayOptions.UsageBatchSize) },
        { o => o.ForbiddenStrikeLimit = 0, nameof(GatewayOptions.ForbiddenStrikeLimit) },
        { o => o.ProbeModel = " ", nameof(GatewayOptions.ProbeModel) },
        { o => o.MaxRequestBodyBytes = 0, nameof(GatewayOptions.MaxRequestBodyBytes) },
        { o => o.MaxRequestBodyBytes = long.MaxValue, nameof(GatewayOptions.MaxRequestBodyBytes) },
        { o => o.ResponseStoreRetention = TimeSpan.MaxValue, nameof(GatewayOptions.ResponseStoreRetention) },
        { o => o.MaxModelNameLength = GatewayOptions.ModelColumnLength + 1, nameof(GatewayOptions.MaxModelNameLength) },
        { o => o.RateLimitDefaultCooldown = TimeSpan.FromHours(1), nameof(GatewayOptions.RateLimitMaxCooldown) },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void ABrokenSetting_IsNamed(Action<GatewayOptions> breakIt, string named)
    {
        var options = new GatewayOptions();
        breakIt(options);

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void ZeroSwitches_IsAllowed_ButNotLess(int switches, bool valid)
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { MaxAccountSwitches = switches });

        Assert.Equal(valid, result.Succeeded);
    }

    [Theory]
    [InlineData(
        new[] { "Gateway:MaxAccountSwitches=-1", "Gateway:ForbiddenCooldown=-00:01:00", "Gateway:UsageRetentionSchedule=every night" },
        new[] { nameof(GatewayOptions.MaxAccountSwitches), nameof(GatewayOptions.ForbiddenCooldown), "The schedule of job usage-retention ('every night') is not a five-field cron expression." })]
    [InlineData(
        new[] { "Security:ForwardedHeaders=true", "Security:KnownProxies:0=proxy.example", "Security:KnownNetworks:0=10.0.0.0/99", "Security:SessionValidationInterval=00:00:00" },
        new[] { "KnownProxies: 'proxy.example' is not an IP address.", "KnownNetworks: '10.0.0.0/99' is not a network in CIDR notation.", "SessionValidationInterval" })]
    [InlineData(
        new[] { "Otlp:Endpoint=otel-collector:4317", "Otlp:Protocol=http", "Otlp:ExportInterval=00:00:00" },
        new[] { "Endpoint: 'otel-collector:4317' is not an http or https URL.", "Protocol: 'http' is neither grpc nor http/protobuf.", "ExportInterval" })]
    public async Task Startup_WithBrokenSettings_FailsNamingEachOfThem(string[] settings, string[] named)
    {
        await using var app = new GatewayAppFactory();
        foreach (var setting in settings)
        {
            var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            app.WithSetting(key, value);
        }

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.All(named, name => Assert.Contains(name, error.Message, StringComparison.Ordinal));
        Assert.Equal(named.Length, error.Failures.Count());
    }

    [Theory]
    [InlineData("Gateway:MaxAccountSwitches", "-1", "MaxAccountSwitches")]
    [InlineData("Gateway:MaxAccountSwitches", "several", "Gateway:MaxAccountSwitches")]
    public async Task AReloadThatBreaksASetting_KeepsTheLastValidSettings_AndLogsTheBrokenOne(string key, string broken, string named)
    {
        await using var app = new GatewayAppFactory().WithSetting("Gateway:MaxAccountSwitches", "3");
        using var admin = app.CreateAdminClient();
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var options = app.Services.GetRequiredService<IOptionsMonitor<GatewayOptions>>();

        configuration[key] = broken;
        configuration.Reload();

        Assert.Equal(3, options.CurrentValue.MaxAccountSwitches);
        Assert.Contains(app.Logs.Problems, p => p.Contains("last valid ones stay in force", StringComparison.Ordinal) && p.Contains(named, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/settings")).StatusCode);

        configuration[key] = "5";
        configuration.Reload();

        Assert.Equal(5, options.CurrentValue.MaxAccountSwitches);
    }
}
