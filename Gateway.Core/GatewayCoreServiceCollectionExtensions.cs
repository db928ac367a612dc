using Gateway.Core.Probes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Core;

/// <summary>
/// The one entry point of Gateway.Core: its options (validated at start-up), persistence, secret protection, the
/// engine, protocol routing and conversion, the response store, token counting, the capability probe and the admin
/// services. Each concern's own <c>Add…</c> is internal to this project and called only from here.
/// </summary>
public static class GatewayCoreServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton<IOptionsFactory<GatewayOptions>, LastValidOptionsFactory<GatewayOptions>>();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IOptionsFactory<SecurityOptions>, LastValidOptionsFactory<SecurityOptions>>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddGatewayResilience();
        services.AddGatewayPersistence(DatabaseSettings.From(configuration["Database:Provider"], configuration.GetConnectionString("Gateway"), contentRoot));
        services.AddGatewayEngine();
        services.AddProtocolRouting();
        services.AddProtocolConversion();
        services.AddConversationStore();
        services.AddTokenCounting();
        services.AddCapabilityProbe();

        services.AddDataProtection().SetApplicationName("Gateway").PersistKeysToDbContext<GatewayDbContext>();
        services.AddSingleton<SecretProtector>();

        services.AddSingleton<IAccountChangeNotifier, AccountChangeNotifier>();
        services.AddSingleton<AccountAdminService>();
        services.AddSingleton<GroupAdminService>();
        services.AddSingleton<ApiKeyAdminService>();
        services.AddSingleton<AdminTokenService>();
        services.AddSingleton<SettingsService>();
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        return services;
    }
}
