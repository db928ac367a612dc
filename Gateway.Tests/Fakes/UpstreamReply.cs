namespace Gateway.Tests.Fakes;

/// <summary>One scripted answer of <see cref="ScriptedUpstream"/>: a body, or a stream of SSE steps.</summary>
public sealed record UpstreamReply
{
    public int Status { get; init; } = 200;

    public string? Body { get; init; }

    /// <summary>Bytes sent as they are instead of <see cref="Body"/>, e.g. a pre-compressed body with its <c>Content-Encoding</c>.</summary>
    public byte[]? RawBody { get; init; }

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait before sending status and headers.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>When set, status and headers wait for this task: the test says when the answer goes.</summary>
    public Task? HeldUntil { get; init; }

    /// <summary>When set, the reply is an SSE stream of these steps.</summary>
    public IReadOnlyList<SseStep>? Events { get; init; }

    /// <summary>Keep the connection open this long after the last event or the body (e.g. to test cancellation): a body held open is flushed first, its end still to come.</summary>
    public TimeSpan HoldOpenAfterSending { get; init; }

    /// <summary>Break the answer off after its events or body (announced longer than sent, every byte sent arriving first); with neither, reset the connection before the head.</summary>
    public bool AbortAfterSending { get; init; }

    public static UpstreamReply Json(string body, int status = 200) => new() { Status = status, Body = body };

    public static UpstreamReply Json(object body, int status = 200) => Json(JsonSerializer.Serialize(body), status);

    /// <summary>An OpenAI-style error body.</summary>
    public static UpstreamReply Error(int status, string message, string type = "invalid_request_error", string? code = null) =>
        Json(JsonSerializer.Serialize(new { error = new { message, type, code } }), status);

    public static UpstreamReply Html(int status, string html) => new() { Status = status, Body = html, ContentType = "text/html" };

    /// <summary>An SSE stream of <c>data:</c> payloads, sent as they are (add <c>[DONE]</c> yourself when wanted).</summary>
    public static UpstreamReply Sse(params string[] data) => new() { Events = [.. data.Select(SseStep.Data)] };

    /// <summary>A Chat Completions answer with one assistant message and usage.</summary>
    public static UpstreamReply ChatCompletion(string content, string model = "gpt-4o", int promptTokens = 5, int completionTokens = 7) =>
        Json(ChatCompletionBody(content, model, promptTokens, completionTokens));

    public static string ChatCompletionBody(string content, string model = "gpt-4o", int promptTokens = 5, int completionTokens = 7) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });

    /// <summary>A Chat Completions stream: a role chunk, one chunk per delta, a finish chunk, a usage chunk and <c>[DONE]</c>.</summary>
    public static UpstreamReply ChatStream(IEnumerable<string> deltas, string model = "gpt-4o", int promptTokens = 5, int completionTokens = 7) =>
        new() { Events = [.. ChatStreamEvents(deltas, model, promptTokens, completionTokens).Select(SseStep.Data)] };

    public static IEnumerable<string> ChatStreamEvents(IEnumerable<string> deltas, string model = "gpt-4o", int promptTokens = 5, int completionTokens = 7)
    {
        string Chunk(object delta, string? finish) => JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        });

        yield return Chunk(new { role = "assistant", content = "" }, null);
        foreach (var delta in deltas)
        {
            yield return Chunk(new { content = delta }, null);
        }

        yield return Chunk(new { }, "stop");
        yield return JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model,
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });
        yield return "[DONE]";
    }

    /// <summary>A Responses answer with one assistant message and usage.</summary>
    public static UpstreamReply ResponsesAnswer(string text, string model = "gpt-4o", int inputTokens = 5, int outputTokens = 7) =>
        Json(JsonSerializer.Serialize(new
        {
            id = "resp_test",
            @object = "response",
            created_at = 1_700_000_000,
            status = "completed",
            model,
            output = new[] { ResponsesMessage(text, "completed") },
            usage = ResponsesUsage(inputTokens, outputTokens),
        }));

    /// <summary>A Responses stream with every event a client expects: created … one delta per piece … completed with usage.</summary>
    public static UpstreamReply ResponsesStream(IEnumerable<string> deltas, string model = "gpt-4o", int inputTokens = 5, int outputTokens = 7)
    {
        var pieces = deltas.ToList();
        var text = string.Concat(pieces);
        var sequence = 0;
        var events = new List<SseStep>();
        void Add(string type, object body)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(body))!.AsObject();
            json["type"] = type;
            json["sequence_number"] = sequence++;
            events.Add(SseStep.Event(type, json.ToJsonString()));
        }

        object Response(string status, object[] output, object? usage) =>
            new { id = "resp_test", @object = "response", created_at = 1_700_000_000, status, model, output, usage };

        Add("response.created", new { response = Response("in_progress", [], null) });
        Add("response.in_progress", new { response = Response("in_progress", [], null) });
        Add("response.output_item.added", new { output_index = 0, item = ResponsesMessage("", "in_progress") });
        Add("response.content_part.added", new { item_id = "msg_test", output_index = 0, content_index = 0, part = new { type = "output_text", text = "", annotations = Array.Empty<object>() } });
        foreach (var piece in pieces)
        {
            Add("response.output_text.delta", new { item_id = "msg_test", output_index = 0, content_index = 0, delta = piece, logprobs = Array.Empty<object>() });
        }

        Add("response.output_text.done", new { item_id = "msg_test", output_index = 0, content_index = 0, text, logprobs = Array.Empty<object>() });
        Add("response.content_part.done", new { item_id = "msg_test", output_index = 0, content_index = 0, part = new { type = "output_text", text, annotations = Array.Empty<object>() } });
        Add("response.output_item.done", new { output_index = 0, item = ResponsesMessage(text, "completed") });
        Add("response.completed", new { response = Response("completed", [ResponsesMessage(text, "completed")], ResponsesUsage(inputTokens, outputTokens)) });
        return new UpstreamReply { Events = events };
    }

    private static object ResponsesMessage(string text, string status) => new
    {
        id = "msg_test",
        type = "message",
        status,
        role = "assistant",
        content = text.Length == 0 && status == "in_progress" ? Array.Empty<object>() : [new { type = "output_text", text, annotations = Array.Empty<object>() }],
    };

    private static object ResponsesUsage(int input, int output) => new
    {
        input_tokens = input,
        input_tokens_details = new { cached_tokens = 0 },
        output_tokens = output,
        output_tokens_details = new { reasoning_tokens = 0 },
        total_tokens = input + output,
    };
}

/// <summary>One step of a scripted stream: raw SSE text, sent after an optional pause.</summary>
public sealed record SseStep(string Raw, TimeSpan DelayBefore = default)
{
    public static SseStep Data(string data) => new($"data: {data}\n\n");

    public static SseStep Event(string type, string data) => new($"event: {type}\ndata: {data}\n\n");
}
