using Gateway.Core.Conversations;
using Gateway.Core.Options;
using Gateway.Core.Protocols;
using Gateway.Core.Protocols.Conversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Core;

/// <summary>Registers the protocol converters: Chat Completions ↔ Responses, and Anthropic Messages ↔ either.</summary>
public static class ProtocolConversionServiceCollectionExtensions
{
    public static IServiceCollection AddProtocolConversion(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GatewayOptions>();

        // Without the response store (AddConversationStore), converted responses are simply not kept.
        services.TryAddSingleton<IResponseRecorder, NoResponseRecorder>();
        services.AddSingleton<IProtocolConverterFactory, ProtocolConverterFactory>();
        return services;
    }

    private sealed class NoResponseRecorder : IResponseRecorder
    {
        public void Record(ConversationTurn turn)
        {
        }
    }
}
