namespace Gateway.Tests.Protocols.Messages;

/// <summary>SPEC 5.5, Messages client ← Chat (or Responses) upstream stream: the events, their order and their payloads.</summary>
public sealed class ChatStreamToMessagesTests
{
    private const string UsageChunk = """{"id":"chatcmpl-c1","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":8}}}""";

    private static List<SseEvent> Convert(IEnumerable<string> chunks, bool done = true, bool complete = true, bool reasoningDetails = false)
    {
        var events = chunks.Select(Golden.Data).ToList();
        if (done)
        {
            events.Add(SseEvent.Done);
        }

        return Golden.Stream(new ChatStreamToMessages("claude-client", stop: null, reasoningDetails), events, complete);
    }

    internal static string Shape(List<SseEvent> events) => string.Join(" ", events.Select(e =>
    {
        var payload = JsonNode.Parse(e.Data)!;
        Assert.Equal(e.EventType, payload["type"]!.GetValue<string>());
        var detail = payload["content_block"]?["type"] ?? payload["delta"]?["type"] ?? payload["delta"]?["stop_reason"];
        return detail is null ? e.EventType! : $"{e.EventType}:{detail}";
    }));

    [Fact]
    public void ThinkingTextAndParallelToolCalls_BecomeBlocksInTheOrderTheSdkAccumulatorExpects()
    {
        var output = Convert(
        [
            ChatStreamToResponsesTests.Chunk("""{"role":"assistant","content":""}"""),
            ChatStreamToResponsesTests.Chunk("""{"reasoning_content":"Two "}"""),
            ChatStreamToResponsesTests.Chunk("""{"reasoning_content":"cities."}"""),
            ChatStreamToResponsesTests.Chunk("""{"content":"Checking"}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":0,"id":"call_p","type":"function","function":{"name":"weather","arguments":""}}]}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"""),
            ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":1,"id":"call_r","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Rome\"}"}}]}"""),
            ChatStreamToResponsesTests.Chunk("{}", "tool_calls"),
            UsageChunk,
        ]);

        Assert.Equal(
            "message_start ping "
            + "content_block_start:thinking content_block_delta:thinking_delta content_block_delta:thinking_delta content_block_stop "
            + "content_block_start:text content_block_delta:text_delta content_block_stop "
            + "content_block_start:tool_use content_block_delta:input_json_delta content_block_delta:input_json_delta content_block_stop "
            + "content_block_start:tool_use content_block_delta:input_json_delta content_block_stop "
            + "message_delta:tool_use message_stop",
            Shape(output));
        Golden.AssertEqual("""
            {"type":"message_start","message":{"id":"msg_c1","type":"message","role":"assistant","model":"claude-client","content":[],
             "stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}
            """, JsonNode.Parse(output[0].Data));
        Golden.AssertEqual("""{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"call_p","name":"weather","input":{}}}""", JsonNode.Parse(output[9].Data));
        Golden.AssertEqual("""{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}""", JsonNode.Parse(output[10].Data));
        Golden.AssertEqual("""
            {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
             "usage":{"input_tokens":4,"output_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":8}}
            """, JsonNode.Parse(output[^2].Data));
    }

    private static readonly string[] DetailedReasoning =
    [
        ChatStreamToResponsesTests.Chunk("""{"role":"assistant","content":""}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_content":"Two "}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_content":"cities."}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_details":[{"type":"reasoning.encrypted","id":"rs_1","data":"gAAAA1==","format":"openai-responses-v1"}]}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_details":[{"type":"reasoning.encrypted","id":"rs_2","data":"gAAAA2==","format":"openai-responses-v1"}]}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_content":"Paris first."}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_details":[{"type":"reasoning.encrypted","id":"rs_3","data":"gAAAA3==","format":"openai-responses-v1"}]}"""),
        ChatStreamToResponsesTests.Chunk("""{"content":"Checking."}"""),
        ChatStreamToResponsesTests.Chunk("""{"reasoning_details":[{"type":"reasoning.encrypted","data":"opaque","format":"anthropic-claude-v1"}]}"""),
        ChatStreamToResponsesTests.Chunk("""{"tool_calls":[{"index":0,"id":"call_p","type":"function","function":{"name":"weather","arguments":"{}"}}]}"""),
        ChatStreamToResponsesTests.Chunk("{}", "tool_calls"),
    ];

    [Fact]
    public void ReasoningDetails_SignTheThinkingStreamedBeforeThem_AndTheReasoningAfterOneIsANewBlock()
    {
        var output = Convert(DetailedReasoning, reasoningDetails: true);

        Assert.Equal(
            "message_start ping "
            + "content_block_start:thinking content_block_delta:thinking_delta content_block_delta:thinking_delta content_block_delta:signature_delta content_block_stop "
            + "content_block_start:thinking content_block_delta:signature_delta content_block_stop "
            + "content_block_start:thinking content_block_delta:thinking_delta content_block_delta:signature_delta content_block_stop "
            + "content_block_start:text content_block_delta:text_delta content_block_stop "
            + "content_block_start:redacted_thinking content_block_stop "
            + "content_block_start:tool_use content_block_delta:input_json_delta content_block_stop "
            + "message_delta:tool_use message_stop",
            Shape(output));
        Golden.AssertEqual("""
            [
              {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}},
              {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Two "}},
              {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"cities."}},
              {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"gateway:openai:rs_1:gAAAA1=="}},
              {"type":"content_block_stop","index":0},
              {"type":"content_block_start","index":1,"content_block":{"type":"thinking","thinking":"","signature":""}},
              {"type":"content_block_delta","index":1,"delta":{"type":"signature_delta","signature":"gateway:openai:rs_2:gAAAA2=="}},
              {"type":"content_block_stop","index":1},
              {"type":"content_block_start","index":2,"content_block":{"type":"thinking","thinking":"","signature":""}},
              {"type":"content_block_delta","index":2,"delta":{"type":"thinking_delta","thinking":"Paris first."}},
              {"type":"content_block_delta","index":2,"delta":{"type":"signature_delta","signature":"gateway:openai:rs_3:gAAAA3=="}},
              {"type":"content_block_stop","index":2},
              {"type":"content_block_start","index":3,"content_block":{"type":"text","text":""}},
              {"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"Checking."}},
              {"type":"content_block_stop","index":3},
              {"type":"content_block_start","index":4,"content_block":{"type":"redacted_thinking","data":"opaque"}},
              {"type":"content_block_stop","index":4},
              {"type":"content_block_start","index":5,"content_block":{"type":"tool_use","id":"call_p","name":"weather","input":{}}}
            ]
            """, new JsonArray([.. output.Skip(2).Take(18).Select(e => JsonNode.Parse(e.Data))]));
    }

    [Fact]
    public void AChatUpstreamsOwnReasoningDetails_AreNotSigned()
    {
        var output = Convert(DetailedReasoning);

        Assert.StartsWith(
            "message_start ping content_block_start:thinking content_block_delta:thinking_delta content_block_delta:thinking_delta content_block_delta:thinking_delta content_block_stop "
            + "content_block_start:text content_block_delta:text_delta content_block_stop content_block_start:tool_use",
            Shape(output));
    }

    [Fact]
    public void ErrorChunk_BecomesAnAnthropicErrorEvent_NamedByItsFailureClass()
    {
        var output = Convert([ChatStreamToResponsesTests.Chunk("""{"role":"assistant"}"""), """{"error":{"message":"The model is at capacity","type":"server_error"}}"""], done: false);

        Assert.Equal("message_start ping error", Shape(output));
        Golden.AssertEqual("""{"type":"error","error":{"type":"overloaded_error","message":"The model is at capacity"}}""", JsonNode.Parse(output[^1].Data));
    }

    [Fact]
    public void StreamCutBeforeAFinishReason_EndsWithAnErrorEvent()
    {
        var output = Convert([ChatStreamToResponsesTests.Chunk("""{"content":"Hel"}""")], done: false);

        Assert.Equal("message_start ping content_block_start:text content_block_delta:text_delta error", Shape(output));
    }

    [Fact]
    public void LengthFinish_IsMaxTokens()
    {
        var output = Convert([ChatStreamToResponsesTests.Chunk("""{"content":"Hel"}"""), ChatStreamToResponsesTests.Chunk("{}", "length")], done: false);

        Assert.EndsWith("content_block_stop message_delta:max_tokens message_stop", Shape(output));
    }

    [Fact]
    public void ResponsesUpstream_GoesByWayOfChat_AndTheGatewayAppliesTheStopSequences()
    {
        var converter = Conversions.Create(ApiProtocol.Messages, ApiProtocol.Responses, "claude-client");
        converter.ConvertRequest(Golden.Parse("""{"model":"claude-client","max_tokens":50,"stream":true,"stop_sequences":["STOP"],"messages":[{"role":"user","content":"hi"}]}"""));
        var upstream = new[]
        {
            """{"type":"response.created","sequence_number":0,"response":{"id":"resp_s","object":"response","created_at":1,"status":"in_progress","model":"gpt-5","output":[]}}""",
            """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}""",
            """{"type":"response.reasoning_summary_text.delta","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Hmm."}""",
            """{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hello ST"}""",
            """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"OP more"}""",
            """{"type":"response.completed","sequence_number":5,"response":{"id":"resp_s","object":"response","created_at":1,"status":"completed","model":"gpt-5","output":[],"usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":4},"output_tokens":6,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":16}}}""",
        };

        var output = Golden.Stream(converter.CreateStreamConverter(), upstream.Select(Golden.ResponsesEvent));

        Assert.Equal(
            "message_start ping content_block_start:thinking content_block_delta:thinking_delta content_block_stop "
            + "content_block_start:text content_block_delta:text_delta content_block_stop message_delta:stop_sequence message_stop",
            Shape(output));
        Assert.Equal("msg_s", JsonNode.Parse(output[0].Data)!["message"]!["id"]!.GetValue<string>());
        Assert.Equal("Hello ", JsonNode.Parse(output[6].Data)!["delta"]!["text"]!.GetValue<string>());
        Golden.AssertEqual("""
            {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"STOP"},
             "usage":{"input_tokens":6,"output_tokens":6,"cache_creation_input_tokens":0,"cache_read_input_tokens":4,"output_tokens_details":{"thinking_tokens":2}}}
            """, JsonNode.Parse(output[^2].Data));
    }
}
