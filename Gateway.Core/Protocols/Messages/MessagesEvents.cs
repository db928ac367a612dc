namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// The events of an Anthropic Messages stream. Each is sent with its name as the SSE <c>event:</c> (the official SDKs read
/// the name, not the payload) and again as the payload's <c>type</c>.
/// </summary>
internal static class MessagesEvents
{
    public const string MessageStart = "message_start";
    public const string ContentBlockStart = "content_block_start";
    public const string ContentBlockDelta = "content_block_delta";
    public const string ContentBlockStop = "content_block_stop";
    public const string MessageDelta = "message_delta";
    public const string MessageStop = "message_stop";
    public const string Ping = "ping";
    public const string Error = "error";

    /// <summary>An event named <paramref name="type"/> whose payload is <c>type</c> followed by <paramref name="fields"/>.</summary>
    public static SseEvent Create(string type, JsonObject? fields = null)
    {
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in fields?.ToList() ?? [])
        {
            fields!.Remove(key);
            payload[key] = value;
        }

        return new SseEvent(type, payload.CompactUtf8());
    }

    public static SseEvent Stop { get; } = Create(MessageStop);

    /// <summary>The <c>error</c> event: its payload is Anthropic's error body.</summary>
    public static SseEvent ErrorEvent(string type, string message) => new(Error, AnthropicErrors.Object(type, message).Compact());
}
