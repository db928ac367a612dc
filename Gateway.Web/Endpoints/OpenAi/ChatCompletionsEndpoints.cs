namespace Gateway.Web.Endpoints.OpenAi;

/// <summary><c>POST /v1/chat/completions</c>.</summary>
internal static class ChatCompletionsEndpoints
{
    public static RouteGroupBuilder MapChatCompletions(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", (HttpContext http, OpenAiRequestHandler handler) => handler.HandleAsync(http, ApiProtocol.Chat)).Speaks(ApiProtocol.Chat);
        return v1;
    }
}
