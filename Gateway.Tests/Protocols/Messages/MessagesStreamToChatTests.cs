namespace Gateway.Tests.Protocols.Messages;

/// <summary>SPEC 5.5, Chat or Responses client ← Messages upstream stream.</summary>
public sealed class MessagesStreamToChatTests
{
    /// <summary>A Messages stream as Anthropic sends it: thinking with its signature, text, two tool calls, cache usage.</summary>
    internal static readonly string[] ToolStream =
    [
        """{"type":"message_start","message":{"id":"msg_s1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":1,"cache_creation_input_tokens":5,"cache_read_input_tokens":10}}}""",
        """{"type":"ping"}""",
        """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Two cities."}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}""",
        """{"type":"content_block_stop","index":0}""",
        """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Checking."}}""",
        """{"type":"content_block_stop","index":1}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_p","name":"weather","input":{}}}""",
        """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}""",
        """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Paris\"}"}}""",
        """{"type":"content_block_stop","index":2}""",
        """{"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_r","name":"weather","input":{}}}""",
        """{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Rome\"}"}}""",
        """{"type":"content_block_stop","index":3}""",
        """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}""",
        """{"type":"message_stop"}""",
    ];

    internal static SseEvent Event(string json) => new(JsonNode.Parse(json)!["type"]!.GetValue<string>(), json);

    /// <summary>A Messages stream with redacted thinking, then thinking whose signature comes in two pieces, then a call.</summary>
    internal static readonly string[] RedactedThenSignedStream =
    [
        ToolStream[0],
        """{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3p"}}""",
        """{"type":"content_block_stop","index":0}""",
        """{"type":"content_block_start","index":1,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"thinking_delta","thinking":"Two "}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"thinking_delta","thinking":"cities."}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"signature_delta","signature":"EqQB"}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"signature_delta","signature":"CkYI"}}""",
        """{"type":"content_block_stop","index":1}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_p","name":"weather","input":{}}}""",
        """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Paris\"}"}}""",
        """{"type":"content_block_stop","index":2}""",
        ToolStream[^2],
        ToolStream[^1],
    ];

    private static List<SseEvent> Convert(IEnumerable<string> events, bool includeUsage = true, bool complete = true, bool reasoningDetails = false) =>
        Golden.Stream(new MessagesStreamToChat("gpt-client", includeUsage, CustomTools.None, reasoningDetails, new FakeTimeProvider(TestClock.Start)), events.Select(Event), complete);

    // Each chunk's delta, or its finish reason, "usage" or "[DONE]".
    private static JsonArray Deltas(List<SseEvent> output) => new([.. output.Select(e => e.IsDone ? JsonValue.Create("[DONE]") : JsonNode.Parse(e.Data)!["choices"]!.AsArray() switch
    {
        [] => JsonValue.Create("usage"),
        [var choice] => choice!["finish_reason"]?.DeepClone() ?? choice["delta"]!.DeepClone(),
        _ => null,
    })]);

    [Fact]
    public void ForAClientOfAnotherProtocol_EachSignedOrRedactedThinkingBlock_EndsWithItsDetail_AfterItsText()
    {
        var output = Convert(RedactedThenSignedStream, reasoningDetails: true);

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":""},
              {"reasoning_details":[{"type":"reasoning.encrypted","data":"EmwKAhgBEgy3va3p","format":"anthropic-claude-v1"}]},
              {"reasoning_content":"Two "},
              {"reasoning_content":"cities."},
              {"reasoning_details":[{"type":"reasoning.text","signature":"EqQBCkYI","format":"anthropic-claude-v1"}]},
              {"tool_calls":[{"id":"toolu_p","type":"function","function":{"name":"weather","arguments":""},"index":0}]},
              {"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]},
              "tool_calls",
              "usage",
              "[DONE]"
            ]
            """, Deltas(output));
    }

    [Fact]
    public void ForAChatClient_SignaturesAndRedactedThinking_AreDropped()
    {
        var deltas = Deltas(Convert(RedactedThenSignedStream)).ToJsonString();

        Assert.DoesNotContain(ReasoningDetails.Member, deltas, StringComparison.Ordinal);
        Assert.DoesNotContain("EqQB", deltas, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolStream_BecomesChatChunks_RoleFirstThenDeltasThenFinishUsageAndDone()
    {
        var output = Convert(ToolStream);

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":""},
              {"reasoning_content":"Two cities."},
              {"content":"Checking."},
              {"tool_calls":[{"id":"toolu_p","type":"function","function":{"name":"weather","arguments":""},"index":0}]},
              {"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]},
              {"tool_calls":[{"id":"toolu_r","type":"function","function":{"name":"weather","arguments":""},"index":1}]},
              {"tool_calls":[{"index":1,"function":{"arguments":"{\"city\":\"Rome\"}"}}]},
              "tool_calls",
              "usage",
              "[DONE]"
            ]
            """, Deltas(output));
        Assert.All(output.SkipLast(1), e => Assert.Equal("chatcmpl-s1", JsonNode.Parse(e.Data)!["id"]!.GetValue<string>()));
        Golden.AssertEqual(
            """{"prompt_tokens":35,"completion_tokens":42,"total_tokens":77,"prompt_tokens_details":{"cached_tokens":10},"completion_tokens_details":{"reasoning_tokens":0}}""",
            JsonNode.Parse(output[^2].Data)!["usage"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"city":"Oslo"}""")]
    public void ACallThatStreamsNoArguments_GetsItsStartInput_AsJsonArguments(string startInput)
    {
        var output = Convert(
        [
            ToolStream[0],
            $$$"""{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_n","name":"now","input":{{{startInput}}}}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":3}}""",
            """{"type":"message_stop"}""",
        ]);

        var pieces = output.Where(e => !e.IsDone)
            .Select(e => JsonNode.Parse(e.Data)!["choices"]!.AsArray() is [var choice] ? choice!["delta"]?["tool_calls"]?[0]?["function"]?["arguments"] : null)
            .OfType<JsonNode>()
            .Select(a => a.GetValue<string>());
        Assert.Equal(startInput, string.Concat(pieces));
    }

    [Fact]
    public void WithoutIncludeUsage_NoUsageChunk()
    {
        var output = Convert(ToolStream, includeUsage: false);

        Golden.AssertEqual("""["tool_calls","[DONE]"]""", new JsonArray([.. Deltas(output).TakeLast(2).Select(d => d?.DeepClone())]));
        Assert.DoesNotContain(output, e => !e.IsDone && JsonNode.Parse(e.Data)!["usage"] is not null);
    }

    [Fact]
    public void ErrorEvent_BecomesAChatErrorChunk()
    {
        var output = Convert([ToolStream[0], """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""]);

        Golden.AssertEqual("""{"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}""", JsonNode.Parse(output[^1].Data));
    }

    [Fact]
    public void StreamCutBeforeMessageStop_EndsWithAChatErrorChunk()
    {
        var output = Convert(ToolStream.Take(8));

        Assert.Equal("upstream_stream_truncated", JsonNode.Parse(output[^1].Data)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void StreamEndingAfterItsStopReasonWithoutMessageStop_EndsAsIfItHadCome()
    {
        var whole = Convert(ToolStream);

        var output = Convert(ToolStream[..^1]);

        Assert.Equal(whole.Select(e => e.Data), output.Select(e => e.Data));
        Assert.True(output[^1].IsDone);
    }

    [Fact]
    public void ForAResponsesClient_TheStreamGoesByWayOfChat()
    {
        var converter = Conversions.Create(ApiProtocol.Responses, ApiProtocol.Messages, "gpt-client");
        converter.ConvertRequest(Golden.Parse("""{"model":"gpt-client","input":"Weather?","stream":true}"""));

        var output = Golden.Stream(converter.CreateStreamConverter(), ToolStream.Select(Event));

        Assert.Equal("response.created", output[0].EventType);
        var completed = JsonNode.Parse(output[^1].Data)!;
        Assert.Equal("response.completed", completed["type"]!.GetValue<string>());
        Assert.Equal(
            ["reasoning", "message", "function_call", "function_call"],
            completed["response"]!["output"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()));
        Golden.AssertEqual(
            """{"input_tokens":35,"input_tokens_details":{"cached_tokens":10},"output_tokens":42,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":77}""",
            completed["response"]!["usage"]);
    }
}
