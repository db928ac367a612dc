namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Converts a Chat Completions chunk stream into Responses events as each chunk arrives, numbered by
/// <c>sequence_number</c>: <c>response.created</c>, <c>response.in_progress</c>, then per output item
/// <c>output_item.added</c> → (<c>content_part.added</c> → <c>output_text.delta</c>… (or <c>refusal.delta</c>…) →
/// <c>output_text.done</c> (<c>refusal.done</c>) → <c>content_part.done</c> | <c>function_call_arguments.delta</c>… →
/// <c>function_call_arguments.done</c> | <c>custom_tool_call_input.delta</c>… → <c>custom_tool_call_input.done</c> |
/// reasoning summary events) → <c>output_item.done</c> (a reasoning item closed by a <see cref="ReasoningDetails"/> delta
/// carrying its <c>encrypted_content</c>), and finally <c>response.completed</c> (or
/// <c>response.incomplete</c>) with the full output and usage. The terminal event waits for <c>[DONE]</c> or
/// the end of the stream because the usage chunk follows the finish reason. An upstream error chunk or a
/// stream cut before any finish reason becomes an <c>error</c> event followed by <c>response.failed</c>.
/// </summary>
/// <param name="toolNames">
/// How the request named its tools to the upstream (<see cref="ChatToolNames"/>): a call streams as the call of the tool the
/// client named, and a function call of a custom tool sent as a function as the custom call, its input read out of the
/// arguments as they arrive.
/// </param>
/// <param name="completed">Told the finished response (completed or incomplete, never failed) before its terminal event is sent.</param>
/// <param name="reasoningDetails">
/// Read the chunks' <see cref="ReasoningDetails"/>, which the gateway wrote one conversion step before (an anthropic
/// account's thinking); a Chat upstream's own are not the gateway's to pass on.
/// </param>
internal sealed class ChatStreamToResponses(ResponseEnvelope envelope, ChatToolNames toolNames, Action<JsonObject>? completed = null, bool reasoningDetails = false) : ChatChunkStreamConverter
{
    private const string OutputText = "output_text";
    private const string Refusal = "refusal";

    private readonly List<JsonObject?> _outputs = [];
    private readonly SortedDictionary<int, ToolCallState> _toolCalls = [];
    private readonly List<(string Kind, StringBuilder Text)> _parts = [];
    private readonly StringBuilder _reasoning = new();
    private int _sequence;
    private bool _started;
    private int? _messageIndex;
    private string _messageId = "";
    private int? _reasoningIndex;
    private string _reasoningId = "";

    protected override void EnsureStarted(JsonObject? chunk, List<SseEvent> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        if (chunk is not null)
        {
            envelope.CreatedAt = chunk["created"].Long() ?? envelope.CreatedAt;
        }

        Emit(output, "response.created", new JsonObject { ["response"] = envelope.Build("in_progress", []) });
        Emit(output, "response.in_progress", new JsonObject { ["response"] = envelope.Build("in_progress", []) });
    }

    /// <summary>Reasoning deltas go to the open reasoning item; reasoning after the answer or a detail closed that item opens a new one.</summary>
    protected override void AppendReasoning(string text, List<SseEvent> output)
    {
        if (_reasoningIndex is not { } index || _outputs[index] is not null)
        {
            _reasoningId = ConversionIds.New("rs_");
            _reasoning.Clear();
            index = OpenItem(output, new JsonObject { ["id"] = _reasoningId, ["type"] = "reasoning", ["summary"] = new JsonArray() });
            _reasoningIndex = index;
            Emit(output, "response.reasoning_summary_part.added", ReasoningPartEvent(index, ""));
        }

        _reasoning.Append(text);
        Emit(output, "response.reasoning_summary_text.delta", new JsonObject
        {
            ["item_id"] = _reasoningId,
            ["output_index"] = index,
            ["summary_index"] = 0,
            ["delta"] = text,
        });
    }

    /// <summary>
    /// A reasoning detail closes the open reasoning item, whose streamed text it takes, as the detail's item, its opaque
    /// reasoning in <c>encrypted_content</c>; with no item open (redacted thinking, a signature after no text) it is an item
    /// of its own, added and done at once.
    /// </summary>
    protected override void AppendReasoningDetail(JsonObject detail, List<SseEvent> output)
    {
        var open = _reasoningIndex is { } index && _outputs[index] is null;
        if (!reasoningDetails || ReasoningDetails.ToReasoningItem(detail, open ? _reasoningId : ConversionIds.New("rs_"), open ? _reasoning.ToString() : null) is not { } item)
        {
            return;
        }

        if (!open)
        {
            _reasoningId = item["id"].Str() ?? "";
            _reasoning.Clear();
            _reasoningIndex = OpenItem(output, new JsonObject { ["id"] = _reasoningId, ["type"] = "reasoning", ["summary"] = new JsonArray() });
        }

        CloseReasoning(output, item);
    }

    /// <summary>Closes the open reasoning item, as <paramref name="item"/> when a detail closes it; its summary part is done if text was streamed into it.</summary>
    private void CloseReasoning(List<SseEvent> output, JsonObject? item = null)
    {
        if (_reasoningIndex is not { } index || _outputs[index] is not null)
        {
            return;
        }

        var text = _reasoning.ToString();
        if (text.Length > 0)
        {
            Emit(output, "response.reasoning_summary_text.done", new JsonObject
            {
                ["item_id"] = _reasoningId,
                ["output_index"] = index,
                ["summary_index"] = 0,
                ["text"] = text,
            });
            Emit(output, "response.reasoning_summary_part.done", ReasoningPartEvent(index, text));
        }

        CloseItem(output, index, item ?? ChatAnswerToResponses.ReasoningItem(_reasoningId, text));
    }

    private JsonObject ReasoningPartEvent(int index, string text) => new()
    {
        ["item_id"] = _reasoningId,
        ["output_index"] = index,
        ["summary_index"] = 0,
        ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = text },
    };

    protected override void AppendText(string text, List<SseEvent> output) => AppendContent(OutputText, text, output);

    protected override void AppendRefusal(string text, List<SseEvent> output) => AppendContent(Refusal, text, output);

    /// <summary>
    /// Text and refusal deltas go to their own content part of the open message item; text after a tool call closed that
    /// item opens a new one.
    /// </summary>
    private void AppendContent(string kind, string text, List<SseEvent> output)
    {
        if (_messageIndex is not { } index || _outputs[index] is not null)
        {
            CloseReasoning(output);
            _messageId = ConversionIds.New("msg_");
            _parts.Clear();
            index = OpenItem(output, ResponseEnvelope.MessageItem(_messageId, "in_progress", []));
            _messageIndex = index;
        }

        var contentIndex = _parts.FindIndex(p => p.Kind == kind);
        if (contentIndex < 0)
        {
            contentIndex = _parts.Count;
            _parts.Add((kind, new StringBuilder()));
            var added = PartEvent(index, contentIndex);
            added["part"] = Part(kind, "");
            Emit(output, "response.content_part.added", added);
        }

        _parts[contentIndex].Text.Append(text);
        var delta = PartEvent(index, contentIndex);
        delta["delta"] = text;
        if (kind == OutputText)
        {
            delta["logprobs"] = new JsonArray();
        }

        Emit(output, kind == OutputText ? "response.output_text.delta" : "response.refusal.delta", delta);
    }

    private void CloseMessage(List<SseEvent> output)
    {
        if (_messageIndex is not { } index || _outputs[index] is not null)
        {
            return;
        }

        var content = new JsonArray();
        for (var contentIndex = 0; contentIndex < _parts.Count; contentIndex++)
        {
            var (kind, builder) = _parts[contentIndex];
            var text = builder.ToString();
            var done = PartEvent(index, contentIndex);
            if (kind == OutputText)
            {
                done["text"] = text;
                done["logprobs"] = new JsonArray();
                Emit(output, "response.output_text.done", done);
            }
            else
            {
                done["refusal"] = text;
                Emit(output, "response.refusal.done", done);
            }

            var partDone = PartEvent(index, contentIndex);
            partDone["part"] = Part(kind, text);
            Emit(output, "response.content_part.done", partDone);
            content.Add(Part(kind, text));
        }

        CloseItem(output, index, ResponseEnvelope.MessageItem(_messageId, "completed", content));
    }

    private JsonObject PartEvent(int index, int contentIndex) =>
        new() { ["item_id"] = _messageId, ["output_index"] = index, ["content_index"] = contentIndex };

    private static JsonObject Part(string kind, string text) =>
        kind == OutputText ? ResponseEnvelope.OutputText(text) : ResponseEnvelope.Refusal(text);

    /// <summary>A function call streams JSON arguments; a custom (freeform) call streams its input text under <c>custom</c>.</summary>
    protected override void AppendToolCall(JsonObject call, List<SseEvent> output)
    {
        var chatIndex = (int)(call["index"].Long() ?? 0);
        var definition = (call["custom"] ?? call["function"]).Obj();
        if (!_toolCalls.TryGetValue(chatIndex, out var state))
        {
            CloseReasoning(output);
            CloseMessage(output);
            var chatName = definition?["name"].Str();
            var decoder = call["custom"] is null && toolNames.IsCustomAsFunction(chatName) ? new CustomToolInputStream() : null;
            var custom = call["type"].Str() == "custom" || call["custom"] is JsonObject || decoder is not null;
            var toolSearch = !custom && toolNames.IsToolSearch(chatName);
            var (ns, name) = toolNames.ClientName(chatName);
            var itemId = ConversionIds.New(toolSearch ? "tsc_" : custom ? "ctc_" : "fc_");
            state = new ToolCallState(_outputs.Count, itemId, call["id"].Str() ?? ConversionIds.New("call_"), ns, name, custom, decoder, toolSearch);
            _toolCalls[chatIndex] = state;
            OpenItem(output, state.Item("in_progress"));
        }

        if ((definition?["input"] ?? definition?["arguments"]).Str() is { Length: > 0 } piece)
        {
            AppendToolText(state, state.Decoder?.Append(piece) ?? piece, output);
        }
    }

    private void AppendToolText(ToolCallState state, string text, List<SseEvent> output)
    {
        if (text.Length == 0)
        {
            return;
        }

        state.Text.Append(text);
        if (state.ToolSearch)
        {
            // A tool search call has no delta events: its item comes whole when it is done.
            return;
        }

        Emit(output, state.Custom ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta", new JsonObject
        {
            ["item_id"] = state.ItemId,
            ["output_index"] = state.OutputIndex,
            ["delta"] = text,
        });
    }

    private void CloseToolCalls(List<SseEvent> output)
    {
        foreach (var state in _toolCalls.Values.OrderBy(s => s.OutputIndex))
        {
            if (state.Decoder is { } decoder)
            {
                // Arguments of another shape than {"input": text} were held back: they are the input, whole.
                AppendToolText(state, decoder.Finish(), output);
            }

            var done = new JsonObject { ["item_id"] = state.ItemId, ["output_index"] = state.OutputIndex };
            if (state.Custom)
            {
                done["input"] = state.Text.ToString();
                Emit(output, "response.custom_tool_call_input.done", done);
            }
            else if (!state.ToolSearch)
            {
                // (A tool search call has no done event of its own: output_item.done carries it whole.)
                done["name"] = state.Name;
                done["arguments"] = state.Text.ToString();
                Emit(output, "response.function_call_arguments.done", done);
            }

            CloseItem(output, state.OutputIndex, state.Item("completed"));
        }
    }

    /// <summary>A new output item, announced by <c>response.output_item.added</c>: its output index.</summary>
    private int OpenItem(List<SseEvent> output, JsonObject item)
    {
        _outputs.Add(null);
        var index = _outputs.Count - 1;
        Emit(output, "response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = item });
        return index;
    }

    private void CloseItem(List<SseEvent> output, int index, JsonObject item)
    {
        _outputs[index] = item;
        Emit(output, "response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() });
    }

    protected override void Finish(List<SseEvent> output)
    {
        EnsureStarted(null, output);
        CloseReasoning(output);
        CloseMessage(output);
        CloseToolCalls(output);
        var (status, incomplete) = FinishReasons.ToResponses(FinishReason);
        var response = envelope.Build(status, CompletedOutputs(), UsageConversion.ToResponses(Usage), incomplete);
        completed?.Invoke(response);
        Emit(output, status == "incomplete" ? "response.incomplete" : "response.completed", new JsonObject { ["response"] = response });
    }

    protected override void Fail(UpstreamError error, List<SseEvent> output)
    {
        EnsureStarted(null, output);
        Emit(output, "error", new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["param"] = null });
        var details = new JsonObject { ["code"] = error.Code ?? error.Type, ["message"] = error.Message };
        Emit(output, "response.failed", new JsonObject { ["response"] = envelope.Build("failed", CompletedOutputs(), UsageConversion.ToResponses(Usage), error: details) });
    }

    private JsonArray CompletedOutputs() => new([.. _outputs.OfType<JsonObject>().Select(o => o.DeepClone())]);

    private void Emit(List<SseEvent> output, string type, JsonObject body)
    {
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            payload[key] = value;
        }

        payload["sequence_number"] = _sequence++;
        output.Add(new SseEvent(type, payload.CompactUtf8()));
    }
}
