using System.Net;
using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Probes;

/// <summary>Registers the Responses capability probe, the admin connection test and their own HTTP client.</summary>
public static class ProbeServiceCollectionExtensions
{
    public static IServiceCollection AddCapabilityProbe(this IServiceCollection services)
    {
        // Its own pooled client and no resilience handler: one answer (or none) is the verdict.
        services.AddHttpClient(UpstreamPing.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectTimeout = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.UpstreamConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            });
        services.AddSingleton<UpstreamPing>();
        services.AddSingleton<ICapabilityProbe, CapabilityProbe>();
        services.AddSingleton<IAccountConnectionTester, AccountConnectionTester>();
        services.AddSingleton<CapabilityProbeRunner>();
        return services;
    }
}
