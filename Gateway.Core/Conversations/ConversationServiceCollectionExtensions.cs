namespace Gateway.Core;

/// <summary>
/// Registers the response store that gives Chat upstreams the conversation state of the Responses API (SPEC 5.3), and
/// what finds a response an upstream speaking Responses made again for the calls about it.
/// </summary>
internal static class ConversationServiceCollectionExtensions
{
    public static IServiceCollection AddConversationStore(this IServiceCollection services)
    {
        services.AddSingleton<ResponseStore>();
        services.AddSingleton<IResponseRecorder>(sp => sp.GetRequiredService<ResponseStore>());
        services.AddHostedService(sp => sp.GetRequiredService<ResponseStore>());
        services.AddSingleton<ResponseStoreRetention>();
        services.AddSingleton<ResponseOwners>();
        services.AddSingleton<UpstreamResponseRelay>();
        return services;
    }
}
