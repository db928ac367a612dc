using System.Text.RegularExpressions;

namespace Gateway.Core.Policies;

/// <summary>Turns an upstream answer (status, the start of its body, its content type) into a <see cref="FailureClass"/>.</summary>
public static class FailureClassifier
{
    // How providers say a model is not served on this account or plan (seed 004): the word "model" followed,
    // within the same clause, by a refusal. "'temperature' is not supported with this model" stays a request error
    // because the refusal comes before the word model.
    private static readonly Regex ModelSupport = new(
        @"model_not_supported|model_not_found|unsupported[_ ]model|\bmodel\b[^.,;]{0,80}?\b(?:not supported|not found|does not exist|doesn't exist|unavailable|not available)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Phrases that mark an overloaded provider even when the status is a plain 5xx.
    private static readonly string[] OverloadPhrases = ["overloaded"];

    /// <summary>Classifies an HTTP answer; <paramref name="bodySnippet"/> is the start of the body (may be empty).</summary>
    public static FailureClass Classify(int status, string? bodySnippet, string? contentType)
    {
        var body = bodySnippet ?? "";
        return status switch
        {
            >= 200 and < 300 => FailureClass.None,
            400 or 422 when ModelSupport.IsMatch(body) => FailureClass.ModelNotSupported,
            400 or 413 or 422 => FailureClass.RequestError,
            401 => FailureClass.Unauthorized,
            402 => FailureClass.PaymentRequired,
            403 when IsHtml(body, contentType) => FailureClass.ForbiddenHtml,
            403 => FailureClass.Forbidden,
            404 => FailureClass.NotFound,
            405 => FailureClass.MethodNotAllowed,
            429 => FailureClass.RateLimited,
            529 => FailureClass.Overloaded,
            >= 500 and < 600 when Contains(body, OverloadPhrases) => FailureClass.Overloaded,
            >= 500 and < 600 => FailureClass.ServerError,
            _ => FailureClass.OtherClientError,
        };
    }

    /// <summary>Classifies an error object found inside a 2xx answer (e.g. the first event of a stream).</summary>
    public static FailureClass ClassifyErrorEvent(string? code, string? message)
    {
        var text = $"{code} {message}";
        if (text.Contains("rate_limit", StringComparison.OrdinalIgnoreCase) || text.Contains("rate limit", StringComparison.OrdinalIgnoreCase))
        {
            return FailureClass.RateLimited;
        }

        return Contains(text, OverloadPhrases) ? FailureClass.Overloaded : FailureClass.BrokenAnswer;
    }

    private static bool IsHtml(string body, string? contentType) =>
        (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
        || body.TrimStart().StartsWith('<');

    private static bool Contains(string text, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
