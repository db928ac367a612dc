namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Refuses an authenticated API call before it reaches an upstream (bad input, a limit): the answer in the client's error
/// shape, and a usage row under the <c>x-request-id</c> the client got, so the refusal can be looked up.
/// </summary>
internal sealed class RequestRefusals(UsageQueue usage, TimeProvider time)
{
    public Task RejectAsync(HttpContext http, ApiProtocol inbound, string? model, int status, string message, string type, string code, int? retryAfterSeconds = null)
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
            Status = status,
            Error = message,
        });
        return ClientErrors.WriteAsync(http.Response, inbound, status, message, type, code, retryAfterSeconds);
    }
}
