namespace Gateway.Web.Endpoints.Anthropic;

/// <summary>
/// Anthropic's Messages API (SPEC 5.5): <c>POST /v1/messages</c>, also as <c>/v1/messages?beta=true</c>, which the SDKs call
/// for beta features (the features themselves are named by the <c>anthropic-beta</c> header, passed on to anthropic accounts),
/// and <c>POST /v1/messages/count_tokens</c>, counted by an anthropic account or locally (SPEC 4.4).
/// </summary>
internal static class MessagesEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder v1)
    {
        v1.MapPost("/messages", (HttpContext http, OpenAiRequestHandler handler) => handler.HandleAsync(http, ApiProtocol.Messages)).Speaks(ApiProtocol.Messages);
        v1.MapPost("/messages/count_tokens", (HttpContext http, OpenAiRequestHandler handler) => handler.HandleInputTokensAsync(http, ApiProtocol.Messages)).Speaks(ApiProtocol.Messages);
        return v1;
    }
}
