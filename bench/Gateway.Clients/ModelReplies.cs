namespace Gateway.Clients;

/// <summary>
/// A <see cref="ModelTurn"/> written in each protocol's own shapes, whole or as the events of a stream: its reasoning
/// first when it thinks (a Chat <c>reasoning_content</c>, a Responses <c>reasoning</c> item with its summary and
/// encrypted content, an Anthropic <c>thinking</c> block with its signature), then its text or its calls, one after the
/// other, each call's arguments in two pieces as models stream them. Also a refusal's 400 body, and the failures of a flaky account: a stream that
/// opens, then fails with an overload, or an overloaded error body.
/// </summary>
internal static class ModelReplies
{
    private const string FlakyModel = "scripted-model";
    private const string FlakyMessage = "The model is overloaded (flaky account).";

    public static string Whole(Protocol protocol, ModelTurn turn) => (protocol switch
    {
        Protocol.Chat => ChatCompletion(turn),
        Protocol.Responses => Response(turn.Model, "completed", [.. ResponsesItems(turn, done: true)]),
        _ => Message(turn.Model, turn),
    }).ToJsonString();

    /// <summary>The events of a stream, each as its SSE type (null for Chat) and data.</summary>
    public static IEnumerable<(string? Type, string Data)> Stream(Protocol protocol, ModelTurn turn, bool includeUsage) => protocol switch
    {
        Protocol.Chat => ChatChunks(turn, includeUsage),
        Protocol.Responses => Numbered(ResponsesEvents(turn)),
        _ => MessagesEvents(turn),
    };

    /// <summary>The body of a 400: a refusal, or a flaky account's overload (with 529).</summary>
    public static string ErrorBody(Protocol protocol, string type, string message) => (protocol == Protocol.Messages
        ? new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }
        : Error(message, type)).ToJsonString();

    /// <summary>The overloaded error body a flaky account answers a request that does not stream with (HTTP 529).</summary>
    public static string FailingBody(Protocol protocol) => ErrorBody(protocol, protocol == Protocol.Messages ? "overloaded_error" : "server_error", FlakyMessage);

    /// <summary>The start of a stream with no content yet, then an overload: what a flaky account sends.</summary>
    public static IEnumerable<(string? Type, string Data)> FailingStream(Protocol protocol) => protocol switch
    {
        Protocol.Chat =>
        [
            (null, Chunk(FlakyModel, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString()),
            (null, Error(FlakyMessage, "server_error", "server_is_overloaded").ToJsonString()),
        ],
        Protocol.Responses => Numbered(
        [
            ("response.created", new JsonObject { ["response"] = Response(FlakyModel, "in_progress", []) }),
            ("response.in_progress", new JsonObject { ["response"] = Response(FlakyModel, "in_progress", []) }),
            ("response.failed", new JsonObject { ["response"] = Response(FlakyModel, "failed", [], new JsonObject { ["code"] = "server_is_overloaded", ["message"] = FlakyMessage }) }),
        ]),
        _ =>
        [
            Event("message_start", new JsonObject { ["message"] = Message(FlakyModel, null) }),
            Event("ping", []),
            Event("error", new JsonObject { ["error"] = new JsonObject { ["type"] = "overloaded_error", ["message"] = FlakyMessage } }),
        ],
    };

    private static JsonObject Error(string message, string type, string? code = null) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code } };

    // Chat Completions.
    private static JsonObject ChatCompletion(ModelTurn turn)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = (turn as ModelTurn.Text)?.Value };
        if (turn.Thinks)
        {
            message["reasoning_content"] = ModelTurn.Thought;
        }

        if (turn is ModelTurn.Calls calls)
        {
            message["tool_calls"] = new JsonArray([.. calls.Items.Select(c => ChatToolCall(c, whole: true))]);
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-scripted",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = turn.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = turn is ModelTurn.Text ? "stop" : "tool_calls" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
        };
    }

    private static IEnumerable<(string? Type, string Data)> ChatChunks(ModelTurn turn, bool includeUsage)
    {
        var whole = ChatCompletion(turn);
        yield return (null, Chunk(turn.Model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString());
        if (turn.Thinks)
        {
            yield return (null, Chunk(turn.Model, new JsonObject { ["reasoning_content"] = ModelTurn.Thought }, null).ToJsonString());
        }

        if (turn is ModelTurn.Text text)
        {
            foreach (var piece in Pieces(text.Value))
            {
                yield return (null, Chunk(turn.Model, new JsonObject { ["content"] = piece.Text }, null).ToJsonString());
            }
        }

        foreach (var (call, index) in Items(turn).Select((c, i) => (c, i)))
        {
            foreach (var piece in Pieces(call.Payload))
            {
                yield return (null, Chunk(turn.Model, new JsonObject { ["tool_calls"] = new JsonArray(ChatToolCallPiece(call, index, piece)) }, null).ToJsonString());
            }
        }

        yield return (null, Chunk(turn.Model, [], whole["choices"]![0]!["finish_reason"]!.GetValue<string>()).ToJsonString());
        if (includeUsage)
        {
            var usage = Chunk(turn.Model, [], null);
            usage["choices"] = new JsonArray();
            usage["usage"] = whole["usage"]!.DeepClone();
            yield return (null, usage.ToJsonString());
        }

        yield return (null, "[DONE]");
    }

    private static JsonObject ChatToolCall(ToolCall call, bool whole) => call.Custom
        ? new JsonObject { ["id"] = call.Id, ["type"] = "custom", ["custom"] = new JsonObject { ["name"] = call.Name, ["input"] = whole ? call.Payload : "" } }
        : new JsonObject { ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = whole ? call.Payload : "" } };

    // The first piece of a call names it; the rest carry its arguments or input only.
    private static JsonObject ChatToolCallPiece(ToolCall call, int index, (int Index, string Text) piece)
    {
        var delta = piece.Index == 0 ? ChatToolCall(call, whole: false) : new JsonObject();
        delta["index"] = index;
        var member = call.Custom ? "custom" : "function";
        var inner = delta[member] as JsonObject ?? new JsonObject();
        inner[call.Custom ? "input" : "arguments"] = piece.Text;
        delta[member] = inner;
        return delta;
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-scripted",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    // Responses.
    private static JsonObject Response(string model, string status, JsonNode[] output, JsonObject? error = null) => new()
    {
        ["id"] = "resp_scripted",
        ["object"] = "response",
        ["created_at"] = 1_700_000_000,
        ["status"] = status,
        ["model"] = model,
        ["output"] = new JsonArray(output),
        ["usage"] = status == "completed"
            ? new JsonObject { ["input_tokens"] = 100, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 }, ["output_tokens"] = 20, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 120 }
            : null,
        ["error"] = error,
    };

    // The reasoning item when the turn thinks, then its message or call.
    private static IEnumerable<JsonObject> ResponsesItems(ModelTurn turn, bool done)
    {
        if (turn.Thinks)
        {
            yield return new JsonObject
            {
                ["id"] = "rs_scripted",
                ["type"] = "reasoning",
                ["summary"] = done ? new JsonArray(Summary(ModelTurn.Thought)) : new JsonArray(),
                ["encrypted_content"] = done ? turn.Opaque : null,
            };
        }

        var status = done ? "completed" : "in_progress";
        if (turn is ModelTurn.Text text)
        {
            yield return new JsonObject
            {
                ["id"] = "msg_scripted",
                ["type"] = "message",
                ["status"] = status,
                ["role"] = "assistant",
                ["content"] = done ? new JsonArray(OutputText(text.Value)) : new JsonArray(),
            };
        }

        foreach (var (call, index) in Items(turn).Select((c, i) => (c, i)))
        {
            yield return call.Custom
                ? new JsonObject { ["id"] = $"ctc_scripted_{index}", ["type"] = "custom_tool_call", ["status"] = status, ["call_id"] = call.Id, ["name"] = call.Name, ["input"] = done ? call.Payload : "" }
                : new JsonObject { ["id"] = $"fc_scripted_{index}", ["type"] = "function_call", ["status"] = status, ["call_id"] = call.Id, ["name"] = call.Name, ["arguments"] = done ? call.Payload : "" };
        }
    }

    private static JsonObject Summary(string text) => new() { ["type"] = "summary_text", ["text"] = text };

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private static IEnumerable<(string Type, JsonObject Body)> ResponsesEvents(ModelTurn turn)
    {
        yield return ("response.created", new JsonObject { ["response"] = Response(turn.Model, "in_progress", []) });
        yield return ("response.in_progress", new JsonObject { ["response"] = Response(turn.Model, "in_progress", []) });
        var started = ResponsesItems(turn, done: false).ToList();
        var finished = ResponsesItems(turn, done: true).ToList();
        for (var index = 0; index < started.Count; index++)
        {
            var item = started[index];
            var itemId = item["id"]!.GetValue<string>();
            JsonObject At(JsonObject body)
            {
                body["item_id"] = itemId;
                body["output_index"] = index;
                return body;
            }

            yield return ("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = item });
            switch (item["type"]!.GetValue<string>())
            {
                case "reasoning":
                    yield return ("response.reasoning_summary_part.added", At(new JsonObject { ["summary_index"] = 0, ["part"] = Summary("") }));
                    yield return ("response.reasoning_summary_text.delta", At(new JsonObject { ["summary_index"] = 0, ["delta"] = ModelTurn.Thought }));
                    yield return ("response.reasoning_summary_text.done", At(new JsonObject { ["summary_index"] = 0, ["text"] = ModelTurn.Thought }));
                    yield return ("response.reasoning_summary_part.done", At(new JsonObject { ["summary_index"] = 0, ["part"] = Summary(ModelTurn.Thought) }));
                    break;
                case "message":
                    var text = ((ModelTurn.Text)turn).Value;
                    yield return ("response.content_part.added", At(new JsonObject { ["content_index"] = 0, ["part"] = OutputText("") }));
                    foreach (var piece in Pieces(text))
                    {
                        yield return ("response.output_text.delta", At(new JsonObject { ["content_index"] = 0, ["delta"] = piece.Text, ["logprobs"] = new JsonArray() }));
                    }

                    yield return ("response.output_text.done", At(new JsonObject { ["content_index"] = 0, ["text"] = text, ["logprobs"] = new JsonArray() }));
                    yield return ("response.content_part.done", At(new JsonObject { ["content_index"] = 0, ["part"] = OutputText(text) }));
                    break;
                default:
                    var (kind, member) = item["type"]!.GetValue<string>() == "custom_tool_call" ? ("custom_tool_call_input", "input") : ("function_call_arguments", "arguments");
                    foreach (var piece in Pieces(finished[index][member]!.GetValue<string>()))
                    {
                        yield return ($"response.{kind}.delta", At(new JsonObject { ["delta"] = piece.Text }));
                    }

                    yield return ($"response.{kind}.done", At(new JsonObject { [member] = finished[index][member]!.DeepClone() }));
                    break;
            }

            yield return ("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = finished[index] });
        }

        yield return ("response.completed", new JsonObject { ["response"] = Response(turn.Model, "completed", [.. ResponsesItems(turn, done: true)]) });
    }

    private static IEnumerable<(string? Type, string Data)> Numbered(IEnumerable<(string Type, JsonObject Body)> events) =>
        events.Select((e, sequence) => Event(e.Type, e.Body, sequence));

    // Anthropic Messages.
    private static JsonObject Message(string model, ModelTurn? turn) => new()
    {
        ["id"] = "msg_scripted",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = turn is null ? new JsonArray() : new JsonArray([.. MessagesBlocks(turn, whole: true)]),
        ["stop_reason"] = turn is null ? null : turn is ModelTurn.Text ? "end_turn" : "tool_use",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 100, ["output_tokens"] = turn is null ? 1 : 20 },
    };

    // The thinking block when the turn thinks, then its text or call.
    private static IEnumerable<JsonObject> MessagesBlocks(ModelTurn turn, bool whole)
    {
        if (turn.Thinks)
        {
            yield return new JsonObject { ["type"] = "thinking", ["thinking"] = whole ? ModelTurn.Thought : "", ["signature"] = whole ? turn.Opaque : "" };
        }

        if (turn is ModelTurn.Text text)
        {
            yield return new JsonObject { ["type"] = "text", ["text"] = whole ? text.Value : "" };
        }

        foreach (var call in Items(turn))
        {
            yield return new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = whole ? ToolInput(call) : new JsonObject() };
        }
    }

    // What a call's input is on Messages, which has no custom tools: a custom call's text in the one property it has.
    private static JsonNode ToolInput(ToolCall call) => call.Custom ? new JsonObject { ["input"] = call.Payload } : JsonNode.Parse(call.Payload)!;

    private static IEnumerable<(string? Type, string Data)> MessagesEvents(ModelTurn turn)
    {
        yield return Event("message_start", new JsonObject { ["message"] = Message(turn.Model, null) });
        yield return Event("ping", []);
        var index = 0;
        var finished = MessagesBlocks(turn, whole: true).ToList();
        foreach (var block in MessagesBlocks(turn, whole: false))
        {
            yield return Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = block });
            IEnumerable<JsonObject> deltas = block["type"]!.GetValue<string>() switch
            {
                "thinking" => [new() { ["type"] = "thinking_delta", ["thinking"] = ModelTurn.Thought }, new() { ["type"] = "signature_delta", ["signature"] = turn.Opaque }],
                "text" => Pieces(finished[index]["text"]!.GetValue<string>()).Select(p => new JsonObject { ["type"] = "text_delta", ["text"] = p.Text }),
                _ => Pieces(finished[index]["input"]!.ToJsonString()).Select(p => new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = p.Text }),
            };
            foreach (var delta in deltas)
            {
                yield return Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = delta });
            }

            yield return Event("content_block_stop", new JsonObject { ["index"] = index++ });
        }

        yield return Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = Message(turn.Model, turn)["stop_reason"]!.DeepClone(), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 20 },
        });
        yield return Event("message_stop", []);
    }

    // An event's type first in its data (and its sequence number, in a Responses stream), then its members.
    private static (string? Type, string Data) Event(string type, JsonObject body, int? sequence = null)
    {
        var json = new JsonObject { ["type"] = type };
        if (sequence is not null)
        {
            json["sequence_number"] = sequence;
        }

        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            json[name] = value;
        }

        return (type, json.ToJsonString());
    }

    private static IEnumerable<ToolCall> Items(ModelTurn turn) => (turn as ModelTurn.Calls)?.Items ?? [];

    // What a model streams of a text or a call's arguments: two pieces.
    private static IEnumerable<(int Index, string Text)> Pieces(string whole)
    {
        var half = whole.Length / 2;
        return [(0, whole[..half]), (1, whole[half..])];
    }
}
