using System.Text.RegularExpressions;

namespace Gateway.Core.Forwarding;

/// <summary>
/// The gateway's own error body for an upstream failure that ends the request on a standard (non-passthrough) account,
/// built from the failure class: the upstream's bytes and content type never reach the client, only its (scrubbed)
/// message where it tells the client what to fix, and its code when that is a plain identifier clients match on
/// (e.g. <c>context_length_exceeded</c>). The shape is the client's: Anthropic's for Messages clients (its type named by
/// the status the client gets), OpenAI's for Chat Completions and Responses clients, whatever the upstream spoke.
/// </summary>
internal static partial class UpstreamFailureErrors
{
    public const string ContentType = "application/json";

    private const int MaxMessageLength = 1000;

    /// <param name="client">The client's protocol, whose error shape the body takes.</param>
    /// <param name="status">The status the client gets with the body.</param>
    /// <param name="upstreamMessage">The upstream's message, already scrubbed of credentials.</param>
    /// <param name="upstreamCode">The upstream's code, already scrubbed: a scrubbed code is no plain identifier, and is dropped.</param>
    public static byte[] Body(ApiProtocol client, int status, FailureClass failure, string? upstreamMessage, string? upstreamCode)
    {
        var (type, code, message) = failure switch
        {
            FailureClass.RequestError => ("invalid_request_error", "upstream_request_error", "The upstream rejected the request."),
            FailureClass.ModelNotSupported => ("invalid_request_error", "model_not_supported", "The upstream does not serve this model."),
            FailureClass.NotFound => ("invalid_request_error", "upstream_not_found", "The upstream does not know this endpoint or model."),
            FailureClass.OtherClientError => ("invalid_request_error", "upstream_client_error", "The upstream refused the request."),
            FailureClass.RateLimited or FailureClass.QuotaExceeded or FailureClass.Overloaded =>
                ("rate_limit_error", "upstream_rate_limited", "The upstream is rate-limited or overloaded; retry later."),
            _ => ("upstream_error", "upstream_failed", "The upstream failed to answer the request."),
        };

        // Only what the client can act on is passed on: why its request was refused.
        var clientFault = failure is FailureClass.RequestError or FailureClass.ModelNotSupported or FailureClass.NotFound or FailureClass.OtherClientError;
        if (clientFault && !string.IsNullOrWhiteSpace(upstreamMessage))
        {
            message = TextCut.ToLength(upstreamMessage.Trim(), MaxMessageLength);
        }

        if (clientFault && upstreamCode is not null && PlainCode().IsMatch(upstreamCode))
        {
            code = upstreamCode;
        }

        return ClientErrors.Body(client, status, message, type, code);
    }

    [GeneratedRegex("^[A-Za-z0-9_.\\-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainCode();
}
