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
    /// Told by the event's type (and a delta's text), read without a tree; the events whose verdict lies deeper are
    /// parsed, an added item or part into a read-only document, a failure into a tree.
    /// </summary>
    public override StreamEventVerdict Classify(SseEvent sse) => ResponsesEventHead.Read(sse) is not { } head
        ? AnswerPolicies.NotAnObject(sse)
        : head.Type switch
        {
            "response.created" or "response.in_progress" or "response.queued" => StreamEventVerdict.Handshake,
            "response.completed" or "response.incomplete" => StreamEventVerdict.TerminalSuccess,
            "response.output_item.added" => Added(sse, "item", IsEmptyItem),
            "response.content_part.added" or "response.reasoning_summary_part.added" => Added(sse, "part", IsEmptyPart),
            "response.failed" or "error" => base.Classify(sse),
            { } other when other.EndsWith(".delta", StringComparison.Ordinal) && head.HasEmptyDelta => StreamEventVerdict.Handshake,
            _ => StreamEventVerdict.Content,
        };

    protected override StreamEventVerdict Classify(JsonObject json, string? type) => type switch
    {
        "response.failed" => StreamEventVerdict.Failure(UpstreamError.From(json["response"].Obj()?["error"].Obj())),
        "error" => StreamEventVerdict.Failure(UpstreamError.FromErrorEvent(json)),
        _ => StreamEventVerdict.Content,
    };

    public override UpstreamError? FailureIn(JsonElement body)
    {
        return body.Obj("error") is { } reported ? UpstreamError.FromElement(reported)
            : body.StrEquals("status", "failed"u8) ? UpstreamError.From(null)
            : null;
    }

    // An item or part announced before its content is handshake.
    private static StreamEventVerdict Added(SseEvent sse, string member, Func<JsonElement?, bool> isEmpty)
    {
        using var document = JsonNodes.ParseObjectDocument(sse.Utf8Memory);
        return document is null ? AnswerPolicies.NotAnObject(sse)
            : isEmpty(document.RootElement.Obj(member)) ? StreamEventVerdict.Handshake
            : StreamEventVerdict.Content;
    }

    // A message or reasoning item announced before its text; any other item (a function or custom tool call) is content.
    private static bool IsEmptyItem(JsonElement? item) => item?.Str("type") switch
    {
        "message" => item.Value.IsEmptyArray("content"),
        "reasoning" => item.Value.IsEmptyArray("summary") && item.Value.IsEmptyArray("content"),
        _ => false,
    };

    private static bool IsEmptyPart(JsonElement? part) =>
        part is not { } members || (string.IsNullOrEmpty(members.Str("text")) && string.IsNullOrEmpty(members.Str("refusal")));
}
