namespace Gateway.Core.Forwarding;

/// <summary>The event that ends a committed stream after an upstream failure, in the client's protocol.</summary>
internal static class StreamErrorEvents
{
    public const string Code = "upstream_stream_interrupted";

    /// <param name="sequenceNumber">The next Responses sequence number (events given to the client before it).</param>
    public static SseEvent For(ApiProtocol inbound, string message, int sequenceNumber)
    {
        if (inbound == ApiProtocol.Messages)
        {
            return MessagesEvents.ErrorEvent(AnthropicErrors.Api, message);
        }

        if (inbound == ApiProtocol.Responses)
        {
            // ResponseErrorEvent: type, code, message, param, sequence_number (all required).
            var error = new JsonObject
            {
                ["type"] = "error",
                ["code"] = Code,
                ["message"] = message,
                ["param"] = null,
                ["sequence_number"] = sequenceNumber,
            };
            return new SseEvent("error", error.Compact());
        }

        var chat = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "upstream_error", ["code"] = Code },
        };
        return new SseEvent(null, chat.Compact());
    }
}
