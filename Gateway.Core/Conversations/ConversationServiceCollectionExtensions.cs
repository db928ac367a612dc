using Gateway.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Core;

/// <summary>Registers the response store that gives Chat upstreams the conversation state of the Responses API (SPEC 5.3).</summary>
public static class ConversationServiceCollectionExtensions
{
    public static IServiceCollection AddConversationStore(this IServiceCollection services)
    {
        services.AddSingleton<ResponseStore>();
        services.Replace(ServiceDescriptor.Singleton<IResponseRecorder>(sp => sp.GetRequiredService<ResponseStore>()));
        services.AddHostedService(sp => sp.GetRequiredService<ResponseStore>());
        services.AddSingleton<ResponseStoreRetention>();
        return services;
    }
}
