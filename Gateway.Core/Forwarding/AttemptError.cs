namespace Gateway.Core.Forwarding;

/// <summary>
/// Where an attempt broke and on whose side, as a value (YARP's <c>ForwarderError</c>): the attempt loop blames the
/// account only for the upstream's side, never for a client that went away or stopped reading.
/// </summary>
public enum AttemptError
{
    None,

    /// <summary>The request could not be sent: connection refused or reset, DNS.</summary>
    UpstreamUnreachable,

    /// <summary>No status and headers within the idle timeout.</summary>
    UpstreamHeadersTimedOut,

    /// <summary>The upstream's body broke off: a reset, a connection closed in the middle of a message.</summary>
    UpstreamReadFailed,

    /// <summary>The upstream's body went silent longer than the idle timeout.</summary>
    UpstreamReadTimedOut,

    /// <summary>The upstream ended its stream before any content, or before its answer was complete.</summary>
    UpstreamEndedEarly,

    /// <summary>A 2xx body that is not a JSON object.</summary>
    UpstreamAnswerUnusable,

    /// <summary>The upstream's answer (a body, an SSE line or event) grew past the gateway's read cap.</summary>
    UpstreamAnswerTooLarge,

    /// <summary>The gateway could not convert what the upstream sent.</summary>
    ConversionFailed,

    /// <summary>The client aborted the request.</summary>
    ClientCanceled,

    /// <summary>Writing to the client failed.</summary>
    ClientWriteFailed,

    /// <summary>The client did not take a write within the idle timeout.</summary>
    ClientWriteTimedOut,
}

/// <summary>The side an <see cref="AttemptError"/> happened on.</summary>
public enum FaultSide
{
    None,
    Upstream,
    Gateway,
    Client,
}

/// <summary>Properties of <see cref="AttemptError"/>.</summary>
internal static class AttemptErrors
{
    /// <summary>The exceptions a converter throws on an answer it cannot convert (<see cref="AttemptError.ConversionFailed"/>).</summary>
    public static bool IsConversionFailure(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or NotSupportedException;

    public static FaultSide Side(this AttemptError error) => error switch
    {
        AttemptError.None => FaultSide.None,
        AttemptError.ConversionFailed => FaultSide.Gateway,
        AttemptError.ClientCanceled or AttemptError.ClientWriteFailed or AttemptError.ClientWriteTimedOut => FaultSide.Client,
        _ => FaultSide.Upstream,
    };

    /// <summary>The failure class the rules see (SPEC 4.6: each of these is transient); none for the client's side.</summary>
    public static FailureClass ToFailureClass(this AttemptError error) => error switch
    {
        AttemptError.UpstreamUnreachable or AttemptError.UpstreamReadFailed => FailureClass.NetworkError,
        AttemptError.UpstreamHeadersTimedOut or AttemptError.UpstreamReadTimedOut => FailureClass.Timeout,
        AttemptError.UpstreamEndedEarly or AttemptError.UpstreamAnswerUnusable or AttemptError.UpstreamAnswerTooLarge or AttemptError.ConversionFailed => FailureClass.BrokenAnswer,
        _ => FailureClass.None,
    };

    /// <summary>A sentence for the usage log and for the error event that ends a committed stream.</summary>
    public static string Describe(this AttemptError error) => error switch
    {
        AttemptError.UpstreamUnreachable => "The upstream could not be reached.",
        AttemptError.UpstreamHeadersTimedOut => "The upstream did not answer within the idle timeout.",
        AttemptError.UpstreamReadFailed => "The upstream connection broke before the answer was complete.",
        AttemptError.UpstreamReadTimedOut => "The upstream went silent before the answer was complete.",
        AttemptError.UpstreamEndedEarly => "The upstream stream ended before the answer was complete.",
        AttemptError.UpstreamAnswerUnusable => "The upstream answer is not a JSON object.",
        AttemptError.UpstreamAnswerTooLarge => "The upstream answer exceeded the gateway's size limit.",
        AttemptError.ConversionFailed => "The gateway could not convert the upstream answer.",
        AttemptError.ClientCanceled => "client closed the request",
        AttemptError.ClientWriteFailed => "writing to the client failed",
        AttemptError.ClientWriteTimedOut => "the client stopped reading",
        _ => "",
    };
}
