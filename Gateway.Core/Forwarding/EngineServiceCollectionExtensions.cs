namespace Gateway.Core.Forwarding;

/// <summary>Registers the gateway engine: account snapshot and selection, forwarder, state updater, key auth, usage writer.</summary>
internal static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayEngine(this IServiceCollection services)
    {
        services.AddSingleton<AccountPool>();
        services.AddSingleton<IAccountChangeListener>(sp => sp.GetRequiredService<AccountPool>());
        services.AddHostedService(sp => sp.GetRequiredService<AccountPool>());
        services.AddSingleton<StickySessions>();
        services.AddSingleton<AccountSelector>();
        services.AddSingleton<AccountStateUpdater>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<IApiKeyChangeNotifier>(sp => sp.GetRequiredService<ApiKeyAuthenticator>());
        services.AddSingleton<ApiKeyLimiter>();
        services.AddSingleton<RequestCapacity>();
        services.AddSingleton<UpstreamHttp>();
        services.AddSingleton<FirstChunkGate>();
        services.AddSingleton<OAuthTokenRefresher>();
        services.AddSingleton<GatewayForwarder>();
        services.AddSingleton<UsageQueue>();
        services.AddHostedService<UsageWriter>();
        return services;
    }
}
