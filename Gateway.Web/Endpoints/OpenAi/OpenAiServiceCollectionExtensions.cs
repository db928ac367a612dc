using Gateway.Core;
using Gateway.Core.Forwarding;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>Registers the gateway engine and the OpenAI-compatible endpoints' services.</summary>
internal static class OpenAiServiceCollectionExtensions
{
    public static IServiceCollection AddOpenAiApi(this IServiceCollection services)
    {
        services.AddGatewayEngine();
        services.AddConversationStore();
        services.AddTokenCounting();
        services.AddSingleton<InputTokensResponder>();
        services.AddSingleton<OpenAiRequestHandler>();
        return services;
    }
}
