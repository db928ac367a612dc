namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Converts a Chat Completions chunk stream into Anthropic Messages events as each chunk arrives, in the order the SDKs'
/// stream accumulators expect: <c>message_start</c> and a <c>ping</c>; then per content block <c>content_block_start</c> →
/// deltas (<c>thinking_delta</c>, <c>text_delta</c>, <c>input_json_delta</c>) → <c>content_block_stop</c>, one block open at a
/// time, in arrival order (reasoning, text, each tool call); then <c>message_delta</c> with the stop reason and usage, and
/// <c>message_stop</c>. Chat sends usage after the finish reason, so <c>message_delta</c> waits for <c>[DONE]</c> or the end of
/// the stream. An upstream error chunk, or a stream cut before any finish reason, becomes an <c>error</c> event. When asked,
/// a reasoning detail closes the thinking streamed before it with its signature (<c>signature_delta</c>, then
/// <c>content_block_stop</c>), or is a <c>redacted_thinking</c> block of its own; reasoning after it is a new thinking block.
/// </summary>
/// <param name="reasoningDetails">
/// Read the chunks' <see cref="ReasoningDetails"/>, which the gateway wrote one conversion step before (a Responses
/// upstream's encrypted reasoning); a Chat upstream's own are not the gateway's to sign.
/// </param>
internal sealed class ChatStreamToMessages(string clientModel, StopSequences? stop, bool reasoningDetails) : ChatChunkStreamConverter
{
    private const string Thinking = "thinking";
    private const string RedactedThinking = "redacted_thinking";
    private const string Text = "text";
    private const string ToolUse = "tool_use";

    private readonly Dictionary<int, int> _toolBlocks = [];
    private int _blockCount;
    private string? _openBlock;
    private bool _started;

    protected override void EnsureStarted(JsonObject? chunk, List<SseEvent> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;

        // The upstream's id under the Messages prefix; one of its own only when the upstream sent none.
        // Chat reports the prompt's tokens only at the end: message_delta carries them.
        var message = MessageEnvelope.Build(MessageEnvelope.IdFor(chunk?["id"].Str()), clientModel, [], null, null, MessagesUsage.FromChat(null));
        output.Add(MessagesEvents.Create(MessagesEvents.MessageStart, new JsonObject { ["message"] = message }));
        output.Add(MessagesEvents.Create(MessagesEvents.Ping));
    }

    protected override void AppendReasoningDetail(JsonObject detail, List<SseEvent> output)
    {
        if (!reasoningDetails || ReasoningDetails.ToThinking(detail) is not { } block)
        {
            return;
        }

        if (block["type"].Str() == RedactedThinking)
        {
            OpenBlock(RedactedThinking, block, output);
        }
        else
        {
            if (_openBlock != Thinking)
            {
                OpenBlock(Thinking, MessageEnvelope.Thinking(""), output);
            }

            Delta(_blockCount - 1, new JsonObject { ["type"] = "signature_delta", ["signature"] = block["signature"].Str() }, output);
        }

        CloseBlock(output);
    }

    protected override void AppendReasoning(string text, List<SseEvent> output) =>
        AppendDelta(Thinking, MessageEnvelope.Thinking(""), new JsonObject { ["type"] = "thinking_delta", ["thinking"] = text }, output);

    protected override void AppendText(string text, List<SseEvent> output) => AppendTextDelta(stop is null ? text : stop.Push(text), output);

    /// <summary>Anthropic has no refusal block: a refusal is text.</summary>
    protected override void AppendRefusal(string text, List<SseEvent> output) => AppendTextDelta(text, output);

    private void AppendTextDelta(string? text, List<SseEvent> output)
    {
        if (!string.IsNullOrEmpty(text))
        {
            AppendDelta(Text, MessageEnvelope.Text(""), new JsonObject { ["type"] = "text_delta", ["text"] = text }, output);
        }
    }

    /// <summary>A delta to the open block of <paramref name="kind"/>, opening it (and closing another) first.</summary>
    private void AppendDelta(string kind, JsonObject emptyBlock, JsonObject delta, List<SseEvent> output)
    {
        if (_openBlock != kind)
        {
            OpenBlock(kind, emptyBlock, output);
        }

        Delta(_blockCount - 1, delta, output);
    }

    protected override void AppendToolCall(JsonObject call, List<SseEvent> output)
    {
        var chatIndex = (int)(call["index"].Long() ?? 0);
        var function = call["function"].Obj();
        if (!_toolBlocks.TryGetValue(chatIndex, out var block))
        {
            OpenBlock(ToolUse, MessageEnvelope.ToolUse(call["id"].Str(), function?["name"].Str(), []), output);
            block = _blockCount - 1;
            _toolBlocks[chatIndex] = block;
        }

        // A provider that interleaves parallel calls still gets each piece to its own block, named by index.
        if (function?["arguments"].Str() is { Length: > 0 } arguments)
        {
            Delta(block, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = arguments }, output);
        }
    }

    private void OpenBlock(string kind, JsonObject block, List<SseEvent> output)
    {
        CloseBlock(output);
        output.Add(MessagesEvents.Create(MessagesEvents.ContentBlockStart, new JsonObject { ["index"] = _blockCount, ["content_block"] = block }));
        _blockCount++;
        _openBlock = kind;
    }

    private void CloseBlock(List<SseEvent> output)
    {
        if (_openBlock is not null)
        {
            output.Add(MessagesEvents.Create(MessagesEvents.ContentBlockStop, new JsonObject { ["index"] = _blockCount - 1 }));
            _openBlock = null;
        }
    }

    private static void Delta(int index, JsonObject delta, List<SseEvent> output) =>
        output.Add(MessagesEvents.Create(MessagesEvents.ContentBlockDelta, new JsonObject { ["index"] = index, ["delta"] = delta }));

    protected override void Finish(List<SseEvent> output)
    {
        EnsureStarted(null, output);
        AppendTextDelta(stop?.Flush(), output);
        CloseBlock(output);
        var stopReason = stop?.Matched is not null ? StopReasons.StopSequence : StopReasons.ToMessages(FinishReason, _toolBlocks.Count > 0);
        output.Add(MessagesEvents.Create(MessagesEvents.MessageDelta, new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = stop?.Matched },
            ["usage"] = MessagesUsage.FromChat(Usage),
        }));
        output.Add(MessagesEvents.Stop);
    }

    protected override void Fail(UpstreamError error, List<SseEvent> output)
    {
        output.Add(MessagesEvents.ErrorEvent(AnthropicErrors.For(error), error.Message));
    }
}
