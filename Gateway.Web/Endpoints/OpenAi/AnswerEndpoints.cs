namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// The endpoints that answer a prompt, one per client protocol, and the input-token counts beside them:
/// <c>POST /v1/chat/completions</c>; <c>POST /v1/responses</c> and <c>/v1/responses/input_tokens</c>; Anthropic's Messages API
/// (SPEC 5.5), <c>POST /v1/messages</c>, also as <c>/v1/messages?beta=true</c>, which the SDKs call for beta features (the
/// features themselves are named by the <c>anthropic-beta</c> header, passed on to anthropic accounts), and
/// <c>POST /v1/messages/count_tokens</c>, counted by an anthropic account or locally (SPEC 4.4).
/// </summary>
internal static class AnswerEndpoints
{
    public static RouteGroupBuilder MapAnswerEndpoints(this RouteGroupBuilder v1)
    {
        Map(v1, ApiProtocol.Chat, "/chat/completions", inputTokensPath: null);
        Map(v1, ApiProtocol.Responses, "/responses", "/responses/input_tokens");
        Map(v1, ApiProtocol.Messages, "/messages", "/messages/count_tokens");
        return v1;
    }

    // The handler is a singleton resolved once: a parameter would be resolved from the call's request services.
    private static void Map(RouteGroupBuilder v1, ApiProtocol protocol, string path, string? inputTokensPath)
    {
        var handler = ((IEndpointRouteBuilder)v1).ServiceProvider.GetRequiredService<OpenAiRequestHandler>();
        v1.MapPost(path, (HttpContext http) => handler.HandleAsync(http, protocol)).Speaks(protocol);
        if (inputTokensPath is not null)
        {
            v1.MapPost(inputTokensPath, (HttpContext http) => handler.HandleInputTokensAsync(http, protocol)).Speaks(protocol);
        }
    }
}
