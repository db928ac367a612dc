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

    /// <summary>429: rate limit or quota.</summary>
    RateLimited,

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

    /// <summary>A 2xx answer that cannot be used: a stream whose first event is an error or that ends before one, or a body that is not JSON.</summary>
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
        FailureClass.Overloaded => "overloaded",
        FailureClass.ServerError => "server_error",
        FailureClass.OtherClientError => "client_error",
        FailureClass.NetworkError => "network_error",
        FailureClass.Timeout => "timeout",
        FailureClass.BrokenAnswer => "broken_answer",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>Failures that say the account is busy for now: exhaustion made only of these is answered 429.</summary>
    public static bool IsRateLimit(this FailureClass value) => value is FailureClass.RateLimited or FailureClass.Overloaded;
}
