using Gateway.Core.Protocols.Conversion;
using Gateway.Core.TokenCounting;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Answers a validated token count: <c>POST /v1/responses/input_tokens</c> in the shape of OpenAI's
/// <c>TokenCountsResource</c>, <c>POST /v1/messages/count_tokens</c> in Anthropic's <c>{"input_tokens"}</c>. A count is
/// no request served and writes no usage row; one refused (an id its stored conversation does not know) is a refusal,
/// with its row.
/// </summary>
internal sealed class InputTokensResponder(InputTokenCounts inputTokens, RequestRefusals refusals)
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
            await refusals.RejectAsync(http, request.Inbound, request.Model, StatusCodes.Status400BadRequest, rejected.Message, "invalid_request_error", rejected.Code, param: rejected.Param);
            return;
        }

        http.Response.Headers[SourceHeader] = count.Source == TokenCountSource.Upstream ? "upstream" : "local";
        object answer = request.Inbound == ApiProtocol.Messages
            ? new MessageTokensCountDto(count.InputTokens)
            : new InputTokensDto("response.input_tokens", count.InputTokens);
        await http.Response.WriteAsJsonAsync(answer, http.RequestAborted);
    }

    private sealed record InputTokensDto(string Object, long InputTokens);

    private sealed record MessageTokensCountDto(long InputTokens);
}
