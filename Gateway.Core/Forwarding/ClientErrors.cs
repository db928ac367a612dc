namespace Gateway.Core.Forwarding;

/// <summary>
/// The gateway's own errors in the shape the client's SDK reads: Anthropic's for Messages clients (the type named by the
/// status), OpenAI's <c>{"error":{"message","type","code"}}</c> for Chat Completions and Responses clients.
/// </summary>
public static class ClientErrors
{
    /// <param name="param">The request field at fault, named in OpenAI's shape (Anthropic's has no such member).</param>
    public static byte[] Body(ApiProtocol client, int status, string message, string type, string? code, string? param = null) =>
        client == ApiProtocol.Messages ? AnthropicErrors.Body(AnthropicErrors.ForStatus(status), message) : OpenAiErrors.Body(message, type, code, param);

    /// <param name="type">The OpenAI error type (an Anthropic client gets the type of <paramref name="status"/> instead).</param>
    public static async Task WriteAsync(HttpResponse response, ApiProtocol client, int status, string message, string type, string? code, int? retryAfterSeconds = null, string? param = null)
    {
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(Body(client, status, message, type, code, param), response.HttpContext.RequestAborted);
    }
}
