namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Refuses an authenticated API call before it reaches an upstream (bad input, a limit): the answer in the client's error
/// shape, and a usage row under the <c>x-request-id</c> the client got, so the refusal can be looked up.
/// </summary>
internal sealed class RequestRefusals(UsageQueue usage, TimeProvider time)
{
    /// <param name="stream">Whether the client asked for a stream, when the refusal comes after the body said so.</param>
    /// <param name="param">The request field at fault, when the answer names one.</param>
    public Task RejectAsync(HttpContext http, ApiProtocol inbound, string? model, int status, string message, string type, string code, int? retryAfterSeconds = null, bool stream = false, string? param = null)
    {
        Record(http, inbound, model, status, message, stream);
        return ClientErrors.WriteAsync(http.Response, inbound, status, message, type, code, retryAfterSeconds, param);
    }

    /// <summary>The client went away before its request could be served (e.g. while sending its body): a usage row, no answer.</summary>
    public void ClientLeft(HttpContext http, ApiProtocol inbound) =>
        Record(http, inbound, null, StatusCodes.Status499ClientClosedRequest, AttemptError.ClientCanceled.Describe(), stream: false);

    private void Record(HttpContext http, ApiProtocol inbound, string? model, int status, string message, bool stream)
    {
        var key = http.ApiKey();
        usage.Enqueue(new UsageLog
        {
            CreatedAt = time.GetUtcNow().UtcDateTime,
            RequestId = http.RequestId(),
            ClientRequestId = http.ClientRequestId(),
            KeyId = key.Id,
            GroupId = key.GroupId,
            Model = model ?? "",
            InboundProtocol = inbound,
            Stream = stream,
            Status = status,
            Error = message,
        });
    }

    /// <summary>A 503 <c>gateway_busy</c>: no room for another request, or for this one's body (<see cref="RequestCapacity"/>).</summary>
    public Task BusyAsync(HttpContext http, ApiProtocol inbound, string message) =>
        RejectAsync(http, inbound, null, StatusCodes.Status503ServiceUnavailable, message, "server_error", "gateway_busy", retryAfterSeconds: 1);
}
