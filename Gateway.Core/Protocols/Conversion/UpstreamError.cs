namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// An error an upstream reported inside its answer (a stream event, a chunk, a 200 body), in any protocol's form: what
/// the failure rules classify (SPEC 4.6) and the converters re-emit in the client's protocol.
/// </summary>
/// <param name="ResetsInSeconds">Codex-style <c>resets_in_seconds</c>: when the limit named by the error lifts.</param>
/// <param name="ResetsAt">Codex-style <c>resets_at</c>, Unix seconds.</param>
internal sealed record UpstreamError(string Message, string Type, string? Code, double? ResetsInSeconds = null, long? ResetsAt = null)
{
    private const string DefaultMessage = "The upstream reported an error.";

    /// <summary>The stream stopped without its protocol's terminal event.</summary>
    public static UpstreamError Truncated { get; } = new("The upstream stream ended before the answer was complete.", "server_error", "upstream_stream_truncated");

    /// <summary>Reads an error object: a Chat error chunk's <c>error</c>, <c>response.failed</c>'s <c>response.error</c>, an Anthropic <c>error</c>.</summary>
    public static UpstreamError From(JsonObject? error) => new(
        error?["message"].Str() ?? DefaultMessage,
        error?["type"].Str() ?? "server_error",
        error?["code"].Str(),
        error?["resets_in_seconds"] is JsonValue seconds && seconds.TryGetValue<double>(out var inSeconds) ? inSeconds : null,
        error?["resets_at"].Long());

    /// <summary>Reads an <c>error</c> member that is an object or, from some providers, a bare message string.</summary>
    public static UpstreamError FromNode(JsonNode? error) =>
        error.Str() is { } message ? new UpstreamError(message, "server_error", null) : From(error.Obj());

    /// <summary>Reads an <c>error</c> member of a body or a stream event (only failures get here, so parsing it again is cheap).</summary>
    public static UpstreamError FromElement(JsonElement error) => FromNode(JsonNode.Parse(error.GetRawText()));

    /// <summary>The failure reported by a body's <c>error</c> member (an object, or a bare message); null when it has none.</summary>
    public static UpstreamError? InErrorMember(JsonElement body) =>
        body.TryGetProperty("error", out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String ? FromElement(error) : null;

    /// <summary>Reads a Responses <c>error</c> event, whose own <c>type</c> is the event name, not an error type.</summary>
    public static UpstreamError FromErrorEvent(JsonObject errorEvent) =>
        errorEvent["error"] is JsonObject nested
            ? From(nested)
            : new UpstreamError(errorEvent["message"].Str() ?? DefaultMessage, "server_error", errorEvent["code"].Str());

    /// <summary>The Chat Completions stream error payload.</summary>
    public JsonObject ToChat() => new()
    {
        ["error"] = new JsonObject { ["message"] = Message, ["type"] = Type, ["param"] = null, ["code"] = Code },
    };
}
