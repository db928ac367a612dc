using System.Text.Json.Nodes;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>An error reported inside an upstream stream, in either protocol's form, ready to re-emit in the other.</summary>
internal sealed record UpstreamError(string Message, string Type, string? Code)
{
    /// <summary>The stream stopped without its protocol's terminal event.</summary>
    public static UpstreamError Truncated { get; } = new("The upstream stream ended before the answer was complete.", "server_error", "upstream_stream_truncated");

    /// <summary>Reads a Chat error chunk <c>{"error":{...}}</c>, a Responses <c>error</c> event or <c>response.failed</c>.</summary>
    public static UpstreamError From(JsonObject? error)
    {
        var message = error?["message"].Str() ?? "The upstream reported an error.";
        var code = error?["code"].Str();
        return new UpstreamError(message, error?["type"].Str() ?? "server_error", code);
    }

    /// <summary>Reads a Responses <c>error</c> event, whose own <c>type</c> is the event name, not an error type.</summary>
    public static UpstreamError FromErrorEvent(JsonObject errorEvent) =>
        errorEvent["error"] is JsonObject nested
            ? From(nested)
            : new UpstreamError(errorEvent["message"].Str() ?? "The upstream reported an error.", "server_error", errorEvent["code"].Str());

    /// <summary>The Chat Completions stream error payload.</summary>
    public JsonObject ToChat() => new()
    {
        ["error"] = new JsonObject { ["message"] = Message, ["type"] = Type, ["param"] = null, ["code"] = Code },
    };
}
