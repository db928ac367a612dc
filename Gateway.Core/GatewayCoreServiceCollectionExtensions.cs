using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Gateway.Core.Persistence;
using Gateway.Core.Resilience;
using Gateway.Core.Security;
using Gateway.Core.Settings;
using Gateway.Core.Telemetry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Core;

/// <summary>Registers the gateway's domain services, persistence and secret protection.</summary>
public static class GatewayCoreServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName));
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddGatewayResilience();
        services.AddGatewayPersistence(DatabaseSettings.From(configuration["Database:Provider"], configuration.GetConnectionString("Gateway"), contentRoot));

        services.AddDataProtection().SetApplicationName("Gateway").PersistKeysToDbContext<GatewayDbContext>();
        services.AddSingleton<SecretProtector>();

        services.AddSingleton<IAccountChangeNotifier, AccountChangeNotifier>();
        services.TryAddSingleton<IApiKeyChangeNotifier, NoApiKeyChangeNotifier>();
        services.AddSingleton<AccountAdminService>();
        services.AddSingleton<GroupAdminService>();
        services.AddSingleton<ApiKeyAdminService>();
        services.AddSingleton<AdminTokenService>();
        services.AddSingleton<SettingsService>();
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        return services;
    }

    private sealed class NoApiKeyChangeNotifier : IApiKeyChangeNotifier
    {
        public void ApiKeyChanged(string keyHash)
        {
        }
    }
}
