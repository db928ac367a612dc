namespace Gateway.Core.Forwarding;

/// <summary>
/// A passthrough account's error body as the client gets it when the decision is to stop (SPEC 4.2), already scrubbed of
/// credentials: within a protocol family (Chat and Responses share OpenAI's shape) the upstream's text, as JSON when it is
/// JSON and as plain text otherwise, so an HTML page from a CDN is never rendered in a browser as the gateway's own; across
/// families rewritten into the client's shape (SPEC 5.5), so an Anthropic SDK reads an OpenAI-compatible upstream's 400 as
/// its own error and the other way round.
/// </summary>
internal static class UpstreamErrorBodies
{
    public static (byte[] Body, string ContentType) ForClient(ApiProtocol client, ApiProtocol upstream, int status, string scrubbed)
    {
        var json = Parse(scrubbed);
        if ((client == ApiProtocol.Messages) == (upstream == ApiProtocol.Messages))
        {
            return (Encoding.UTF8.GetBytes(scrubbed), json is null ? "text/plain; charset=utf-8" : "application/json");
        }

        var error = Read(json, scrubbed, status);
        return (ClientErrors.Body(client, status, error.Message, error.Type, error.Code), "application/json");
    }

    // Both families put the error under "error"; anything else (an HTML page, plain text) is kept as the message.
    private static UpstreamError Read(JsonNode? json, string text, int status)
    {
        if (json is JsonObject body && body["error"] is { } error)
        {
            return UpstreamError.FromNode(error);
        }

        text = text.Trim();
        return new UpstreamError(text.Length > 0 ? ReportedFailures.Shorten(text) : $"The upstream answered {status}.", "upstream_error", null);
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
