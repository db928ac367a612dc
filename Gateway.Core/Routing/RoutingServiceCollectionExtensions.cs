using Gateway.Core.Accounts;
using Gateway.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Core;

/// <summary>Registers upstream protocol routing state: the shared endpoint-protocol cache.</summary>
public static class RoutingServiceCollectionExtensions
{
    public static IServiceCollection AddProtocolRouting(this IServiceCollection services)
    {
        services.AddSingleton<EndpointProtocolCache>();
        services.AddSingleton<IEndpointProtocolCache>(sp => sp.GetRequiredService<EndpointProtocolCache>());
        services.AddSingleton<IAccountChangeListener>(sp => sp.GetRequiredService<EndpointProtocolCache>());
        return services;
    }
}
