namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Anthropic Messages answers: <c>message_start</c>, <c>ping</c>, a content block started or continued without text
/// (an empty text or thinking block) and a block stop are handshake; a tool-use or redacted-thinking block, any non-empty
/// delta and <c>message_delta</c> (stop reason, usage) are content; <c>message_stop</c> ends it; an <c>error</c> event (an
/// <c>overloaded_error</c> mid-handshake) or a body of type <c>error</c> is a failure.
/// </summary>
internal sealed class MessagesAnswerPolicy : TypedEventAnswerPolicy
{
    public static MessagesAnswerPolicy Instance { get; } = new();

    protected override StreamEventVerdict Classify(JsonObject json, string? type) => type switch
    {
        MessagesEvents.MessageStart or MessagesEvents.Ping or MessagesEvents.ContentBlockStop => StreamEventVerdict.Handshake,
        MessagesEvents.ContentBlockStart => IsEmpty(json["content_block"].Obj()) ? StreamEventVerdict.Handshake : StreamEventVerdict.Content,
        MessagesEvents.ContentBlockDelta => IsEmpty(json["delta"].Obj()) ? StreamEventVerdict.Handshake : StreamEventVerdict.Content,
        MessagesEvents.MessageStop => StreamEventVerdict.TerminalSuccess,
        MessagesEvents.Error => StreamEventVerdict.Failure(UpstreamError.FromNode(json["error"])),
        _ => StreamEventVerdict.Content,
    };

    public override UpstreamError? FailureIn(JsonElement body) => UpstreamError.InErrorMember(body);

    // A text or thinking block (or delta) whose text is still empty; a tool call or redacted thinking carries content at once.
    private static bool IsEmpty(JsonObject? block) => block?["type"].Str() switch
    {
        "text" or "text_delta" => string.IsNullOrEmpty(block["text"].Str()),
        "thinking" => string.IsNullOrEmpty(block["thinking"].Str()) && string.IsNullOrEmpty(block["signature"].Str()),
        "thinking_delta" => string.IsNullOrEmpty(block["thinking"].Str()),
        "signature_delta" => string.IsNullOrEmpty(block["signature"].Str()),
        "input_json_delta" => string.IsNullOrEmpty(block["partial_json"].Str()),
        _ => block is null,
    };
}
