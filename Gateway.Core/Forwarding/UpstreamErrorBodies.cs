using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Protocols.Conversion;

namespace Gateway.Core.Forwarding;

/// <summary>
/// An upstream's error body as the client gets it when the decision is to stop: unchanged within a protocol family (Chat
/// and Responses share OpenAI's shape), and across families rewritten into the client's shape (SPEC 5.5), so an Anthropic
/// SDK reads an OpenAI-compatible upstream's 400 as its own error and the other way round.
/// </summary>
internal static class UpstreamErrorBodies
{
    public static (byte[] Body, string? ContentType) ForClient(ApiProtocol client, ApiProtocol upstream, int status, byte[] body, string? contentType)
    {
        if ((client == ApiProtocol.Messages) == (upstream == ApiProtocol.Messages))
        {
            return (body, contentType);
        }

        var error = Read(body, status);
        return (ClientErrors.Body(client, status, error.Message, error.Type, error.Code), "application/json");
    }

    // Both families put the error under "error"; anything else (an HTML page, plain text) is kept as the message.
    private static UpstreamError Read(byte[] body, int status)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["error"] is { } error)
            {
                return UpstreamError.FromNode(error);
            }
        }
        catch (JsonException)
        {
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return new UpstreamError(text.Length > 0 ? ReportedFailures.Shorten(text) : $"The upstream answered {status}.", "upstream_error", null);
    }
}
