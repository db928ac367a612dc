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

    [Fact]
    public async Task Startup_WithThreeBrokenSettings_FailsNamingEachOfThem()
    {
        await using var app = new GatewayAppFactory()
            .WithSetting("Gateway:MaxAccountSwitches", "-1")
            .WithSetting("Gateway:ForbiddenCooldown", "-00:01:00")
            .WithSetting("Gateway:UsageRetentionSchedule", "every night");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(nameof(GatewayOptions.MaxAccountSwitches), error.Message);
        Assert.Contains(nameof(GatewayOptions.ForbiddenCooldown), error.Message);
        Assert.Contains("The schedule of job usage-retention ('every night') is not a five-field cron expression.", error.Message);
        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public async Task Startup_WithBrokenSecuritySettings_FailsNamingEachOfThem()
    {
        await using var app = new GatewayAppFactory()
            .WithSetting("Security:ForwardedHeaders", "true")
            .WithSetting("Security:KnownProxies:0", "proxy.example")
            .WithSetting("Security:KnownNetworks:0", "10.0.0.0/99")
            .WithSetting("Security:SessionValidationInterval", "00:00:00");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("KnownProxies: 'proxy.example' is not an IP address.", error.Message);
        Assert.Contains("KnownNetworks: '10.0.0.0/99' is not a network in CIDR notation.", error.Message);
        Assert.Contains("SessionValidationInterval", error.Message);
        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public async Task Startup_WithBrokenOtlpSettings_FailsNamingEachOfThem()
    {
        await using var app = new GatewayAppFactory()
            .WithSetting("Otlp:Endpoint", "otel-collector:4317")
            .WithSetting("Otlp:Protocol", "http")
            .WithSetting("Otlp:ExportInterval", "00:00:00");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Endpoint: 'otel-collector:4317' is not an http or https URL.", error.Message);
        Assert.Contains("Protocol: 'http' is neither grpc nor http/protobuf.", error.Message);
        Assert.Contains("ExportInterval", error.Message);
        Assert.Equal(3, error.Failures.Count());
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
