namespace Gateway.Core.Policies;

/// <summary>The closed set of ways an upstream attempt can end (Bifrost-style), computed by <see cref="FailureClassifier"/>.</summary>
public enum FailureClass
{
    /// <summary>2xx: the attempt succeeded.</summary>
    None,

    /// <summary>The client's request is wrong (invalid request, context length, content policy): the client's fault.</summary>
    RequestError,

    /// <summary>400/422 saying the model is not supported or unavailable on this account (SPEC 4.4).</summary>
    ModelNotSupported,

    /// <summary>401: the credential was refused.</summary>
    Unauthorized,

    /// <summary>402: the account has no credit.</summary>
    PaymentRequired,

    /// <summary>403 with a JSON (provider) body.</summary>
    Forbidden,

    /// <summary>403 with an HTML body: a CDN or WAF page, not the provider's verdict on the account.</summary>
    ForbiddenHtml,

    /// <summary>404: usually an endpoint the upstream does not have.</summary>
    NotFound,

    /// <summary>405: the upstream does not accept this endpoint.</summary>
    MethodNotAllowed,

    /// <summary>429 or a reported rate limit: the account is busy for a short while.</summary>
    RateLimited,

    /// <summary><c>insufficient_quota</c>: the account's credit or plan is used up until its reset.</summary>
    QuotaExceeded,

    /// <summary>529 or an overloaded answer.</summary>
    Overloaded,

    /// <summary>Any other 5xx.</summary>
    ServerError,

    /// <summary>Another 4xx that is neither a request error nor an account problem.</summary>
    OtherClientError,

    /// <summary>No HTTP answer: connection refused, reset, DNS.</summary>
    NetworkError,

    /// <summary>The upstream was silent longer than the idle timeout.</summary>
    Timeout,

    /// <summary>A 2xx answer that cannot be used: a stream that ends before any content, or a body that is not a JSON object.</summary>
    BrokenAnswer,
}

/// <summary>Wire names and properties of <see cref="FailureClass"/>.</summary>
public static class FailureClasses
{
    public static string ToWire(this FailureClass value) => value switch
    {
        FailureClass.None => "none",
        FailureClass.RequestError => "request_error",
        FailureClass.ModelNotSupported => "model_not_supported",
        FailureClass.Unauthorized => "unauthorized",
        FailureClass.PaymentRequired => "payment_required",
        FailureClass.Forbidden => "forbidden",
        FailureClass.ForbiddenHtml => "forbidden_html",
        FailureClass.NotFound => "not_found",
        FailureClass.MethodNotAllowed => "method_not_allowed",
        FailureClass.RateLimited => "rate_limited",
        FailureClass.QuotaExceeded => "quota_exceeded",
        FailureClass.Overloaded => "overloaded",
        FailureClass.ServerError => "server_error",
        FailureClass.OtherClientError => "client_error",
        FailureClass.NetworkError => "network_error",
        FailureClass.Timeout => "timeout",
        FailureClass.BrokenAnswer => "broken_answer",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>Failures that say the account is busy for now: exhaustion made only of these is answered 429.</summary>
    public static bool IsRateLimit(this FailureClass value) => value is FailureClass.RateLimited or FailureClass.QuotaExceeded or FailureClass.Overloaded;

    /// <summary>Failures without a usable answer from the upstream's side (SPEC 4.6 "transient"): fail over, cool down as a 5xx.</summary>
    public static bool IsTransient(this FailureClass value) =>
        value is FailureClass.ServerError or FailureClass.NetworkError or FailureClass.Timeout or FailureClass.BrokenAnswer;

    /// <summary>
    /// The HTTP status whose rules apply to a failure an upstream reported inside a 2xx answer (SPEC 4.6): overload as 529,
    /// rate limit and quota as 429, request and model errors as 400, anything else as a 502 from the upstream.
    /// </summary>
    public static int EquivalentStatus(this FailureClass value) => value switch
    {
        FailureClass.Overloaded => 529,
        FailureClass.RateLimited or FailureClass.QuotaExceeded => 429,
        FailureClass.RequestError or FailureClass.ModelNotSupported => 400,
        _ => 502,
    };
}
