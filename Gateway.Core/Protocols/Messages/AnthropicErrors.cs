namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Anthropic's error shape <c>{"type":"error","error":{"type","message"}}</c> (an HTTP error body and the <c>error</c> stream
/// event alike) and its <c>error.type</c> values, one per HTTP status as Anthropic's API answers them (the status decides:
/// OpenAI names a bad key <c>invalid_request_error</c>, Anthropic <c>authentication_error</c>): what a Messages client's SDK
/// turns into its typed exceptions.
/// </summary>
public static class AnthropicErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string Billing = "billing_error";
    public const string Permission = "permission_error";
    public const string NotFound = "not_found_error";
    public const string RequestTooLarge = "request_too_large";
    public const string RateLimit = "rate_limit_error";
    public const string Api = "api_error";
    public const string Timeout = "timeout_error";
    public const string Overloaded = "overloaded_error";

    public static string ForStatus(int status) => status switch
    {
        401 => Authentication,
        402 => Billing,
        403 => Permission,
        404 => NotFound,
        413 => RequestTooLarge,
        429 => RateLimit,
        504 => Timeout,
        529 => Overloaded,
        >= 500 => Api,
        _ => InvalidRequest,
    };

    /// <summary>A failure reported inside an answer, named by the status whose rules apply to it (SPEC 4.6).</summary>
    internal static string For(UpstreamError error) =>
        ForStatus(FailureClassifier.ClassifyReported(error.Code, error.Type, error.Message).EquivalentStatus());

    public static JsonObject Object(string type, string message) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
    };

    /// <param name="errorCode">The finer reason, as Anthropic gives it in <c>error.details.error_code</c>.</param>
    public static byte[] Body(string type, string message, string? errorCode = null)
    {
        var error = Object(type, message);
        if (errorCode is not null)
        {
            error["error"]!["details"] = new JsonObject { ["error_code"] = errorCode };
        }

        return error.CompactUtf8();
    }
}
