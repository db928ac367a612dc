namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Responses answers: <c>response.created</c> / <c>in_progress</c> / <c>queued</c>, an output item or content part added
/// without text, and an empty delta are handshake; <c>response.completed</c> / <c>incomplete</c> end it; <c>response.failed</c>
/// and <c>error</c> are failures, as is a body with <c>status: "failed"</c> or an <c>error</c> object.
/// </summary>
internal sealed class ResponsesAnswerPolicy : TypedEventAnswerPolicy
{
    public static ResponsesAnswerPolicy Instance { get; } = new();

    /// <summary>
    /// Told by the event's type (and a delta's text), read without a tree; only the events whose verdict lies deeper (an
    /// added item or part, a failure) are parsed.
    /// </summary>
    public override StreamEventVerdict Classify(SseEvent sse) => ResponsesEventHead.Read(sse) is not { } head
        ? AnswerPolicies.NotAnObject(sse)
        : head.Type switch
        {
            "response.created" or "response.in_progress" or "response.queued" => StreamEventVerdict.Handshake,
            "response.completed" or "response.incomplete" => StreamEventVerdict.TerminalSuccess,
            "response.output_item.added" or "response.content_part.added" or "response.reasoning_summary_part.added" or "response.failed" or "error" =>
                base.Classify(sse),
            { } other when other.EndsWith(".delta", StringComparison.Ordinal) && head.HasEmptyDelta => StreamEventVerdict.Handshake,
            _ => StreamEventVerdict.Content,
        };

    protected override StreamEventVerdict Classify(JsonObject json, string? type) => type switch
    {
        "response.output_item.added" => IsEmptyItem(json["item"].Obj()) ? StreamEventVerdict.Handshake : StreamEventVerdict.Content,
        "response.content_part.added" or "response.reasoning_summary_part.added" =>
            IsEmptyPart(json["part"].Obj()) ? StreamEventVerdict.Handshake : StreamEventVerdict.Content,
        "response.failed" => StreamEventVerdict.Failure(UpstreamError.From(json["response"]?["error"].Obj())),
        "error" => StreamEventVerdict.Failure(UpstreamError.FromErrorEvent(json)),
        _ => StreamEventVerdict.Content,
    };

    public override UpstreamError? FailureIn(JsonElement body)
    {
        var error = body.TryGetProperty("error", out var member) && member.ValueKind == JsonValueKind.Object ? member : (JsonElement?)null;
        var failed = body.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.ValueEquals("failed");
        return error is { } reported ? UpstreamError.FromElement(reported) : failed ? UpstreamError.From(null) : null;
    }

    // A message or reasoning item announced before its text; any other item (a function or custom tool call) is content.
    private static bool IsEmptyItem(JsonObject? item) => item?["type"].Str() switch
    {
        "message" => item["content"] is null or JsonArray { Count: 0 },
        "reasoning" => (item["summary"] is null or JsonArray { Count: 0 }) && (item["content"] is null or JsonArray { Count: 0 }),
        _ => false,
    };

    private static bool IsEmptyPart(JsonObject? part) =>
        part is null || (string.IsNullOrEmpty(part["text"].Str()) && string.IsNullOrEmpty(part["refusal"].Str()));
}
