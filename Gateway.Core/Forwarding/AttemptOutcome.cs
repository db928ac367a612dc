using Gateway.Core.Policies;

namespace Gateway.Core.Forwarding;

/// <summary>How one upstream attempt ended, as a value: failed before commit, delivered, or abandoned by the client.</summary>
internal sealed record AttemptOutcome
{
    public required FailureClass Failure { get; init; }

    /// <summary>Upstream HTTP status; 0 when no answer arrived.</summary>
    public int Status { get; init; }

    /// <summary>A short, secret-free summary of the upstream error.</summary>
    public string? ErrorSummary { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The start of the upstream error body and its content type, passed to the client when the decision is to stop.</summary>
    public byte[]? ErrorBody { get; init; }

    public string? ErrorContentType { get; init; }

    /// <summary>The client went away; nothing is blamed on the account.</summary>
    public bool ClientAborted { get; init; }

    /// <summary>Bytes of this attempt reached the client: nothing may be retried any more.</summary>
    public bool Committed { get; init; }

    public TokenUsage? Usage { get; init; }

    public string? ResponseId { get; init; }

    /// <summary>A committed stream that the upstream broke off; the client got an error event.</summary>
    public string? MidStreamError { get; init; }

    public static AttemptOutcome Aborted(bool committed) => new() { Failure = FailureClass.None, ClientAborted = true, Committed = committed };

    public static AttemptOutcome Failed(FailureClass failure, int status, string summary) => new() { Failure = failure, Status = status, ErrorSummary = summary };
}
