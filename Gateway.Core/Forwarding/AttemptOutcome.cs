namespace Gateway.Core.Forwarding;

/// <summary>How one upstream attempt ended, as a value: failed before commit, delivered (perhaps cut short), or broken by the client.</summary>
internal sealed record AttemptOutcome
{
    public required FailureClass Failure { get; init; }

    /// <summary>Upstream HTTP status; 0 when no answer arrived.</summary>
    public int Status { get; init; }

    /// <summary>
    /// The status whose rules apply: <see cref="Status"/>, or the equivalent of a failure reported inside a 2xx answer or
    /// of a request the gateway refused to send.
    /// </summary>
    public int RuleStatus => ReportedInsideSuccess || NotSent ? Failure.EquivalentStatus() : Status;

    /// <summary>The gateway refused to send the attempt (<see cref="Rejected"/>): no upstream answered, so its trace status is 0.</summary>
    public bool NotSent { get; init; }

    /// <summary>The upstream answered 2xx and reported the failure inside it (SPEC 4.6).</summary>
    public bool ReportedInsideSuccess { get; init; }

    /// <summary>Where the attempt broke and on whose side, when it did not end with an upstream answer.</summary>
    public AttemptError Error { get; init; }

    /// <summary>A short, secret-free summary of the upstream error.</summary>
    public string? ErrorSummary { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The error body for the client when the decision is to stop: the gateway's own in the client's protocol, or for a
    /// passthrough account the upstream's body with credentials scrubbed out.
    /// </summary>
    public byte[]? ErrorBody { get; init; }

    /// <summary>The content type of <see cref="ErrorBody"/>: always the gateway's choice, never the upstream's.</summary>
    public string? ErrorContentType { get; init; }

    /// <summary>The start of the upstream's own error body, unscrubbed: for the rules only, never shown to anyone.</summary>
    public string? UpstreamText { get; init; }

    /// <summary>The client went away or stopped reading; nothing is blamed on the account.</summary>
    public bool ClientAborted => Error.Side() == FaultSide.Client;

    /// <summary>Bytes of this attempt reached the client: nothing may be retried any more.</summary>
    public bool Committed { get; init; }

    public TokenUsage? Usage { get; init; }

    public string? ResponseId { get; init; }

    /// <summary>A committed stream that broke off; the client got an error event saying this.</summary>
    public string? MidStreamError { get; init; }

    /// <summary>Hosted tools the attempt's conversion left out (SPEC 5.3), for the usage trace.</summary>
    public IReadOnlyList<string>? DroppedTools { get; init; }

    /// <summary>The attempt was never sent: its upstream cannot serve the request without losing part of it (SPEC 5.3).</summary>
    /// <param name="client">The client's protocol, whose error shape the body takes.</param>
    public static AttemptOutcome Rejected(ConversionRejectedException rejected, ApiProtocol client) => new()
    {
        Failure = FailureClass.RequestError,
        NotSent = true,
        ErrorSummary = rejected.Message,
        // An Anthropic client reads the code from error.details: its SDK's tool runner sends the whole conversation again,
        // without thread, on thread_unsupported_request.
        ErrorBody = client == ApiProtocol.Messages
            ? AnthropicErrors.Body(AnthropicErrors.InvalidRequest, rejected.Message, rejected.Code)
            : ClientErrors.Body(client, StatusCodes.Status400BadRequest, rejected.Message, "invalid_request_error", rejected.Code, rejected.Param),
        ErrorContentType = "application/json",
    };

    public static AttemptOutcome Broken(AttemptError error, int status, bool committed) => new()
    {
        Failure = error.ToFailureClass(),
        Status = status,
        Error = error,
        ErrorSummary = error.Side() == FaultSide.Client ? null : Summary(status, error.Describe()),
        Committed = committed,
    };

    /// <summary>"200 The upstream …": the summaries of the usage log start with the upstream status when there was one.</summary>
    public static string Summary(int status, string message) => status == 0 ? message : $"{status} {message}";
}
