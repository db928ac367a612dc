namespace Gateway.Core;

/// <summary>Registers the response store that gives Chat upstreams the conversation state of the Responses API (SPEC 5.3).</summary>
internal static class ConversationServiceCollectionExtensions
{
    public static IServiceCollection AddConversationStore(this IServiceCollection services)
    {
        services.AddSingleton<ResponseStore>();
        services.AddSingleton<IResponseRecorder>(sp => sp.GetRequiredService<ResponseStore>());
        services.AddHostedService(sp => sp.GetRequiredService<ResponseStore>());
        services.AddSingleton<ResponseStoreRetention>();
        return services;
    }
}
