namespace Gateway.Tests.Protocols;

public sealed class ResponsesStreamToChatTests
{
    private const string Created = """{"type":"response.created","sequence_number":0,"response":{"id":"resp_s1","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-4o","output":[]}}""";
    private const string InProgress = """{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_s1","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-4o","output":[]}}""";
    private const string Usage = """{"input_tokens":11,"input_tokens_details":{"cached_tokens":4},"output_tokens":6,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":17}""";
    private const string Completed = $$$"""{"type":"response.completed","response":{"id":"resp_s1","created_at":1700000000,"status":"completed","output":[],"usage":{{{Usage}}}}}""";

    private static readonly string[] TextStream =
    [
        Created,
        InProgress,
        """{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}""",
        """{"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}""",
        """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel","logprobs":[]}""",
        """{"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"lo","logprobs":[]}""",
        """{"type":"response.output_text.done","sequence_number":6,"item_id":"msg_1","output_index":0,"content_index":0,"text":"Hello","logprobs":[]}""",
        """{"type":"response.content_part.done","sequence_number":7,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"Hello","annotations":[]}}""",
        """{"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello","annotations":[]}]}}""",
        $$$"""{"type":"response.completed","sequence_number":9,"response":{"id":"resp_s1","object":"response","created_at":1700000000,"status":"completed","model":"gpt-4o","output":[],"usage":{{{Usage}}}}}""",
    ];

    /// <summary>Reasoning items with encrypted content, one with its summary streamed, one without summary, one sent only whole; then a call.</summary>
    private static readonly string[] EncryptedReasoningStream =
    [
        Created,
        """{"type":"response.output_item.added","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[],"encrypted_content":"gAAA"}}""",
        """{"type":"response.reasoning_summary_part.added","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}""",
        """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Two "}""",
        """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"cities."}""",
        """{"type":"response.reasoning_summary_part.done","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"Two cities."}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Two cities."}],"encrypted_content":"gAAAA1=="}}""",
        """{"type":"response.output_item.added","output_index":1,"item":{"id":"rs_2","type":"reasoning","summary":[]}}""",
        """{"type":"response.output_item.done","output_index":1,"item":{"id":"rs_2","type":"reasoning","summary":[],"encrypted_content":"gAAAA2=="}}""",
        """{"type":"response.output_item.done","output_index":2,"item":{"id":"rs_3","type":"reasoning","summary":[{"type":"summary_text","text":"Whole."}],"encrypted_content":"gAAAA3=="}}""",
        """{"type":"response.output_item.added","output_index":3,"item":{"id":"fc_1","type":"function_call","call_id":"call_a","name":"lookup","arguments":""}}""",
        """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":3,"delta":"{}"}""",
        """{"type":"response.completed","response":{"id":"resp_s1","status":"completed","output":[]}}""",
    ];

    private static List<SseEvent> Convert(IEnumerable<string> events, bool includeUsage, bool complete = true, string? stop = null, bool reasoningDetails = false) =>
        Golden.Stream(
            new ResponsesStreamToChat("client-model", includeUsage, StopSequences.From(stop is null ? null : JsonNode.Parse(stop)), reasoningDetails, new FakeTimeProvider(TestClock.Start)),
            events.Select(Golden.ResponsesEvent),
            complete);

    /// <summary>The <c>delta</c> of every chunk before <c>[DONE]</c>, in order.</summary>
    private static JsonArray DeltasBeforeDone(List<SseEvent> output) =>
        new([.. output.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!.DeepClone())]);

    /// <summary>The deltas a stream of <paramref name="events"/> between its creation and its completion becomes, and its finish reason.</summary>
    private static (JsonArray Deltas, string? FinishReason) ConvertBetweenCreatedAndCompleted(params string[] events)
    {
        var output = Convert([Created, .. events, Completed], includeUsage: false);
        return (DeltasBeforeDone(output), JsonNode.Parse(output[^2].Data)!["choices"]![0]!["finish_reason"].Str());
    }

    private static string TextDelta(string delta) =>
        new JsonObject { ["type"] = "response.output_text.delta", ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = delta }.ToJsonString();

    [Fact]
    public void TextStream_BecomesRoleChunk_ContentDeltas_FinishReason_UsageChunk_Done()
    {
        var output = Convert(TextStream, includeUsage: true);

        Assert.All(output, e => Assert.Null(e.EventType));
        Assert.True(output[^1].IsDone);
        var chunks = output.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Golden.AssertEqual("""
            [
              {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]},
              {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]},
              {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}]},
              {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]},
              {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[],
               "usage":{"prompt_tokens":11,"completion_tokens":6,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}
            ]
            """, new JsonArray([.. chunks]));
    }

    [Fact]
    public void ClientThatDidNotAskForUsage_GetsNoUsageChunk()
    {
        var output = Convert(TextStream, includeUsage: false);

        Assert.DoesNotContain(output, e => !e.IsDone && JsonNode.Parse(e.Data)!["usage"] is not null);
        Assert.Equal("stop", JsonNode.Parse(output[^2].Data)!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(output[^1].IsDone);
    }

    [Fact]
    public void EachEvent_IsConvertedAsItArrives()
    {
        var converter = new ResponsesStreamToChat("m", false, null, reasoningDetails: false, new FakeTimeProvider(TestClock.Start));
        var output = new List<SseEvent>();

        converter.Convert(Golden.ResponsesEvent(TextStream[0]), output);
        Assert.Single(output);
        converter.Convert(Golden.ResponsesEvent(TextStream[4]), output);
        Assert.Equal("Hel", JsonNode.Parse(output[^1].Data)!["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void ParallelToolCalls_BecomeIndexedToolCallDeltas_AndFinishWithToolCalls()
    {
        var (deltas, finishReason) = ConvertBetweenCreatedAndCompleted(
            """{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"fc_1","type":"function_call","status":"in_progress","call_id":"call_a","name":"lookup","arguments":""}}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_1","output_index":0,"delta":"{\"q\":"}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":4,"item_id":"fc_1","output_index":0,"delta":"\"cat\"}"}""",
            """{"type":"response.function_call_arguments.done","sequence_number":5,"item_id":"fc_1","output_index":0,"name":"lookup","arguments":"{\"q\":\"cat\"}"}""",
            """{"type":"response.output_item.done","sequence_number":6,"output_index":0,"item":{"id":"fc_1","type":"function_call","status":"completed","call_id":"call_a","name":"lookup","arguments":"{\"q\":\"cat\"}"}}""",
            """{"type":"response.output_item.added","sequence_number":7,"output_index":1,"item":{"id":"fc_2","type":"function_call","status":"in_progress","call_id":"call_b","name":"weather","arguments":""}}""",
            """{"type":"response.output_item.done","sequence_number":8,"output_index":1,"item":{"id":"fc_2","type":"function_call","status":"completed","call_id":"call_b","name":"weather","arguments":"{}"}}""");

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":""},
              {"tool_calls":[{"id":"call_a","type":"function","function":{"name":"lookup","arguments":""},"index":0}]},
              {"tool_calls":[{"index":0,"function":{"arguments":"{\"q\":"}}]},
              {"tool_calls":[{"index":0,"function":{"arguments":"\"cat\"}"}}]},
              {"tool_calls":[{"id":"call_b","type":"function","function":{"name":"weather","arguments":""},"index":1}]},
              {"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},
              {}
            ]
            """, deltas);
        Assert.Equal("tool_calls", finishReason);
    }

    [Fact]
    public void ACallSentOnlyInItsFinishedItem_IsPassedOn_WhileAMessageQuotingACallTypeAddsNoCall()
    {
        var (deltas, _) = ConvertBetweenCreatedAndCompleted(
            """{"type":"response.output_item.done","sequence_number":1,"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"say \"function_call\"","annotations":[]}]}}""",
            """{ "type": "response.output_item.done", "sequence_number": 2, "output_index": 1, "item": { "id": "fc_1", "type": "function_call", "call_id": "call_a", "name": "lookup", "arguments": "{}" } }""");

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":""},
              {"tool_calls":[{"id":"call_a","type":"function","function":{"name":"lookup","arguments":""},"index":0}]},
              {"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},
              {}
            ]
            """, deltas);
    }

    [Theory]
    [InlineData("max_output_tokens", "length")]
    [InlineData("content_filter", "content_filter")]
    public void IncompleteResponse_EndsWithMatchingFinishReason(string reason, string finishReason)
    {
        var output = Convert(
        [
            Created,
            $$$"""{"type":"response.incomplete","sequence_number":2,"response":{"id":"resp_s1","status":"incomplete","incomplete_details":{"reason":"{{{reason}}}"},"output":[]}}""",
        ], includeUsage: false);

        Assert.Equal(finishReason, JsonNode.Parse(output[^2].Data)!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(output[^1].IsDone);
    }

    [Fact]
    public void TextDeltas_AreReadByTheirPayload_EscapesDecoded_AMismatchedTypeTakesTheGeneralPath_BrokenJsonANonStringDeltaAndUnusedEventsAddNothing()
    {
        var converter = new ResponsesStreamToChat("client-model", includeUsage: false, stop: null, reasoningDetails: false, new FakeTimeProvider(TestClock.Start));
        var output = new List<SseEvent>();
        converter.Convert(Golden.ResponsesEvent(Created), output);

        converter.Convert(new SseEvent("response.output_text.delta", """{"type":"response.output_text.delta","delta":"caf\u00e9 \"x\"\n"}"""), output);
        converter.Convert(new SseEvent("response.output_text.delta", """{"type":"response.refusal.delta","delta":"no"}"""), output);
        converter.Convert(new SseEvent("response.output_text.delta", """{"type":"response.output_text.delta","delta":"""), output);
        converter.Convert(new SseEvent("response.output_text.delta", """{"type":"response.output_text.delta","delta":5}"""), output);
        converter.Convert(new SseEvent("response.output_text.done", """{"type":"response.output_text.done","text":"caf\u00e9 \"x\"\n"}"""), output);

        var deltas = output.Skip(1).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!.AsObject()).ToList();
        Assert.Equal(2, deltas.Count);
        Assert.Equal("caf\u00e9 \"x\"\n", deltas[0]["content"]!.GetValue<string>());
        Assert.Equal("no", deltas[1]["refusal"]!.GetValue<string>());
    }

    [Fact]
    public void TextDelta_GoesOutAsTheJsonStringItCameIn_UnlessAStopSequenceNeedsItsText()
    {
        var delta = new SseEvent("response.output_text.delta", """{"type":"response.output_text.delta","delta":"caf\u00e9 \u0022x\u0022"}""");
        string Chunk(string? stop)
        {
            var converter = new ResponsesStreamToChat("client-model", includeUsage: false, StopSequences.From(stop is null ? null : JsonNode.Parse(stop)), reasoningDetails: false, new FakeTimeProvider(TestClock.Start));
            var output = new List<SseEvent>();
            converter.Convert(Golden.ResponsesEvent(Created), output);
            converter.Convert(delta, output);
            return Assert.Single(output.Skip(1)).Data;
        }

        var plain = Chunk(stop: null);
        var watched = Chunk(stop: "\"STOP\"");

        Assert.Contains("\"content\":\"caf\\u00e9 \\u0022x\\u0022\"", plain);
        Assert.DoesNotContain("\\u00e9", watched);
        Assert.Equal("caf\u00e9 \"x\"", JsonNode.Parse(plain)!["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("caf\u00e9 \"x\"", JsonNode.Parse(watched)!["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void EventsCutShortAfterTheirType_ArePassedOver_SoACutCompletionEndsTheStreamTruncated()
    {
        var converter = new ResponsesStreamToChat("client-model", includeUsage: true, stop: null, reasoningDetails: false, new FakeTimeProvider(TestClock.Start));
        var output = new List<SseEvent>();
        converter.Convert(Golden.ResponsesEvent(Created), output);
        converter.Convert(Golden.ResponsesEvent(TextDelta("Hi")), output);

        converter.Convert(new SseEvent("response.output_text.done", """{"type":"response.output_text.done","text":"Hi"""), output);
        converter.Convert(new SseEvent("response.completed", """{"type":"response.completed","response":{"id":"resp_s1","status":"completed","usage":"""), output);
        converter.Convert(new SseEvent("response.failed", """{"type":"response.failed","response":{"error":{"message":"x"""), output);
        converter.Convert(new SseEvent("error", """{"type":"error","message":"x"""), output);
        converter.Complete(output);

        Assert.Equal(3, output.Count);
        Assert.Equal("Hi", JsonNode.Parse(output[1].Data)!["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("upstream_stream_truncated", JsonNode.Parse(output[2].Data)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void ReasoningSummaryDeltas_BecomeReasoningContent()
    {
        var output = Convert(
        [
            Created,
            """{"type":"response.reasoning_summary_text.delta","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Think"}""",
            """{"type":"response.completed","sequence_number":3,"response":{"id":"resp_s1","status":"completed","output":[]}}""",
        ], includeUsage: false);

        Assert.Equal("Think", JsonNode.Parse(output[1].Data)!["choices"]![0]!["delta"]!["reasoning_content"]!.GetValue<string>());
    }

    [Fact]
    public void ReasoningSummaryParts_AndReasoningItems_AreSeparatedByABlankLine_AsInAnAnswer()
    {
        var output = Convert(
        [
            Created,
            """{"type":"response.output_item.added","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}""",
            """{"type":"response.reasoning_summary_part.added","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}""",
            """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"**Plan**"}""",
            """{"type":"response.reasoning_summary_part.done","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"**Plan**"}}""",
            """{"type":"response.reasoning_summary_part.added","item_id":"rs_1","output_index":0,"summary_index":1,"part":{"type":"summary_text","text":""}}""",
            """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":1,"delta":"Look it "}""",
            """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":1,"delta":"up."}""",
            """{"type":"response.reasoning_summary_part.done","item_id":"rs_1","output_index":0,"summary_index":1,"part":{"type":"summary_text","text":"Look it up."}}""",
            """{"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}""",
            """{"type":"response.output_item.added","output_index":1,"item":{"id":"rs_2","type":"reasoning","summary":[]}}""",
            """{"type":"response.reasoning_text.delta","item_id":"rs_2","output_index":1,"content_index":0,"delta":"Then answer."}""",
            """{"type":"response.completed","response":{"id":"resp_s1","status":"completed","output":[]}}""",
        ], includeUsage: false);

        var reasoning = string.Concat(output.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!["reasoning_content"]?.GetValue<string>()));
        Assert.Equal("**Plan**\n\nLook it up.\n\nThen answer.", reasoning);
    }

    [Fact]
    public void FinishedReasoningItems_SendTheirEncryptedContentAfterTheirText_AsDetailsWithoutSummary()
    {
        var output = Convert(EncryptedReasoningStream, includeUsage: false, reasoningDetails: true);

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":""},
              {"reasoning_content":"Two "},
              {"reasoning_content":"cities."},
              {"reasoning_details":[{"type":"reasoning.encrypted","id":"rs_1","data":"gAAAA1==","format":"openai-responses-v1"}]},
              {"reasoning_details":[{"type":"reasoning.encrypted","id":"rs_2","data":"gAAAA2==","format":"openai-responses-v1"}]},
              {"reasoning_content":"Whole."},
              {"reasoning_details":[{"type":"reasoning.encrypted","id":"rs_3","data":"gAAAA3==","format":"openai-responses-v1"}]},
              {"tool_calls":[{"id":"call_a","type":"function","function":{"name":"lookup","arguments":""},"index":0}]},
              {"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},
              {}
            ]
            """, DeltasBeforeDone(output));
    }

    [Fact]
    public void AChatClient_GetsOnlyTheStreamedReasoningText()
    {
        var output = Convert(EncryptedReasoningStream, includeUsage: false);

        var reasoning = string.Concat(output.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!["reasoning_content"]?.GetValue<string>()));
        Assert.Equal("Two cities.", reasoning);
        Assert.DoesNotContain(output, e => e.Data.Contains("reasoning_details", StringComparison.Ordinal));
    }

    [Fact]
    public void UpstreamErrorEvent_BecomesChatErrorChunk_AndNothingAfterIt()
    {
        var output = Convert(
        [
            Created,
            """{"type":"error","sequence_number":1,"code":"rate_limit_exceeded","message":"Slow down","param":null}""",
            """{"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"late","logprobs":[]}""",
        ], includeUsage: true);

        Assert.Equal(2, output.Count);
        Golden.AssertEqual("""{"error":{"message":"Slow down","type":"server_error","param":null,"code":"rate_limit_exceeded"}}""", JsonNode.Parse(output[1].Data));
    }

    [Fact]
    public void ResponseFailed_BecomesChatErrorChunk()
    {
        var output = Convert(
        [
            Created,
            """{"type":"response.failed","sequence_number":1,"response":{"id":"resp_s1","status":"failed","error":{"code":"server_error","message":"The model failed."},"output":[]}}""",
        ], includeUsage: false);

        Assert.Equal("The model failed.", JsonNode.Parse(output[^1].Data)!["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(output, e => e.IsDone);
    }

    [Fact]
    public void StreamCutBeforeCompletion_EndsWithAnErrorChunk()
    {
        var output = Convert(TextStream.Take(5), includeUsage: true);

        Assert.Equal("upstream_stream_truncated", JsonNode.Parse(output[^1].Data)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void ClientStopSequence_CutsTheStreamedText_EvenAcrossDeltas_AndFinishesWithStop()
    {
        var output = Convert(
        [
            Created,
            TextDelta("Hello wor"),
            TextDelta("ld\n"),
            TextDelta("\nMore text"),
            TextDelta(" and more"),
            $$$"""{"type":"response.incomplete","sequence_number":9,"response":{"id":"resp_s1","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}}""",
        ], includeUsage: false, stop: """["\n\n","END"]""");

        var content = string.Concat(output.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("Hello world", content);
        Assert.Equal("stop", JsonNode.Parse(output[^2].Data)!["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public void HeldBackText_ThatNeverBecameAStopSequence_IsSentBeforeTheFinish()
    {
        var output = Convert([Created, TextDelta("almost EN"), TextDelta("d? no: EN"), InProgress.Replace("response.in_progress", "response.completed")], includeUsage: false, stop: "\"END\"");

        var deltas = output.SkipLast(2).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!["content"]?.GetValue<string>()).ToList();
        Assert.Equal(["", "almost ", "ENd? no: ", "EN"], deltas);
        Assert.Equal("stop", JsonNode.Parse(output[^2].Data)!["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }
}
