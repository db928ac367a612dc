namespace Gateway.Soak;

/// <summary>Every way a faulty upstream fails a request (SPEC 4.2–4.6), named as the report prints them.</summary>
internal enum FaultKind
{
    /// <summary>429 with <c>Retry-After: 1</c>.</summary>
    RateLimited,

    /// <summary>529 overloaded.</summary>
    Overloaded,

    /// <summary>500, 502 or 503.</summary>
    ServerError,

    /// <summary>403 with a JSON body: cooldown and a strike.</summary>
    Forbidden,

    /// <summary>403 with an HTML (CDN/WAF) page: fail over without a strike.</summary>
    ForbiddenHtml,

    /// <summary>The connection is reset before any answer.</summary>
    ConnectionReset,

    /// <summary>Headers only after the gateway's idle timeout.</summary>
    SlowHeaders,

    /// <summary>400 saying the model does not exist (Anthropic: 404 <c>not_found_error</c>, SPEC 4.4): the (account, model) pair is suspended.</summary>
    ModelNotSupported,

    /// <summary>200, handshake events, then a failure event (overload, rate limit, quota or transient by turns).</summary>
    HandshakeThenFailure,

    /// <summary>200, handshake events, then the stream ends.</summary>
    HandshakeThenEof,

    /// <summary>200 with a body that is a failure: a Responses object with <c>status: "failed"</c>, a Chat body holding <c>error</c>, an Anthropic body of type <c>error</c>.</summary>
    FailureBody,
}

internal static class FaultKinds
{
    public static readonly FaultKind[] All = Enum.GetValues<FaultKind>();

    /// <summary>Handshake faults need a stream to happen in.</summary>
    public static bool AppliesTo(this FaultKind kind, bool stream) => stream || kind is not (FaultKind.HandshakeThenFailure or FaultKind.HandshakeThenEof);

    public static string ToWire(this FaultKind kind) => kind switch
    {
        FaultKind.RateLimited => "429 with Retry-After",
        FaultKind.Overloaded => "529 overloaded",
        FaultKind.ServerError => "5xx",
        FaultKind.Forbidden => "403",
        FaultKind.ForbiddenHtml => "403 HTML page",
        FaultKind.ConnectionReset => "connection reset",
        FaultKind.SlowHeaders => "slow headers",
        FaultKind.ModelNotSupported => "model not supported",
        FaultKind.HandshakeThenFailure => "handshake then failure event",
        FaultKind.HandshakeThenEof => "handshake then EOF",
        FaultKind.FailureBody => "200 failure body",
        _ => kind.ToString(),
    };
}
