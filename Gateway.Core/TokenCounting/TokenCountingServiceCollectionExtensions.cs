using Gateway.Core.TokenCounting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Core;

/// <summary>Registers the local token counter and the Responses input-token count (SPEC 4.4).</summary>
public static class TokenCountingServiceCollectionExtensions
{
    public static IServiceCollection AddTokenCounting(this IServiceCollection services)
    {
        services.AddSingleton<ITokenCounter, TiktokenTokenCounter>();
        services.AddSingleton<ResponsesInputTokens>();
        return services;
    }
}
