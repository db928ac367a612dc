using Gateway.Core.Accounts;
using Gateway.Core.Policies;
using Gateway.Core.Protocols.Conversion;

namespace Gateway.Core.Forwarding;

/// <summary>
/// A failure an upstream reported inside a 2xx answer before the gate committed (SPEC 4.6), as the outcome the rules
/// decide on: classified from its code, type and message, with its reset hint, and an error body for the client for when
/// the decision is to stop (a request error goes to the client at once).
/// </summary>
internal static class ReportedFailures
{
    private const int MaxSummaryLength = 200;

    /// <param name="client">The client's protocol, whose error shape the body takes.</param>
    public static AttemptOutcome Outcome(UpstreamError error, int status, ApiProtocol client, DateTimeOffset now)
    {
        var failure = FailureClassifier.ClassifyReported(error.Code, error.Type, error.Message);

        // A request error reads as one even when the upstream named no type.
        var type = failure == FailureClass.RequestError && error.Type == "server_error" ? "invalid_request_error" : error.Type;
        return new AttemptOutcome
        {
            Failure = failure,
            Status = status,
            ReportedInsideSuccess = true,
            ErrorSummary = AttemptOutcome.Summary(status, Shorten(error.Message)),
            RetryAfter = RetryAfter.FromReported(error.ResetsInSeconds, error.ResetsAt, error.Message, now),
            ErrorBody = ClientErrors.Body(client, failure.EquivalentStatus(), error.Message, type, error.Code),
            ErrorContentType = "application/json",
        };
    }

    /// <summary>An upstream's message as the usage log keeps it: one line, the start of it only.</summary>
    public static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length > MaxSummaryLength ? line[..MaxSummaryLength] : line;
    }
}
