namespace Gateway.Core.Probes;

/// <summary>Registers the Responses capability probe and the admin connection test (over the engine's <see cref="Forwarding.UpstreamHttp"/>).</summary>
internal static class ProbeServiceCollectionExtensions
{
    public static IServiceCollection AddCapabilityProbe(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamPing>();
        services.AddSingleton<ICapabilityProbe, CapabilityProbe>();
        services.AddSingleton<IAccountConnectionTester, AccountConnectionTester>();
        services.AddSingleton<CapabilityProbeRunner>();
        return services;
    }
}
