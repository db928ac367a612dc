using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Protocols.Sse;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Watches one upstream stream as it passes: finds an error in the first event (for the first-chunk gate),
/// picks up usage and the response id, and removes the usage chunk the gateway asked for on the client's behalf.
/// JSON is parsed only for the few events that need it.
/// </summary>
internal sealed class StreamTap(ApiProtocol upstream, bool dropUsageChunks)
{
    public TokenUsage? Usage { get; private set; }

    public string? ResponseId { get; private set; }

    public bool SawDone { get; private set; }

    /// <summary>The error carried by the first event, if it is one.</summary>
    public (string? Code, string Message)? FirstEventError(SseEvent first)
    {
        if (upstream == ApiProtocol.Responses)
        {
            var node = Parse(first.Data);
            var type = first.EventType ?? Text(node?["type"]);
            if (type == "response.created")
            {
                ResponseId = Text(node?["response"]?["id"]);
            }

            if (type is "error" or "response.failed")
            {
                var error = type == "error" ? node : node?["response"]?["error"];
                return (Text(error?["code"]), Text(error?["message"]) ?? "upstream stream failed");
            }

            return null;
        }

        if (!first.Data.Contains("\"error\"", StringComparison.Ordinal))
        {
            return null;
        }

        return Parse(first.Data)?["error"] switch
        {
            JsonObject chatError => (Text(chatError["code"]) ?? Text(chatError["type"]), Text(chatError["message"]) ?? "upstream stream failed"),
            JsonValue text => (null, Text(text) ?? "upstream stream failed"),
            _ => null,
        };
    }

    /// <summary>Records what the event says and returns the event to forward, or null to drop it.</summary>
    public SseEvent? Observe(SseEvent sse)
    {
        if (sse.IsDone)
        {
            SawDone = true;
            return sse;
        }

        if (upstream == ApiProtocol.Responses)
        {
            var type = sse.EventType;
            if (type is "response.completed" or "response.incomplete"
                || (type is null && (sse.Data.Contains("\"response.completed\"", StringComparison.Ordinal) || sse.Data.Contains("\"response.incomplete\"", StringComparison.Ordinal))))
            {
                var response = Parse(sse.Data)?["response"];
                Usage = TokenUsage.From(response?["usage"]) ?? Usage;
                ResponseId ??= Text(response?["id"]);
            }

            return sse;
        }

        if (!sse.Data.Contains("\"usage\":{", StringComparison.Ordinal) && !sse.Data.Contains("\"usage\": {", StringComparison.Ordinal))
        {
            return sse;
        }

        var chunk = Parse(sse.Data);
        if (chunk?["usage"] is not JsonObject usage)
        {
            return sse;
        }

        Usage = TokenUsage.From(usage);
        if (!dropUsageChunks)
        {
            return sse;
        }

        // The client did not ask for usage: drop the usage-only chunk, strip usage from a chunk that carries more.
        if (chunk["choices"] is not JsonArray { Count: > 0 })
        {
            return null;
        }

        chunk.Remove("usage");
        return sse with { Data = chunk.ToJsonString() };
    }

    private static JsonObject? Parse(string data)
    {
        try
        {
            return JsonNode.Parse(data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
}
