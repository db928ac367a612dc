namespace Gateway.Core;

/// <summary>Registers upstream protocol selection: the endpoint-mode selector and the shared endpoint-protocol cache.</summary>
internal static class RoutingServiceCollectionExtensions
{
    public static IServiceCollection AddProtocolRouting(this IServiceCollection services)
    {
        services.AddSingleton<EndpointProtocolCache>();
        services.AddSingleton<IEndpointProtocolCache>(sp => sp.GetRequiredService<EndpointProtocolCache>());
        services.AddSingleton<IAccountChangeListener>(sp => sp.GetRequiredService<EndpointProtocolCache>());
        services.AddHostedService(sp => sp.GetRequiredService<EndpointProtocolCache>());
        services.AddSingleton<IUpstreamProtocolSelector, EndpointModeProtocolSelector>();
        return services;
    }
}
