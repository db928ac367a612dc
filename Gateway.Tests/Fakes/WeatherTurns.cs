namespace Gateway.Tests.Fakes;

/// <summary>
/// One assistant turn scripted in each upstream protocol, streamed or whole: it thinks "Two cities.", says "Checking." and
/// calls <c>weather</c> for Paris and Rome at once; and the answer that follows the results, "Paris 18C, Rome 24C.".
/// </summary>
public static class WeatherTurns
{
    public const string Thinking = "Two cities.";
    public const string Text = "Checking.";
    public const string Answer = "Paris 18C, Rome 24C.";
    public const string Signature = "sig-weather";
    public const string EncryptedReasoning = "gAAAAABo-weather+/==";

    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"}}}""";

    public static string PathFor(ApiProtocol upstream) => upstream switch
    {
        ApiProtocol.Chat => "/v1/chat/completions",
        ApiProtocol.Responses => "/v1/responses",
        _ => AnthropicReplies.MessagesPath,
    };

    /// <summary>The question these turns answer, as a client of <paramref name="client"/>'s protocol asks it, with the <c>weather</c> tool (streamed: with usage).</summary>
    public static string Question(ApiProtocol client, bool stream)
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris and Rome?" });
        var request = client switch
        {
            ApiProtocol.Chat => new JsonObject
            {
                ["model"] = "gpt-4o",
                ["messages"] = messages,
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "weather", ["parameters"] = JsonNode.Parse(Schema) } }),
            },
            ApiProtocol.Responses => new JsonObject
            {
                ["model"] = "gpt-4o",
                ["input"] = "Weather in Paris and Rome?",
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "weather", ["parameters"] = JsonNode.Parse(Schema) }),
            },
            _ => new JsonObject
            {
                ["model"] = "claude-sonnet-4-5",
                ["max_tokens"] = 100,
                ["messages"] = messages,
                ["tools"] = new JsonArray(new JsonObject { ["name"] = "weather", ["input_schema"] = JsonNode.Parse(Schema) }),
            },
        };
        request["stream"] = stream;
        if (stream && client == ApiProtocol.Chat)
        {
            request["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return request.ToJsonString();
    }

    public static UpstreamReply Calls(ApiProtocol upstream, bool stream) => (upstream, stream) switch
    {
        (ApiProtocol.Chat, false) => UpstreamReply.Json(ChatCompletion()),
        (ApiProtocol.Chat, true) => UpstreamReply.Sse([.. ChatChunks()]),
        (ApiProtocol.Responses, false) => UpstreamReply.Json(Response(ResponsesOutput(), "completed")),
        (ApiProtocol.Responses, true) => new UpstreamReply { Events = [.. ResponsesEvents()] },
        (_, false) => AnthropicReplies.Message(
            "tool_use",
            new { type = "thinking", thinking = Thinking, signature = Signature },
            AnthropicReplies.Text(Text),
            AnthropicReplies.ToolUse("toolu_p", "weather", new { city = "Paris" }),
            AnthropicReplies.ToolUse("toolu_r", "weather", new { city = "Rome" })),
        (_, true) => new UpstreamReply { Events = [.. AnthropicEvents()] },
    };

    public static UpstreamReply Final(ApiProtocol upstream, bool stream) => (upstream, stream) switch
    {
        (ApiProtocol.Chat, false) => UpstreamReply.ChatCompletion(Answer),
        (ApiProtocol.Chat, true) => UpstreamReply.ChatStream([Answer]),
        (ApiProtocol.Responses, false) => UpstreamReply.ResponsesAnswer(Answer),
        (ApiProtocol.Responses, true) => UpstreamReply.ResponsesStream([Answer]),
        (_, false) => AnthropicReplies.Message("end_turn", AnthropicReplies.Text(Answer)),
        (_, true) => AnthropicReplies.TextStream(Answer),
    };

    /// <summary>
    /// The Responses turn of <see cref="Calls"/> as a Responses upstream answers a request that includes
    /// <c>reasoning.encrypted_content</c>: its reasoning item carries <see cref="EncryptedReasoning"/> (streamed: in the
    /// item's <c>output_item.done</c>).
    /// </summary>
    public static UpstreamReply ResponsesCallsWithEncryptedReasoning(bool stream) => stream
        ? new UpstreamReply { Events = [.. ResponsesEvents(EncryptedReasoning)] }
        : UpstreamReply.Json(Response(ResponsesOutput(EncryptedReasoning), "completed"));

    /// <summary>A whole Responses answer that only calls <c>weather</c> for Paris and Rome (no thinking, no text), 10 of its 30 input tokens cached.</summary>
    public static UpstreamReply ResponsesCallsOnly() => UpstreamReply.Json(Response([.. ResponsesOutput().Skip(2)], "completed", cachedTokens: 10));

    /// <summary>
    /// The Responses input of the turn after the calls, as a Responses upstream receives it: the question, the calls for
    /// Paris and Rome, and the results the client gave them.
    /// </summary>
    public static string ResponsesInputAfterCalls(string parisResult, string romeResult) => $$"""
        [
          {"type":"message","role":"user","content":"Weather in Paris and Rome?"},
          {"type":"function_call","call_id":"call_p","name":"weather","arguments":"{\"city\":\"Paris\"}"},
          {"type":"function_call","call_id":"call_r","name":"weather","arguments":"{\"city\":\"Rome\"}"},
          {"type":"function_call_output","call_id":"call_p","output":"{{parisResult}}"},
          {"type":"function_call_output","call_id":"call_r","output":"{{romeResult}}"}
        ]
        """;

    /// <summary>
    /// Checks that the turn after the calls, with the system prompt "Be terse.", went only to <paramref name="upstream"/>'s
    /// Responses endpoint: the prompt as instructions, <see cref="ResponsesInputAfterCalls"/> as input.
    /// </summary>
    public static void AssertFollowUpOnResponses(ScriptedUpstream upstream, string parisResult, string romeResult)
    {
        Assert.Empty(upstream.RequestsTo(EngineHarness.ChatPath));
        var followUp = JsonNode.Parse(upstream.RequestsTo(EngineHarness.ResponsesPath)[1].Body)!;
        Assert.Equal("Be terse.", followUp["instructions"]!.GetValue<string>());
        Golden.AssertEqual(ResponsesInputAfterCalls(parisResult, romeResult), followUp["input"]);
    }

    private static string ChatCompletion() => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-w",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "deepseek-chat",
        choices = new[]
        {
            new
            {
                index = 0,
                finish_reason = "tool_calls",
                message = new { role = "assistant", content = Text, reasoning_content = Thinking, tool_calls = new[] { ChatCall("call_p", "Paris"), ChatCall("call_r", "Rome") } },
            },
        },
        usage = new { prompt_tokens = 30, completion_tokens = 12, total_tokens = 42 },
    });

    private static object ChatCall(string id, string city) =>
        new { id, type = "function", function = new { name = "weather", arguments = JsonSerializer.Serialize(new { city }) } };

    private static IEnumerable<string> ChatChunks()
    {
        static string Chunk(object delta, string? finish = null) => JsonSerializer.Serialize(new
        {
            id = "chatcmpl-w",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "deepseek-chat",
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        });

        yield return Chunk(new { role = "assistant", content = "" });
        yield return Chunk(new { reasoning_content = Thinking });
        yield return Chunk(new { content = Text });
        yield return Chunk(new { tool_calls = new[] { new { index = 0, id = "call_p", type = "function", function = new { name = "weather", arguments = """{"city":"Paris"}""" } } } });
        yield return Chunk(new { tool_calls = new[] { new { index = 1, id = "call_r", type = "function", function = new { name = "weather", arguments = """{"city":"Rome"}""" } } } });
        yield return Chunk(new { }, "tool_calls");
        yield return """{"id":"chatcmpl-w","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}""";
        yield return "[DONE]";
    }

    private static object[] ResponsesOutput(string? encrypted = null) =>
    [
        ReasoningItem(encrypted),
        new { id = "msg_w", type = "message", status = "completed", role = "assistant", content = new[] { new { type = "output_text", text = Text, annotations = Array.Empty<object>() } } },
        new { id = "fc_p", type = "function_call", status = "completed", call_id = "call_p", name = "weather", arguments = """{"city":"Paris"}""" },
        new { id = "fc_r", type = "function_call", status = "completed", call_id = "call_r", name = "weather", arguments = """{"city":"Rome"}""" },
    ];

    private static object ReasoningItem(string? encrypted)
    {
        var summary = new[] { new { type = "summary_text", text = Thinking } };
        return encrypted is null
            ? new { id = "rs_w", type = "reasoning", summary }
            : new { id = "rs_w", type = "reasoning", summary, encrypted_content = encrypted };
    }

    private static string Response(object[] output, string status, int cachedTokens = 0) => JsonSerializer.Serialize(new
    {
        id = "resp_w",
        @object = "response",
        created_at = 1_700_000_000,
        status,
        model = "gpt-5",
        output,
        usage = new { input_tokens = 30, input_tokens_details = new { cached_tokens = cachedTokens }, output_tokens = 12, output_tokens_details = new { reasoning_tokens = 4 }, total_tokens = 42 },
    });

    private static IEnumerable<SseStep> ResponsesEvents(string? encrypted = null)
    {
        var sequence = 0;
        SseStep Event(string type, object body)
        {
            var json = JsonNode.Parse(JsonSerializer.Serialize(body))!.AsObject();
            json["type"] = type;
            json["sequence_number"] = sequence++;
            return SseStep.Event(type, json.ToJsonString());
        }

        yield return Event("response.created", new { response = new { id = "resp_w", @object = "response", created_at = 1, status = "in_progress", model = "gpt-5", output = Array.Empty<object>() } });
        yield return Event("response.output_item.added", new { output_index = 0, item = new { id = "rs_w", type = "reasoning", summary = Array.Empty<object>() } });
        yield return Event("response.reasoning_summary_text.delta", new { item_id = "rs_w", output_index = 0, summary_index = 0, delta = Thinking });
        if (encrypted is not null)
        {
            yield return Event("response.output_item.done", new { output_index = 0, item = ReasoningItem(encrypted) });
        }

        yield return Event("response.output_item.added", new { output_index = 1, item = new { id = "msg_w", type = "message", status = "in_progress", role = "assistant", content = Array.Empty<object>() } });
        yield return Event("response.output_text.delta", new { item_id = "msg_w", output_index = 1, content_index = 0, delta = Text });
        yield return Event("response.output_item.added", new { output_index = 2, item = new { id = "fc_p", type = "function_call", status = "in_progress", call_id = "call_p", name = "weather", arguments = "" } });
        yield return Event("response.function_call_arguments.delta", new { item_id = "fc_p", output_index = 2, delta = """{"city":"Paris"}""" });
        yield return Event("response.output_item.added", new { output_index = 3, item = new { id = "fc_r", type = "function_call", status = "in_progress", call_id = "call_r", name = "weather", arguments = "" } });
        yield return Event("response.function_call_arguments.delta", new { item_id = "fc_r", output_index = 3, delta = """{"city":"Rome"}""" });
        yield return Event("response.completed", new { response = JsonSerializer.Deserialize<JsonElement>(Response(ResponsesOutput(encrypted), "completed")) });
    }

    private static IEnumerable<SseStep> AnthropicEvents() =>
    [
        .. AnthropicReplies.Handshake(),
        AnthropicReplies.Event("content_block_start", new { index = 0, content_block = new { type = "thinking", thinking = "", signature = "" } }),
        AnthropicReplies.Event("content_block_delta", new { index = 0, delta = new { type = "thinking_delta", thinking = Thinking } }),
        AnthropicReplies.Event("content_block_delta", new { index = 0, delta = new { type = "signature_delta", signature = Signature } }),
        AnthropicReplies.Event("content_block_stop", new { index = 0 }),
        AnthropicReplies.Event("content_block_start", new { index = 1, content_block = new { type = "text", text = "" } }),
        AnthropicReplies.Event("content_block_delta", new { index = 1, delta = new { type = "text_delta", text = Text } }),
        AnthropicReplies.Event("content_block_stop", new { index = 1 }),
        AnthropicReplies.Event("content_block_start", new { index = 2, content_block = new { type = "tool_use", id = "toolu_p", name = "weather", input = new { } } }),
        AnthropicReplies.Event("content_block_delta", new { index = 2, delta = new { type = "input_json_delta", partial_json = """{"city":"Paris"}""" } }),
        AnthropicReplies.Event("content_block_stop", new { index = 2 }),
        AnthropicReplies.Event("content_block_start", new { index = 3, content_block = new { type = "tool_use", id = "toolu_r", name = "weather", input = new { } } }),
        AnthropicReplies.Event("content_block_delta", new { index = 3, delta = new { type = "input_json_delta", partial_json = """{"city":"Rome"}""" } }),
        AnthropicReplies.Event("content_block_stop", new { index = 3 }),
        AnthropicReplies.Event("message_delta", new { delta = new { stop_reason = "tool_use", stop_sequence = (string?)null }, usage = new { output_tokens = 12 } }),
        AnthropicReplies.Event("message_stop", new { }),
    ];
}
