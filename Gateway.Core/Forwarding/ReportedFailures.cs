namespace Gateway.Core.Forwarding;

/// <summary>
/// A failure an upstream reported inside a 2xx answer before the gate committed (SPEC 4.6), as the outcome the rules
/// decide on: classified from its code, type and message, with its reset hint, and an error body for the client for when
/// the decision is to stop (a request error goes to the client at once). Everything the upstream wrote is scrubbed of
/// credentials first.
/// </summary>
internal static class ReportedFailures
{
    private const int MaxSummaryLength = 200;

    public static AttemptOutcome Outcome(UpstreamError error, int status, AttemptContext attempt)
    {
        var failure = FailureClassifier.ClassifyReported(error.Code, error.Type, error.Message, attempt.Request.Wrote);
        var message = attempt.Scrub(error.Message);
        return new AttemptOutcome
        {
            Failure = failure,
            Status = status,
            ReportedInsideSuccess = true,
            ErrorSummary = AttemptOutcome.Summary(status, Shorten(message)),
            RetryAfter = RetryAfter.FromReported(error.ResetsInSeconds, error.ResetsAt, error.Message, attempt.Time.GetUtcNow()),
            ErrorBody = UpstreamFailureErrors.Body(attempt.Request.Inbound, failure.EquivalentStatus(), failure, message, attempt.Scrub(error.Code)),
            ErrorContentType = UpstreamFailureErrors.ContentType,
        };
    }

    /// <summary>An upstream's (already scrubbed) message as the usage log keeps it: one line, the start of it only.</summary>
    public static string Shorten(string message) => TextCut.ToLength(message.ReplaceLineEndings(" "), MaxSummaryLength);
}
