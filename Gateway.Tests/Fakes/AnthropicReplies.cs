namespace Gateway.Tests.Fakes;

/// <summary>Scripted answers of an Anthropic Messages upstream, in the shapes Anthropic's API sends.</summary>
public static class AnthropicReplies
{
    public const string MessagesPath = "/v1/messages";
    public const string CountTokensPath = "/v1/messages/count_tokens";

    /// <summary>A complete <c>message</c> holding <paramref name="content"/> blocks, with cache usage.</summary>
    public static UpstreamReply Message(string stopReason, params object[] content) => UpstreamReply.Json(JsonSerializer.Serialize(new
    {
        id = "msg_upstream",
        type = "message",
        role = "assistant",
        model = "claude-sonnet-4-5",
        content,
        stop_reason = stopReason,
        stop_sequence = (string?)null,
        usage = new { input_tokens = 20, output_tokens = 12, cache_creation_input_tokens = 5, cache_read_input_tokens = 10 },
    }));

    public static object Text(string text) => new { type = "text", text };

    public static object ToolUse(string id, string name, object input) => new { type = "tool_use", id, name, input };

    /// <summary>The stream Anthropic sends for one text answer: start, ping, one text block in pieces, delta with usage, stop.</summary>
    public static UpstreamReply TextStream(params string[] pieces) => new() { Events = [.. TextStreamEvents(pieces)] };

    public static IEnumerable<SseStep> TextStreamEvents(string[] pieces, string stopReason = "end_turn") =>
    [
        .. Handshake(),
        Event("content_block_start", new { index = 0, content_block = new { type = "text", text = "" } }),
        .. pieces.Select(p => Event("content_block_delta", new { index = 0, delta = new { type = "text_delta", text = p } })),
        Event("content_block_stop", new { index = 0 }),
        Event("message_delta", new { delta = new { stop_reason = stopReason, stop_sequence = (string?)null }, usage = new { output_tokens = 7 } }),
        Event("message_stop", new { }),
    ];

    /// <summary><c>message_start</c> (input usage with cache reads) and a <c>ping</c>: what comes before any content.</summary>
    public static IEnumerable<SseStep> Handshake() =>
    [
        Event("message_start", new
        {
            message = new
            {
                id = "msg_upstream",
                type = "message",
                role = "assistant",
                model = "claude-sonnet-4-5",
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = 20, output_tokens = 1, cache_creation_input_tokens = 5, cache_read_input_tokens = 10 },
            },
        }),
        Event("ping", new { }),
    ];

    /// <summary>An <c>error</c> event, e.g. <c>overloaded_error</c> in the middle of the handshake.</summary>
    public static SseStep ErrorEvent(string type, string message) => Event("error", new { error = new { type, message } });

    /// <summary>An HTTP error in Anthropic's shape, with optional headers such as <c>retry-after</c>.</summary>
    public static UpstreamReply Error(int status, string type, string message, params (string Name, string Value)[] headers) =>
        UpstreamReply.Json(JsonSerializer.Serialize(new { type = "error", error = new { type, message } }), status) with
        {
            Headers = headers.ToDictionary(h => h.Name, h => h.Value),
        };

    public static SseStep Event(string type, object body)
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(body))!.AsObject();
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in json.ToList())
        {
            json.Remove(key);
            payload[key] = value;
        }

        return SseStep.Event(type, payload.ToJsonString());
    }
}
