namespace Gateway.Web.Endpoints.OpenAi;

/// <summary><c>POST /v1/responses</c> and <c>POST /v1/responses/input_tokens</c>.</summary>
internal static class ResponsesEndpoints
{
    public static RouteGroupBuilder MapResponses(this RouteGroupBuilder v1)
    {
        v1.MapPost("/responses", (HttpContext http, OpenAiRequestHandler handler) => handler.HandleAsync(http, ApiProtocol.Responses)).Speaks(ApiProtocol.Responses);
        v1.MapPost("/responses/input_tokens", (HttpContext http, OpenAiRequestHandler handler) => handler.HandleInputTokensAsync(http, ApiProtocol.Responses)).Speaks(ApiProtocol.Responses);
        return v1;
    }
}
