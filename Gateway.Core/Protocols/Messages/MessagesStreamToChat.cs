namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Converts an Anthropic Messages event stream into Chat Completions chunks as each event arrives: the role in the first
/// chunk (on <c>message_start</c>), <c>text_delta</c> → content, <c>thinking_delta</c> → <c>reasoning_content</c>, each
/// <c>tool_use</c> block → a tool call numbered in block order with its <c>input_json_delta</c>s as argument pieces (the
/// block's start input, <c>{}</c> when empty, if none comes; a call of one of the request's custom tools → a custom call
/// with the text of its input, decoded piece by piece), the stop reason of <c>message_delta</c> → the finish reason, then
/// a usage chunk when the client asked for one (usage gathered from <c>message_start</c> and <c>message_delta</c>), then
/// <c>[DONE]</c> on <c>message_stop</c>. An <c>error</c> event becomes a Chat error chunk; a stream cut before
/// <c>message_stop</c> ends with one. Signatures and redacted thinking, which no Chat client can send back usefully, are
/// dropped, or kept for a client of another protocol: each signed thinking or redacted thinking block, when it stops, as
/// one <see cref="ReasoningDetails"/> delta that closes its streamed text.
/// </summary>
/// <param name="customTools">The names of the request's custom tools (<see cref="CustomTools"/>).</param>
/// <param name="reasoningDetails">Keep signed and redacted thinking as <see cref="ReasoningDetails"/>, for a client of another protocol than Chat.</param>
internal sealed class MessagesStreamToChat(string clientModel, bool includeUsage, IReadOnlySet<string> customTools, bool reasoningDetails, TimeProvider time) : IStreamConverter
{
    private readonly ChatChunks _chunks = new(clientModel, time);
    private readonly Dictionary<long, int> _toolByBlock = [];
    private readonly Dictionary<long, CustomToolInputStream> _customInputByBlock = [];

    // Function calls that have not streamed an argument yet, with the input their block started with.
    private readonly Dictionary<long, JsonObject?> _startInputByBlock = [];

    // Thinking and redacted thinking blocks, without their text, their signature gathered from its deltas.
    private readonly Dictionary<long, JsonObject> _thinkingByBlock = [];
    private readonly JsonObject _usage = [];
    private bool _finishSent;
    private bool _finished;

    public void Convert(SseEvent upstream, List<SseEvent> output)
    {
        if (_finished || JsonNodes.ParseObject(upstream.Utf8) is not { } json)
        {
            return;
        }

        switch (json["type"].Str() ?? upstream.EventType)
        {
            case MessagesEvents.MessageStart:
                var message = json["message"].Obj();
                _chunks.Id = ConversionIds.Rebase(message?["id"].Str(), "msg_", "chatcmpl-");
                MessagesUsage.Merge(_usage, message?["usage"].Obj());
                _chunks.Role(output);
                break;
            case MessagesEvents.ContentBlockStart:
                StartBlock(json["index"].Long() ?? 0, json["content_block"].Obj(), output);
                break;
            case MessagesEvents.ContentBlockDelta:
                Delta(json["index"].Long() ?? 0, json["delta"].Obj(), output);
                break;
            case MessagesEvents.ContentBlockStop:
                StopBlock(json["index"].Long() ?? 0, output);
                break;
            case MessagesEvents.MessageDelta:
                MessagesUsage.Merge(_usage, json["usage"].Obj());
                if (json["delta"].Obj()?["stop_reason"].Str() is { } stopReason)
                {
                    Finish(StopReasons.ToChat(stopReason), output);
                }

                break;
            case MessagesEvents.MessageStop:
                End(output);
                break;
            case MessagesEvents.Error:
                Fail(UpstreamError.FromNode(json["error"]), output);
                break;
        }
    }

    // An answer whose stop reason came is whole without its message_stop, as an unconverted stream is.
    public void Complete(List<SseEvent> output)
    {
        if (_finished)
        {
            return;
        }

        if (_finishSent)
        {
            End(output);
        }
        else
        {
            Fail(UpstreamError.Truncated, output);
        }
    }

    private void End(List<SseEvent> output)
    {
        Finish(FinishReasons.Stop, output);
        if (includeUsage && MessagesUsage.ToChat(_usage) is { } usage)
        {
            _chunks.Usage(output, usage);
        }

        output.Add(SseEvent.Done);
        _finished = true;
    }

    private void StartBlock(long index, JsonObject? block, List<SseEvent> output)
    {
        switch (block?["type"].Str())
        {
            case "tool_use":
                var toolIndex = _toolByBlock.Count;
                _toolByBlock[index] = toolIndex;
                var custom = customTools.Contains(block["name"].Str() ?? "");
                if (custom)
                {
                    _customInputByBlock[index] = new CustomToolInputStream();
                }
                else
                {
                    _startInputByBlock[index] = block["input"].Obj();
                }

                _chunks.Role(output);
                _chunks.ToolCall(output, toolIndex, block["id"].Str(), block["name"].Str(), custom);
                break;
            case "thinking" when reasoningDetails:
                _thinkingByBlock[index] = new JsonObject { ["type"] = "thinking", ["signature"] = block["signature"].Str() ?? "" };
                Text(block, output);
                break;
            case "redacted_thinking" when reasoningDetails:
                _thinkingByBlock[index] = block;
                break;
            default:
                Text(block, output);
                break;
        }
    }

    private void Delta(long index, JsonObject? delta, List<SseEvent> output)
    {
        switch (delta?["type"].Str())
        {
            case "input_json_delta" when _toolByBlock.TryGetValue(index, out var toolIndex) && delta["partial_json"].Str() is { Length: > 0 } arguments:
                if (_customInputByBlock.TryGetValue(index, out var input))
                {
                    CustomInput(output, toolIndex, input.Append(arguments));
                }
                else
                {
                    _startInputByBlock.Remove(index);
                    _chunks.Arguments(output, toolIndex, arguments);
                }

                break;
            case "signature_delta" when _thinkingByBlock.TryGetValue(index, out var thinking):
                thinking["signature"] = thinking["signature"].Str() + delta["signature"].Str();
                break;
            default:
                Text(delta, output);
                break;
        }
    }

    // A custom call's input of another shape than Anthropic was asked for comes whole when its block ends. A function call
    // that streamed no argument (a tool without parameters) gets the input its block started with, "{}" when empty: its
    // arguments must be JSON. Signed or redacted thinking ends with its detail, after its text.
    private void StopBlock(long index, List<SseEvent> output)
    {
        if (_thinkingByBlock.Remove(index, out var thinking) && ReasoningDetails.FromThinking(thinking) is { } detail)
        {
            _chunks.ReasoningDetail(output, detail);
        }
        else if (_customInputByBlock.Remove(index, out var input))
        {
            CustomInput(output, _toolByBlock[index], input.Finish());
        }
        else if (_startInputByBlock.Remove(index, out var startInput))
        {
            _chunks.Arguments(output, _toolByBlock[index], startInput?.Compact() ?? "{}");
        }
    }

    private void CustomInput(List<SseEvent> output, int toolIndex, string text)
    {
        if (text.Length > 0)
        {
            _chunks.Arguments(output, toolIndex, text, custom: true);
        }
    }

    // A text or thinking block carries its first text when it starts, and the rest in its deltas, under the same member.
    private void Text(JsonObject? part, List<SseEvent> output)
    {
        switch (part?["type"].Str())
        {
            case "text" or "text_delta":
                _chunks.Text(output, "content"u8, part["text"].Str());
                break;
            case "thinking" or "thinking_delta":
                _chunks.Text(output, "reasoning_content"u8, part["thinking"].Str());
                break;
        }
    }

    private void Finish(string finishReason, List<SseEvent> output)
    {
        if (!_finishSent)
        {
            _finishSent = true;
            _chunks.Finish(output, finishReason);
        }
    }

    private void Fail(UpstreamError error, List<SseEvent> output)
    {
        ChatChunks.Error(output, error);
        _finished = true;
    }
}
