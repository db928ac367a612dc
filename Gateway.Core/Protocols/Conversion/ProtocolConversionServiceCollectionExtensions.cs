namespace Gateway.Core;

/// <summary>Registers the protocol converters: Chat Completions ↔ Responses, and Anthropic Messages ↔ either.</summary>
internal static class ProtocolConversionServiceCollectionExtensions
{
    public static IServiceCollection AddProtocolConversion(this IServiceCollection services) =>
        services.AddSingleton<IProtocolConverterFactory, ProtocolConverterFactory>();
}
