namespace Gateway.Clients;

/// <summary>
/// A <see cref="ModelTurn"/> written in each protocol's own shapes, whole or as the events of a stream (a call's
/// arguments in two pieces, as models stream them), and the failures of a flaky account: a stream that opens, then fails
/// with an overload, or an overloaded error body.
/// </summary>
internal static class ModelReplies
{
    private const string Model = "scripted-model";

    public static string Whole(Protocol protocol, ModelTurn turn) => (protocol switch
    {
        Protocol.Chat => ChatCompletion(turn),
        Protocol.Responses => Response("completed", [ResponsesItem(turn, done: true)]),
        _ => Message(turn),
    }).ToJsonString();

    /// <summary>The events of a stream, each as its SSE type (null for Chat) and data.</summary>
    public static IEnumerable<(string? Type, string Data)> Stream(Protocol protocol, ModelTurn turn, bool includeUsage) => protocol switch
    {
        Protocol.Chat => ChatChunks(turn, includeUsage),
        Protocol.Responses => Numbered(ResponsesEvents(turn)),
        _ => MessagesEvents(turn),
    };

    /// <summary>The start of a stream with no content yet, then an overload: what a flaky account sends.</summary>
    public static IEnumerable<(string? Type, string Data)> FailingStream(Protocol protocol) => protocol switch
    {
        Protocol.Chat =>
        [
            (null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString()),
            (null, Error("The model is overloaded (flaky account).", "server_error", "server_is_overloaded").ToJsonString()),
        ],
        Protocol.Responses => Numbered(
        [
            ("response.created", new JsonObject { ["response"] = Response("in_progress", []) }),
            ("response.in_progress", new JsonObject { ["response"] = Response("in_progress", []) }),
            ("response.failed", new JsonObject { ["response"] = Response("failed", [], new JsonObject { ["code"] = "server_is_overloaded", ["message"] = "The model is overloaded (flaky account)." }) }),
        ]),
        _ =>
        [
            Event("message_start", new JsonObject { ["message"] = Message(null) }),
            Event("ping", []),
            Event("error", new JsonObject { ["error"] = new JsonObject { ["type"] = "overloaded_error", ["message"] = "Overloaded (flaky account)." } }),
        ],
    };

    /// <summary>The overloaded error body a flaky account answers a request that does not stream with (HTTP 529).</summary>
    public static string FailingBody(Protocol protocol) => (protocol == Protocol.Messages
        ? new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "overloaded_error", ["message"] = "Overloaded (flaky account)." } }
        : Error("The model is overloaded (flaky account).", "server_error", "server_is_overloaded")).ToJsonString();

    private static JsonObject Error(string message, string type, string code) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code } };

    private static JsonObject ChatCompletion(ModelTurn turn)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = (turn as ModelTurn.Text)?.Value };
        if (ChatToolCall(turn, whole: true) is { } call)
        {
            message["tool_calls"] = new JsonArray(call);
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-scripted",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = FinishReason(turn) }),
            ["usage"] = ChatUsage(),
        };
    }

    private static IEnumerable<(string? Type, string Data)> ChatChunks(ModelTurn turn, bool includeUsage)
    {
        yield return (null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString());
        foreach (var piece in Pieces(turn, Protocol.Chat))
        {
            yield return (null, Chunk(turn is ModelTurn.Text ? new JsonObject { ["content"] = piece.Text } : new JsonObject { ["tool_calls"] = new JsonArray(ChatToolCallPiece(turn, piece)) }, null).ToJsonString());
        }

        yield return (null, Chunk([], FinishReason(turn)).ToJsonString());
        if (includeUsage)
        {
            var usage = Chunk([], null);
            usage["choices"] = new JsonArray();
            usage["usage"] = ChatUsage();
            yield return (null, usage.ToJsonString());
        }

        yield return (null, "[DONE]");
    }

    private static JsonObject? ChatToolCall(ModelTurn turn, bool whole) => turn switch
    {
        ModelTurn.FunctionCall call => new JsonObject { ["id"] = turn.CallId, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = whole ? call.Arguments : "" } },
        ModelTurn.CustomCall call => new JsonObject { ["id"] = turn.CallId, ["type"] = "custom", ["custom"] = new JsonObject { ["name"] = call.Name, ["input"] = whole ? call.Input : "" } },
        _ => null,
    };

    // The first piece of a call names it; the rest carry its arguments or input only.
    private static JsonObject ChatToolCallPiece(ModelTurn turn, (int Index, string Text) piece)
    {
        var call = piece.Index == 0 ? ChatToolCall(turn, whole: false)! : new JsonObject();
        call["index"] = 0;
        var member = turn is ModelTurn.CustomCall ? "custom" : "function";
        var inner = call[member] as JsonObject ?? new JsonObject();
        inner[turn is ModelTurn.CustomCall ? "input" : "arguments"] = piece.Text;
        call[member] = inner;
        return call;
    }

    private static JsonObject Chunk(JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-scripted",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static string FinishReason(ModelTurn turn) => turn is ModelTurn.Text ? "stop" : "tool_calls";

    private static JsonObject ChatUsage() => new() { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 };

    private static JsonObject Response(string status, JsonNode[] output, JsonObject? error = null) => new()
    {
        ["id"] = "resp_scripted",
        ["object"] = "response",
        ["created_at"] = 1_700_000_000,
        ["status"] = status,
        ["model"] = Model,
        ["output"] = new JsonArray(output),
        ["usage"] = status == "completed"
            ? new JsonObject { ["input_tokens"] = 100, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 }, ["output_tokens"] = 20, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 120 }
            : null,
        ["error"] = error,
    };

    private static JsonObject ResponsesItem(ModelTurn turn, bool done) => turn switch
    {
        ModelTurn.FunctionCall call => new JsonObject { ["id"] = "fc_scripted", ["type"] = "function_call", ["status"] = done ? "completed" : "in_progress", ["call_id"] = turn.CallId, ["name"] = call.Name, ["arguments"] = done ? call.Arguments : "" },
        ModelTurn.CustomCall call => new JsonObject { ["id"] = "ctc_scripted", ["type"] = "custom_tool_call", ["status"] = done ? "completed" : "in_progress", ["call_id"] = turn.CallId, ["name"] = call.Name, ["input"] = done ? call.Input : "" },
        ModelTurn.Text text => new JsonObject
        {
            ["id"] = "msg_scripted",
            ["type"] = "message",
            ["status"] = done ? "completed" : "in_progress",
            ["role"] = "assistant",
            ["content"] = done ? new JsonArray(OutputText(text.Value)) : new JsonArray(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(turn)),
    };

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private static IEnumerable<(string Type, JsonObject Body)> ResponsesEvents(ModelTurn turn)
    {
        yield return ("response.created", new JsonObject { ["response"] = Response("in_progress", []) });
        yield return ("response.in_progress", new JsonObject { ["response"] = Response("in_progress", []) });
        yield return ("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = ResponsesItem(turn, done: false) });
        var itemId = ResponsesItem(turn, done: false)["id"]!.GetValue<string>();
        if (turn is ModelTurn.Text text)
        {
            yield return ("response.content_part.added", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = OutputText("") });
            foreach (var piece in Pieces(turn, Protocol.Responses))
            {
                yield return ("response.output_text.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = piece.Text, ["logprobs"] = new JsonArray() });
            }

            yield return ("response.output_text.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = text.Value, ["logprobs"] = new JsonArray() });
            yield return ("response.content_part.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = OutputText(text.Value) });
        }
        else
        {
            var kind = turn is ModelTurn.CustomCall ? "custom_tool_call_input" : "function_call_arguments";
            foreach (var piece in Pieces(turn, Protocol.Responses))
            {
                yield return ($"response.{kind}.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["delta"] = piece.Text });
            }

            var whole = ResponsesItem(turn, done: true);
            yield return ($"response.{kind}.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, [turn is ModelTurn.CustomCall ? "input" : "arguments"] = (whole["input"] ?? whole["arguments"])!.DeepClone() });
        }

        yield return ("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = ResponsesItem(turn, done: true) });
        yield return ("response.completed", new JsonObject { ["response"] = Response("completed", [ResponsesItem(turn, done: true)]) });
    }

    private static IEnumerable<(string? Type, string Data)> Numbered(IEnumerable<(string Type, JsonObject Body)> events) =>
        events.Select((e, sequence) =>
        {
            var body = new JsonObject { ["type"] = e.Type, ["sequence_number"] = sequence };
            foreach (var (name, value) in e.Body.ToList())
            {
                e.Body.Remove(name);
                body[name] = value;
            }

            return ((string?)e.Type, body.ToJsonString());
        });

    private static JsonObject Message(ModelTurn? turn) => new()
    {
        ["id"] = "msg_scripted",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = Model,
        ["content"] = turn is null ? new JsonArray() : new JsonArray(MessagesBlock(turn, whole: true)),
        ["stop_reason"] = turn is null ? null : StopReason(turn),
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 100, ["output_tokens"] = turn is null ? 1 : 20 },
    };

    private static JsonObject MessagesBlock(ModelTurn turn, bool whole) => turn switch
    {
        ModelTurn.Text text => new JsonObject { ["type"] = "text", ["text"] = whole ? text.Value : "" },
        ModelTurn.FunctionCall call => new JsonObject { ["type"] = "tool_use", ["id"] = turn.CallId, ["name"] = call.Name, ["input"] = whole ? JsonNode.Parse(call.Arguments) : new JsonObject() },
        ModelTurn.CustomCall call => new JsonObject { ["type"] = "tool_use", ["id"] = turn.CallId, ["name"] = call.Name, ["input"] = whole ? new JsonObject { ["input"] = call.Input } : new JsonObject() },
        _ => throw new ArgumentOutOfRangeException(nameof(turn)),
    };

    private static string StopReason(ModelTurn turn) => turn is ModelTurn.Text ? "end_turn" : "tool_use";

    private static IEnumerable<(string? Type, string Data)> MessagesEvents(ModelTurn turn)
    {
        yield return Event("message_start", new JsonObject { ["message"] = Message(null) });
        yield return Event("ping", []);
        yield return Event("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = MessagesBlock(turn, whole: false) });
        foreach (var piece in Pieces(turn, Protocol.Messages))
        {
            var delta = turn is ModelTurn.Text
                ? new JsonObject { ["type"] = "text_delta", ["text"] = piece.Text }
                : new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece.Text };
            yield return Event("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = delta });
        }

        yield return Event("content_block_stop", new JsonObject { ["index"] = 0 });
        yield return Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(turn), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 20 },
        });
        yield return Event("message_stop", []);
    }

    private static (string? Type, string Data) Event(string type, JsonObject body)
    {
        var json = new JsonObject { ["type"] = type };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            json[name] = value;
        }

        return (type, json.ToJsonString());
    }

    // What a turn streams, in two pieces: its text, or a call's arguments (a custom call's input; on Messages, which has no
    // custom calls, the JSON of the tool input that carries it).
    private static IEnumerable<(int Index, string Text)> Pieces(ModelTurn turn, Protocol protocol)
    {
        var whole = turn switch
        {
            ModelTurn.Text text => text.Value,
            ModelTurn.FunctionCall call => call.Arguments,
            ModelTurn.CustomCall call when protocol == Protocol.Messages => new JsonObject { ["input"] = call.Input }.ToJsonString(),
            ModelTurn.CustomCall call => call.Input,
            _ => "",
        };
        var half = whole.Length / 2;
        return [(0, whole[..half]), (1, whole[half..])];
    }
}
