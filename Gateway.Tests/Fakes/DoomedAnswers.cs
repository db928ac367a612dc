namespace Gateway.Tests.Fakes;

/// <summary>
/// Upstream stream events for answers that begin like a success and then fail (SPEC 4.6). Every id and text in them
/// carries <see cref="Marker"/>, so a test can assert that not one byte of a failed attempt reached the client.
/// </summary>
public static class DoomedAnswers
{
    public const string Marker = "doomed";
    public const string ResponseId = "resp_doomed";

    /// <summary>Responses handshake: <c>response.created</c>, <c>response.in_progress</c>, an empty message item and an empty text part.</summary>
    public static IEnumerable<SseStep> ResponsesHandshake() =>
    [
        ResponsesEvent("response.created", 0, new { response = Response("in_progress") }),
        ResponsesEvent("response.in_progress", 1, new { response = Response("in_progress") }),
        ResponsesEvent("response.output_item.added", 2, new { output_index = 0, item = new { id = "msg_doomed", type = "message", status = "in_progress", role = "assistant", content = Array.Empty<object>() } }),
        ResponsesEvent("response.content_part.added", 3, new { item_id = "msg_doomed", output_index = 0, content_index = 0, part = new { type = "output_text", text = "", annotations = Array.Empty<object>() } }),
    ];

    public static SseStep ResponsesDelta(int sequence, string text) =>
        ResponsesEvent("response.output_text.delta", sequence, new { item_id = "msg_doomed", output_index = 0, content_index = 0, delta = text, logprobs = Array.Empty<object>() });

    /// <summary><c>response.failed</c> whose <c>response.error</c> holds <paramref name="code"/> and <paramref name="message"/>.</summary>
    public static SseStep ResponsesFailed(int sequence, string code, string message) =>
        ResponsesEvent("response.failed", sequence, new { response = Response("failed", new { code, message }) });

    /// <summary>A Responses <c>error</c> event.</summary>
    public static SseStep ResponsesError(int sequence, string code, string message) =>
        ResponsesEvent("error", sequence, new { code, message, param = (string?)null });

    /// <summary>A Chat chunk whose delta holds only the role and empty content.</summary>
    public static SseStep ChatRole() => SseStep.Data(ChatChunk(new { role = "assistant", content = "" }));

    public static SseStep ChatText(string text) => SseStep.Data(ChatChunk(new { content = text }));

    /// <summary>A Chat chunk holding an <c>error</c> object.</summary>
    public static SseStep ChatError(string message, string type, string? code) =>
        SseStep.Data(JsonSerializer.Serialize(new { error = new { message, type, code } }));

    public static UpstreamReply Stream(params IEnumerable<SseStep>[] parts) => new() { Events = [.. parts.SelectMany(p => p)] };

    private static SseStep ResponsesEvent(string type, int sequence, object body)
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(body))!.AsObject();
        json["type"] = type;
        json["sequence_number"] = sequence;
        return SseStep.Event(type, json.ToJsonString());
    }

    private static object Response(string status, object? error = null) =>
        new { id = ResponseId, @object = "response", created_at = 1_700_000_000, status, model = "gpt-4o", output = Array.Empty<object>(), error };

    private static string ChatChunk(object delta) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-doomed",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = "gpt-4o",
        choices = new[] { new { index = 0, delta, finish_reason = (string?)null } },
    });
}
