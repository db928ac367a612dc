namespace Gateway.Core;

/// <summary>Registers the local token counter and the input-token counts of the Responses and Messages APIs (SPEC 4.4).</summary>
internal static class TokenCountingServiceCollectionExtensions
{
    public static IServiceCollection AddTokenCounting(this IServiceCollection services)
    {
        services.AddSingleton<ITokenCounter, TiktokenTokenCounter>();
        services.AddSingleton<InputTokenCounts>();
        return services;
    }
}
