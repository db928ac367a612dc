namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>Registers the services of the OpenAI-compatible and Anthropic endpoints (the engine itself comes with AddGatewayCore).</summary>
internal static class OpenAiServiceCollectionExtensions
{
    public static IServiceCollection AddOpenAiApi(this IServiceCollection services)
    {
        services.AddSingleton<RequestRefusals>();
        services.AddSingleton<RequestAdmission>();
        services.AddSingleton<InputTokensResponder>();
        services.AddSingleton<OpenAiRequestHandler>();
        return services;
    }
}
