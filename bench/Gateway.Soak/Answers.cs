namespace Gateway.Soak;

/// <summary>
/// What the fake upstreams say, in each protocol: the healthy answer to a request (its text derived from the request's
/// nonce, so the client can check every answer), and the beginnings of failed answers, whose ids all carry
/// <see cref="Doomed"/> so a client that sees one of them has been sent bytes of a failed attempt.
/// </summary>
internal static class Answers
{
    public const string Doomed = "doomed";

    /// <summary>The model the soak's clients ask for: every account maps it to <see cref="UpstreamModel"/>.</summary>
    public const string Model = "soak-model";

    /// <summary>The model the upstreams are sent and name in their answers; the gateway names <see cref="Model"/> to the clients.</summary>
    public const string UpstreamModel = "provider-model";

    /// <summary>The pieces the healthy answer to <paramref name="nonce"/> is streamed in.</summary>
    public static string[] Pieces(string nonce) => ["Hello ", nonce, "! ", .. Enumerable.Range(0, 12).Select(i => $"w{i} ")];

    public static string Text(string nonce) => string.Concat(Pieces(nonce));

    public static string ChatCompletion(string nonce) => Json(new
    {
        id = "chatcmpl-" + nonce,
        @object = "chat.completion",
        created = 1_700_000_000,
        model = UpstreamModel,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = Text(nonce) }, finish_reason = "stop" } },
        usage = ChatUsage(nonce),
    });

    /// <summary>Role chunk, one chunk per piece, finish chunk, the usage chunk when asked for, <c>[DONE]</c>.</summary>
    public static IEnumerable<string> ChatStream(string nonce, bool includeUsage)
    {
        var id = "chatcmpl-" + nonce;
        yield return ChatChunk(id, new { role = "assistant", content = "" }, null);
        foreach (var piece in Pieces(nonce))
        {
            yield return ChatChunk(id, new { content = piece }, null);
        }

        yield return ChatChunk(id, new { }, "stop");
        if (includeUsage)
        {
            yield return Json(new { id, @object = "chat.completion.chunk", created = 1_700_000_000, model = UpstreamModel, choices = Array.Empty<object>(), usage = ChatUsage(nonce) });
        }

        yield return "[DONE]";
    }

    public static string ResponsesAnswer(string nonce) => Json(Response("resp_" + nonce, "completed", [Message(nonce, Text(nonce))], ResponsesUsage(nonce)));

    /// <summary>Every event of a Responses stream, numbered: created … one delta per piece … completed with usage.</summary>
    public static IEnumerable<(string? Type, string Data)> ResponsesStream(string nonce)
    {
        var id = "resp_" + nonce;
        var itemId = "msg_" + nonce;
        var text = Text(nonce);
        var events = new List<(string, object)>
        {
            ("response.created", new { response = Response(id, "in_progress", [], null) }),
            ("response.in_progress", new { response = Response(id, "in_progress", [], null) }),
            ("response.output_item.added", new { output_index = 0, item = Message(nonce, null) }),
            ("response.content_part.added", new { item_id = itemId, output_index = 0, content_index = 0, part = OutputText("") }),
        };
        events.AddRange(Pieces(nonce).Select(p => ("response.output_text.delta", (object)new { item_id = itemId, output_index = 0, content_index = 0, delta = p, logprobs = Array.Empty<object>() })));
        events.Add(("response.output_text.done", new { item_id = itemId, output_index = 0, content_index = 0, text, logprobs = Array.Empty<object>() }));
        events.Add(("response.content_part.done", new { item_id = itemId, output_index = 0, content_index = 0, part = OutputText(text) }));
        events.Add(("response.output_item.done", new { output_index = 0, item = Message(nonce, text) }));
        events.Add(("response.completed", new { response = Response(id, "completed", [Message(nonce, text)], ResponsesUsage(nonce)) }));
        return events.Select((e, sequence) => ((string?)e.Item1, Numbered(e.Item1, sequence, e.Item2)));
    }

    /// <summary>The start of a failed Responses stream: created, in progress, an empty item and part.</summary>
    public static IEnumerable<(string? Type, string Data)> DoomedResponsesHandshake() =>
    [
        ("response.created", Numbered("response.created", 0, new { response = Response("resp_doomed", "in_progress", [], null) })),
        ("response.in_progress", Numbered("response.in_progress", 1, new { response = Response("resp_doomed", "in_progress", [], null) })),
        ("response.output_item.added", Numbered("response.output_item.added", 2, new { output_index = 0, item = Message(Doomed, null) })),
        ("response.content_part.added", Numbered("response.content_part.added", 3, new { item_id = "msg_doomed", output_index = 0, content_index = 0, part = OutputText("") })),
    ];

    public static string DoomedResponsesFailed(int sequence, string code, string message) =>
        Numbered("response.failed", sequence, new { response = Response("resp_doomed", "failed", [], null, new { code, message }) });

    public static string DoomedResponsesError(int sequence, string code, string message) =>
        Numbered("error", sequence, new { code, message, param = (string?)null });

    public static string DoomedChatRole() => ChatChunk("chatcmpl-doomed", new { role = "assistant", content = "" }, null);

    public static string Error(string message, string type, string? code) => Json(new { error = new { message, type, code } });

    public static string DoomedResponsesBody() => Json(Response("resp_doomed", "failed", [], null, new { code = "server_error", message = "doomed: the response failed" }));

    public static string MessagesAnswer(string nonce) => Json(new
    {
        id = "msg_" + nonce,
        type = "message",
        role = "assistant",
        model = UpstreamModel,
        content = new[] { new { type = "text", text = Text(nonce) } },
        stop_reason = "end_turn",
        stop_sequence = (string?)null,
        usage = new { input_tokens = 10, output_tokens = Pieces(nonce).Length },
    });

    /// <summary>An Anthropic Messages stream: message_start, ping, one text block in pieces, message_delta, message_stop.</summary>
    public static IEnumerable<(string? Type, string Data)> MessagesStream(string nonce) =>
    [
        MessagesStart("msg_" + nonce),
        MessagesEvent("ping", new { }),
        MessagesEvent("content_block_start", new { index = 0, content_block = new { type = "text", text = "" } }),
        .. Pieces(nonce).Select(p => MessagesEvent("content_block_delta", new { index = 0, delta = new { type = "text_delta", text = p } })),
        MessagesEvent("content_block_stop", new { index = 0 }),
        MessagesEvent("message_delta", new { delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = Pieces(nonce).Length } }),
        MessagesEvent("message_stop", new { }),
    ];

    /// <summary>The start of a failed Messages stream: message_start and a ping.</summary>
    public static IEnumerable<(string? Type, string Data)> DoomedMessagesHandshake() => [MessagesStart("msg_doomed"), MessagesEvent("ping", new { })];

    /// <summary>An <c>error</c> event of a Messages stream, e.g. <c>overloaded_error</c> in the middle of the handshake.</summary>
    public static (string? Type, string Data) DoomedMessagesError(string type, string message) => MessagesEvent("error", new { error = new { type, message } });

    /// <summary>An error body in Anthropic's shape.</summary>
    public static string AnthropicError(string type, string message) => Json(new { type = "error", error = new { type, message } });

    private static string ChatChunk(string id, object delta, string? finish) => Json(new
    {
        id,
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = UpstreamModel,
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
    });

    private static object ChatUsage(string nonce) => new { prompt_tokens = 10, completion_tokens = Pieces(nonce).Length, total_tokens = 10 + Pieces(nonce).Length };

    private static object ResponsesUsage(string nonce) => new
    {
        input_tokens = 10,
        input_tokens_details = new { cached_tokens = 0 },
        output_tokens = Pieces(nonce).Length,
        output_tokens_details = new { reasoning_tokens = 0 },
        total_tokens = 10 + Pieces(nonce).Length,
    };

    private static object Response(string id, string status, object[] output, object? usage, object? error = null) =>
        new { id, @object = "response", created_at = 1_700_000_000, status, model = UpstreamModel, output, usage, error };

    private static object Message(string nonce, string? text) => new
    {
        id = "msg_" + nonce,
        type = "message",
        status = text is null ? "in_progress" : "completed",
        role = "assistant",
        content = text is null ? [] : new[] { OutputText(text) },
    };

    private static object OutputText(string text) => new { type = "output_text", text, annotations = Array.Empty<object>() };

    private static (string? Type, string Data) MessagesStart(string id) => MessagesEvent("message_start", new
    {
        message = new
        {
            id,
            type = "message",
            role = "assistant",
            model = UpstreamModel,
            content = Array.Empty<object>(),
            stop_reason = (string?)null,
            stop_sequence = (string?)null,
            usage = new { input_tokens = 10, output_tokens = 1 },
        },
    });

    private static (string? Type, string Data) MessagesEvent(string type, object body)
    {
        var json = new JsonObject { ["type"] = type };
        foreach (var (name, value) in JsonNode.Parse(Json(body))!.AsObject().ToList())
        {
            json[name] = value?.DeepClone();
        }

        return (type, json.ToJsonString());
    }

    private static string Numbered(string type, int sequence, object body)
    {
        var json = JsonNode.Parse(Json(body))!.AsObject();
        json["type"] = type;
        json["sequence_number"] = sequence;
        return json.ToJsonString();
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
