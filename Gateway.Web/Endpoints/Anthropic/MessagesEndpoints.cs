using Gateway.Core.Accounts;
using Gateway.Web.Endpoints.OpenAi;

namespace Gateway.Web.Endpoints.Anthropic;

/// <summary>
/// Anthropic's Messages API (SPEC 5.5): <c>POST /v1/messages</c>, also as <c>/v1/messages?beta=true</c>, which the SDKs call
/// for beta features (the features themselves are named by the <c>anthropic-beta</c> header, passed on to anthropic accounts).
/// </summary>
internal static class MessagesEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder v1)
    {
        v1.MapPost("/messages", (HttpContext http, OpenAiRequestHandler handler) => handler.HandleAsync(http, ApiProtocol.Messages)).Speaks(ApiProtocol.Messages);
        return v1;
    }
}
