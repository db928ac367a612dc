using Gateway.Core.Forwarding;
using Gateway.Core.Protocols.Conversion;
using Gateway.Core.TokenCounting;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>Answers a validated <c>POST /v1/responses/input_tokens</c> in the shape of OpenAI's <c>TokenCountsResource</c>.</summary>
internal sealed class InputTokensResponder(ResponsesInputTokens inputTokens)
{
    /// <summary>Says who counted: <c>upstream</c> (the account's own endpoint) or <c>local</c> (the gateway's tokenizer).</summary>
    public const string SourceHeader = "x-gateway-token-count-source";

    public async Task RespondAsync(HttpContext http, GatewayRequest request)
    {
        TokenCount count;
        try
        {
            count = await inputTokens.CountAsync(request, http.RequestAborted);
        }
        catch (ConversionRejectedException rejected)
        {
            await OpenAiErrors.WriteAsync(http.Response, StatusCodes.Status400BadRequest, rejected.Message, "invalid_request_error", rejected.Code);
            return;
        }

        http.Response.Headers[SourceHeader] = count.Source == TokenCountSource.Upstream ? "upstream" : "local";
        await http.Response.WriteAsJsonAsync(new InputTokensDto("response.input_tokens", count.InputTokens), http.RequestAborted);
    }

    private sealed record InputTokensDto(string Object, long InputTokens);
}
