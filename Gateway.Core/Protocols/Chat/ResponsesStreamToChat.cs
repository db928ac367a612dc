namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Converts a Responses event stream into Chat Completions chunks as each event arrives: the role in the
/// first chunk, text / refusal / reasoning deltas (text cut at the client's stop sequences), function and custom
/// tool-call deltas numbered by call (a custom call's input streams as <c>custom.input</c>), a finish reason,
/// then a usage chunk only when the client asked for one, then <c>[DONE]</c>. Upstream <c>error</c> and
/// <c>response.failed</c> events become a Chat error chunk. When asked, a finished reasoning item's encrypted content
/// follows its text as a <c>reasoning_details</c> delta (<see cref="ReasoningDetails"/>): the text of an item sent only
/// whole goes out just before it, and the reasoning after it is a part of its own, with no blank line before it.
/// </summary>
internal sealed class ResponsesStreamToChat : IStreamConverter
{
    private readonly ChatChunks _chunks;
    private readonly bool _includeUsage;
    private readonly StopSequences? _stop;
    private readonly Dictionary<string, (int Index, bool Custom)> _toolByItem = [];
    private readonly HashSet<string> _argumentsStreamed = [];
    private readonly bool _reasoningDetails;
    private bool _finished;
    private bool _reasoningWritten;
    private bool _reasoningPartEnded;
    private bool _itemReasoningStreamed;

    /// <param name="reasoningDetails">Keep encrypted reasoning as <see cref="ReasoningDetails"/>, for a client of another protocol than Chat.</param>
    public ResponsesStreamToChat(string clientModel, bool includeUsage, StopSequences? stop, bool reasoningDetails, TimeProvider time)
    {
        _chunks = new ChatChunks(clientModel, time);
        _includeUsage = includeUsage;
        _stop = stop;
        _reasoningDetails = reasoningDetails;
    }

    public void Convert(SseEvent upstream, List<SseEvent> output)
    {
        if (_finished || upstream.IsDone)
        {
            return;
        }

        // One pass over the event's top-level members gives its type and where its delta stands: nearly every event is a
        // text delta, served from that alone. Any other event is read only up to its type; those that need more are parsed into
        // a tree (a finished item only when it is a tool call), and one that is not JSON is passed over.
        if (ResponsesEventHead.ReadUpToType(upstream) is not { } head)
        {
            return;
        }

        var type = head.Type;
        if (type == ResponsesEventHead.TextDelta)
        {
            // Without stop sequences to watch, the text goes out as the JSON string it came in.
            if (_stop is null)
            {
                _chunks.TextJson(output, "content"u8, head.DeltaJson(upstream));
            }
            else
            {
                _chunks.Text(output, "content"u8, _stop.Push(head.Delta(upstream) ?? ""));
            }

            return;
        }

        // Each case below parses it once, when it needs it.
        JsonObject? Json() => JsonNodes.ParseObject(upstream.Utf8);
        switch (type)
        {
            case "response.created" or "response.in_progress" when _chunks.RoleSent || Adopt(upstream):
                _chunks.Role(output);
                break;
            case "response.output_item.added":
                _chunks.Role(output);
                if (MayHoldToolCall(upstream) && Json()?["item"] is JsonObject { } item && IsToolCall(item))
                {
                    StartToolCall(item, output);
                }

                break;
            case "response.refusal.delta":
                _chunks.Text(output, "refusal"u8, head.Delta(upstream));
                break;
            case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta":
                AppendReasoning(head.Delta(upstream), output);
                break;
            case "response.reasoning_summary_part.done":
                _reasoningPartEnded = true;
                break;
            case "response.function_call_arguments.delta" or "response.custom_tool_call_input.delta":
                if (Json()?["item_id"].Str() is { } itemId && _toolByItem.TryGetValue(itemId, out var call))
                {
                    _argumentsStreamed.Add(itemId);
                    _chunks.Arguments(output, call.Index, head.Delta(upstream) ?? "", call.Custom);
                }

                break;
            case "response.output_item.done":
                _reasoningPartEnded = true;
                if (MayHoldToolCall(upstream) || (_reasoningDetails && MayHoldReasoning(upstream)))
                {
                    var finished = Json()?["item"].Obj();
                    FinishToolCallWithoutDeltas(finished, output);
                    FinishReasoning(finished, output);
                }

                break;
            case "response.completed" or "response.incomplete":
                // The whole answer again, of which the end of the stream needs three members: a document, not a tree.
                using (var completed = JsonNodes.ParseObjectDocument(upstream.Utf8Memory))
                {
                    if (completed is not null)
                    {
                        Finish(completed.RootElement.Obj("response"), output);
                    }
                }

                break;
            case "response.failed" when Json() is { } failed:
                Fail(UpstreamError.From(failed["response"].Obj()?["error"].Obj()), output);
                break;
            case "error" when Json() is { } error:
                Fail(UpstreamError.FromErrorEvent(error), output);
                break;
        }
    }

    public void Complete(List<SseEvent> output)
    {
        if (!_finished)
        {
            Fail(UpstreamError.Truncated, output);
        }
    }

    /// <summary>The chunks' id and creation time from the response's first event; false when its data is not JSON.</summary>
    private bool Adopt(SseEvent opening)
    {
        using var document = JsonNodes.ParseObjectDocument(opening.Utf8Memory);
        if (document?.RootElement.Obj("response") is { } response)
        {
            _chunks.Id = ConversionIds.Rebase(response.Str("id"), "resp_", "chatcmpl-");
            _chunks.Created = response.Member("created_at") is { ValueKind: JsonValueKind.Number } created && created.TryGetInt64(out var at) ? at : _chunks.Created;
        }

        return document is not null;
    }

    /// <summary>
    /// Reasoning text as <c>reasoning_content</c>; a new summary part or reasoning item begins after a blank line, as the
    /// parts of an answer's reasoning are joined (<see cref="ReasoningText"/>).
    /// </summary>
    private void AppendReasoning(string? text, List<SseEvent> output)
    {
        var any = !string.IsNullOrEmpty(text);
        _chunks.Text(output, "reasoning_content"u8, any && _reasoningWritten && _reasoningPartEnded ? "\n\n" + text : text);
        if (any)
        {
            _reasoningWritten = true;
            _reasoningPartEnded = false;
            _itemReasoningStreamed = true;
        }
    }

    /// <summary>
    /// A finished reasoning item's detail, when details are asked for, after the item's text: the detail carries no
    /// summary, since its text went out as <c>reasoning_content</c>, and an item without summary still has one.
    /// </summary>
    private void FinishReasoning(JsonObject? item, List<SseEvent> output)
    {
        if (!_reasoningDetails || item?["type"].Str() != "reasoning")
        {
            return;
        }

        if (!_itemReasoningStreamed)
        {
            AppendReasoning(ReasoningText.Of(item), output);
        }

        _itemReasoningStreamed = false;
        if (ReasoningDetails.FromReasoningItem(item) is { } detail)
        {
            detail.Remove("summary");
            _chunks.ReasoningDetail(output, detail);
            _reasoningWritten = false;
        }
    }

    private void StartToolCall(JsonObject item, List<SseEvent> output)
    {
        var itemId = ItemKey(item);
        if (_toolByItem.ContainsKey(itemId))
        {
            return;
        }

        var index = _toolByItem.Count;
        var custom = item["type"].Str() == "custom_tool_call";
        _toolByItem[itemId] = (index, custom);
        _chunks.ToolCall(output, index, item["call_id"].Str(), item["name"].Str(), custom);
    }

    /// <summary>Some upstreams send a call's arguments (or input) only in its finished item; pass them on then.</summary>
    private void FinishToolCallWithoutDeltas(JsonObject? item, List<SseEvent> output)
    {
        if (item is null || !IsToolCall(item))
        {
            return;
        }

        StartToolCall(item, output);
        var itemId = ItemKey(item);
        if (_argumentsStreamed.Add(itemId) && (item["arguments"] ?? item["input"]).Str() is { Length: > 0 } arguments)
        {
            var call = _toolByItem[itemId];
            _chunks.Arguments(output, call.Index, arguments, call.Custom);
        }
    }

    private static bool IsToolCall(JsonObject item) => item["type"].Str() is "function_call" or "custom_tool_call";

    // A finished message item holds the whole answer's text: an item whose bytes name no tool-call type is not parsed.
    private static bool MayHoldToolCall(SseEvent sse) =>
        sse.Utf8.IndexOf("\"function_call\""u8) >= 0 || sse.Utf8.IndexOf("\"custom_tool_call\""u8) >= 0;

    // Only a reasoning item's finished bytes name the reasoning type: no other finished item is parsed for it.
    private static bool MayHoldReasoning(SseEvent sse) => sse.Utf8.IndexOf("\"reasoning\""u8) >= 0;

    private static string ItemKey(JsonObject item) => item["id"].Str() ?? item["call_id"].Str() ?? "";

    private void Finish(JsonElement? response, List<SseEvent> output)
    {
        _chunks.Text(output, "content"u8, _stop?.Flush());
        var reason = _stop?.Stopped == true
            ? FinishReasons.Stop
            : FinishReasons.ToChat(response?.Str("status"), response?.Obj("incomplete_details")?.Str("reason"), _toolByItem.Count > 0);
        _chunks.Finish(output, reason);
        if (_includeUsage && response?.Obj("usage") is { } reported && UsageConversion.ToChat(JsonNode.Parse(reported.GetRawText())!.AsObject()) is { } usage)
        {
            _chunks.Usage(output, usage);
        }

        output.Add(SseEvent.Done);
        _finished = true;
    }

    private void Fail(UpstreamError error, List<SseEvent> output)
    {
        ChatChunks.Error(output, error);
        _finished = true;
    }
}
