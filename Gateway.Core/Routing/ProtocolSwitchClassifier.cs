namespace Gateway.Core.Routing;

/// <summary>
/// Whether a failed attempt may switch protocol on the same account (SPEC 5.2): only failures that say
/// "this endpoint is not served here". Credentials, rate limits, the provider's capacity, the model and the content of
/// the request are the same on either protocol, so those never switch; neither does a failure without an HTTP answer.
/// </summary>
public static class ProtocolSwitchClassifier
{
    /// <summary>Body fragments of request-content errors: switching protocol would fail the same way.</summary>
    private static readonly string[] ContentErrorMarkers =
    [
        "content_policy", "content policy", "content_filter", "content management policy", "safety system",
        "moderation", "flagged", "context_length_exceeded", "maximum context length", "invalid_prompt",
    ];

    /// <summary>Body fragments with which providers say the path or API is not served (often as a 400).</summary>
    private static readonly string[] UnsupportedEndpointMarkers =
    [
        "unsupported endpoint", "endpoint not supported", "endpoint is not supported", "not supported endpoint",
        "unknown endpoint", "invalid url", "unrecognized request url", "no route", "route not found",
        "responses api is not supported", "does not support the responses api", "does not support responses",
        "does not support chat completions", "unsupported api", "not implemented",
    ];

    /// <param name="status">The upstream HTTP status, or null when no HTTP answer came (network error, timeout).</param>
    /// <param name="bodySnippet">The start of the upstream error body, if any.</param>
    /// <param name="failure">The attempt's class: an overload (529, "at capacity") or an unserved model is no missing endpoint.</param>
    public static bool AllowsSwitch(int? status, string? bodySnippet, FailureClass failure)
    {
        if (status is not { } code || code is 401 or 403 or 429 || failure is FailureClass.Overloaded or FailureClass.ModelNotSupported
            || Contains(bodySnippet, ContentErrorMarkers))
        {
            return false;
        }

        return code is 404 or 405 || code >= 500 || (code >= 400 && Contains(bodySnippet, UnsupportedEndpointMarkers));
    }

    private static bool Contains(string? body, string[] markers) =>
        body is not null && markers.Any(marker => body.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
