using System.Text.RegularExpressions;

namespace Gateway.Core.Policies;

/// <summary>
/// Turns an upstream failure into a <see cref="FailureClass"/>: an HTTP answer from its status, the start of its body and
/// its content type; a failure reported inside a 2xx answer (SPEC 4.6) from its code, type and message.
/// </summary>
public static class FailureClassifier
{
    // How providers say a model is not served on this account or plan (seed 004): the word "model" followed,
    // within the same clause, by a refusal. "'temperature' is not supported with this model" stays a request error
    // because the refusal comes before the word model.
    private static readonly Regex ModelSupport = new(
        @"model_not_supported|model_not_found|unsupported[_ ]model|\bmodel\b[^.,;]{0,80}?\b(?:not supported|not found|does not exist|doesn't exist|unavailable|not available)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Anthropic names an unknown or unserved model with a 404 not_found_error whose message is "model: <name>" (SPEC 5.5).
    private static readonly Regex AnthropicModelNotFound = new(
        @"""message""\s*:\s*""model:",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // OpenAI answers a model the key has no access to with a 404 whose error code is model_not_found ("The model `x` does
    // not exist or you do not have access to it."): the code, which the upstream writes, not a phrase a message may echo.
    private static readonly Regex OpenAiModelNotFound = new(
        @"""code""\s*:\s*""model_not_found""",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Classifies an HTTP answer; <paramref name="bodySnippet"/> is the start of the body (may be empty).</summary>
    /// <param name="clientWrote">
    /// Whether the client's request holds a text. Validation errors echo what the client sent ("Unrecognized request
    /// argument supplied: …"), so a model-support, quota or overload phrase the client wrote itself does not count: otherwise
    /// any key could suspend a model or cool accounts down for every tenant with a field named after the phrase.
    /// </param>
    public static FailureClass Classify(int status, string? bodySnippet, string? contentType, Func<string, bool>? clientWrote = null)
    {
        var body = bodySnippet ?? "";
        return status switch
        {
            >= 200 and < 300 => FailureClass.None,
            400 or 422 when SaysModelNotSupported(body, clientWrote) => FailureClass.ModelNotSupported,
            404 when IsAnthropicModelNotFound(body) || OpenAiModelNotFound.IsMatch(body) => FailureClass.ModelNotSupported,

            // Anthropic answers a used-up credit balance with a 400 invalid_request_error: the account's problem, not the request's.
            400 when FailureSignals.Mentions(body, FailureSignals.Quota, clientWrote) => FailureClass.QuotaExceeded,
            400 or 413 or 422 => FailureClass.RequestError,
            401 => FailureClass.Unauthorized,
            402 => FailureClass.PaymentRequired,
            403 when IsHtml(body, contentType) => FailureClass.ForbiddenHtml,
            403 => FailureClass.Forbidden,
            404 => FailureClass.NotFound,
            405 => FailureClass.MethodNotAllowed,
            429 when FailureSignals.Mentions(body, FailureSignals.Quota, clientWrote) => FailureClass.QuotaExceeded,
            429 => FailureClass.RateLimited,
            529 => FailureClass.Overloaded,
            >= 500 and < 600 when FailureSignals.Mentions(body, FailureSignals.Overload, clientWrote) => FailureClass.Overloaded,
            >= 500 and < 600 => FailureClass.ServerError,
            _ => FailureClass.OtherClientError,
        };
    }

    /// <summary>
    /// Classifies a failure an upstream reported inside a 2xx answer (<c>response.failed</c>, an <c>error</c> event or
    /// chunk, a 200 body holding an error). A used-up quota named anywhere wins, as it does over HTTP (Anthropic types
    /// "Your credit balance is too low" as an <c>invalid_request_error</c>); otherwise the code and type decide when they
    /// name a class, and the message only when they do not. Anything unrecognised is transient, handled as a 5xx.
    /// </summary>
    /// <param name="clientWrote">As for <see cref="Classify"/>: a phrase of the message the client's request holds does not count.</param>
    public static FailureClass ClassifyReported(string? code, string? type, string? message, Func<string, bool>? clientWrote = null)
    {
        // 4.4 as for a 400: a model error named by its code, or a request error whose message names the model.
        if (ModelSupport.IsMatch(code ?? "") || (FailureSignals.Mentions(type, FailureSignals.RequestError) && SaysModelNotSupported(message ?? "", clientWrote))
            || (type == "not_found_error" && message?.StartsWith("model:", StringComparison.OrdinalIgnoreCase) == true))
        {
            return FailureClass.ModelNotSupported;
        }

        if (FailureSignals.Mentions(code, FailureSignals.Quota) || FailureSignals.Mentions(type, FailureSignals.Quota)
            || FailureSignals.Mentions(message, FailureSignals.Quota, clientWrote))
        {
            return FailureClass.QuotaExceeded;
        }

        return Named(code, null) ?? Named(type, null) ?? Named(message, clientWrote) ?? FailureClass.ServerError;
    }

    /// <summary>The first class whose words <paramref name="text"/> holds, in the order of <see cref="FailureSignals.InOrder"/>.</summary>
    private static FailureClass? Named(string? text, Func<string, bool>? clientWrote)
    {
        foreach (var (failure, words) in FailureSignals.InOrder)
        {
            if (FailureSignals.Mentions(text, words, clientWrote))
            {
                return failure;
            }
        }

        return null;
    }

    private static bool SaysModelNotSupported(string body, Func<string, bool>? clientWrote) =>
        ModelSupport.Matches(body).Any(phrase => clientWrote?.Invoke(phrase.Value) != true);

    private static bool IsAnthropicModelNotFound(string body) =>
        body.Contains("not_found_error", StringComparison.Ordinal) && AnthropicModelNotFound.IsMatch(body);

    private static bool IsHtml(string body, string? contentType) =>
        (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
        || body.TrimStart().StartsWith('<');
}
