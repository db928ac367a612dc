namespace Gateway.Tests.Protocols;

public sealed class ChatStreamToResponsesTests
{
    private const string UsageChunk = """{"id":"chatcmpl-c1","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":1}}}""";

    internal static string Chunk(string delta, string? finish = null) => new JsonObject
    {
        ["id"] = "chatcmpl-c1",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1700000000,
        ["model"] = "deepseek-chat",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = JsonNode.Parse(delta), ["logprobs"] = null, ["finish_reason"] = finish }),
    }.ToJsonString();

    private static List<SseEvent> Convert(IEnumerable<string> chunks, bool done = true, bool complete = true, bool reasoningDetails = true)
    {
        var envelope = new ResponseEnvelope("client-model", 1);
        envelope.EchoRequest(Golden.Parse("""{"model":"client-model","instructions":"Be brief","stream":true}"""));
        var events = chunks.Select(Golden.Data).ToList();
        if (done)
        {
            events.Add(SseEvent.Done);
        }

        return Golden.Stream(new ChatStreamToResponses(envelope, new ChatToolNames(), reasoningDetails: reasoningDetails), events, complete);
    }

    private static List<string> Types(List<SseEvent> events) => [.. events.Select(e => e.EventType!)];

    private static JsonObject Payload(SseEvent e) => JsonNode.Parse(e.Data)!.AsObject();

    [Fact]
    public void TextStream_EmitsEveryResponsesEventInOrder_WithSequenceNumbers()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"content":"Hel"}"""),
            Chunk("""{"content":"lo"}"""),
            Chunk("{}", "stop"),
            UsageChunk,
        ]);

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        ], Types(output));
        Assert.Equal(Enumerable.Range(0, output.Count), output.Select(e => Payload(e)["sequence_number"]!.GetValue<int>()));
        Assert.All(output, e => Assert.Equal(e.EventType, Payload(e)["type"]!.GetValue<string>()));

        var created = Payload(output[0])["response"]!;
        Assert.StartsWith("resp_", created["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(created["id"]!.GetValue<string>(), Payload(output[^1])["response"]!["id"]!.GetValue<string>());
        Assert.Equal("in_progress", created["status"]!.GetValue<string>());
        Assert.Equal("Be brief", created["instructions"]!.GetValue<string>());

        Golden.AssertEqual("""{"type":"response.output_text.delta","item_id":"msg_*","output_index":0,"content_index":0,"delta":"Hel","logprobs":[],"sequence_number":4}""", Payload(output[4]));
        Golden.AssertEqual("""{"type":"response.output_text.done","item_id":"msg_*","output_index":0,"content_index":0,"text":"Hello","logprobs":[],"sequence_number":6}""", Payload(output[6]));

        var completed = Payload(output[^1])["response"]!;
        Golden.AssertEqual("""
            {
              "id": "resp_*", "object": "response", "created_at": 1700000000, "status": "completed", "error": null, "incomplete_details": null, "model": "client-model",
              "output": [ { "id": "msg_*", "type": "message", "status": "completed", "role": "assistant", "content": [ { "type": "output_text", "text": "Hello", "annotations": [], "logprobs": [] } ] } ],
              "usage": { "input_tokens": 12, "input_tokens_details": { "cached_tokens": 8 }, "output_tokens": 5, "output_tokens_details": { "reasoning_tokens": 1 }, "total_tokens": 17 },
              "instructions": "Be brief", "max_output_tokens": null, "metadata": {}, "parallel_tool_calls": true, "previous_response_id": null,
              "reasoning": { "effort": null, "summary": null }, "store": true, "temperature": 1, "text": { "format": { "type": "text" } },
              "tool_choice": "auto", "tools": [], "top_p": 1, "truncation": "disabled", "user": null
            }
            """, completed);
    }

    [Fact]
    public void EachChunk_IsConvertedAsItArrives()
    {
        var converter = new ChatStreamToResponses(new ResponseEnvelope("m", 1), new ChatToolNames());
        var output = new List<SseEvent>();

        converter.Convert(Golden.Data(Chunk("""{"role":"assistant","content":"Hi"}""")), output);

        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta"], Types(output));
    }

    [Fact]
    public void TextThenParallelToolCalls_CloseTheMessageFirst_AndCompleteEveryCall()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","content":"Checking."}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"lookup","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"q\":"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"weather","arguments":"{}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"cat\"}"}}]}"""),
            Chunk("{}", "tool_calls"),
            UsageChunk,
        ]);

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.completed",
        ], Types(output));

        Golden.AssertEqual("""{"type":"response.output_item.added","output_index":1,"item":{"id":"fc_*","type":"function_call","status":"in_progress","call_id":"call_a","name":"lookup","arguments":""},"sequence_number":8}""", Payload(output[8]));
        Golden.AssertEqual("""{"type":"response.function_call_arguments.done","item_id":"fc_*","output_index":1,"name":"lookup","arguments":"{\"q\":\"cat\"}","sequence_number":13}""", Payload(output[13]));

        var completed = Payload(output[^1])["response"]!;
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Golden.AssertEqual("""
            [
              { "id": "msg_*", "type": "message", "status": "completed", "role": "assistant", "content": [ { "type": "output_text", "text": "Checking.", "annotations": [], "logprobs": [] } ] },
              { "id": "fc_*", "type": "function_call", "status": "completed", "call_id": "call_a", "name": "lookup", "arguments": "{\"q\":\"cat\"}" },
              { "id": "fc_*", "type": "function_call", "status": "completed", "call_id": "call_b", "name": "weather", "arguments": "{}" }
            ]
            """, completed["output"]);
    }

    [Fact]
    public void TextAfterAToolCall_OpensANewMessageItem_SoTheCompletedResponseKeepsIt()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","content":"Checking."}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"lookup","arguments":"{}"}}]}"""),
            Chunk("""{"content":"Meanwhile…"}"""),
            Chunk("{}", "tool_calls"),
        ]);

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.completed",
        ], Types(output));
        Golden.AssertEqual("""{"type":"response.output_text.delta","item_id":"msg_*","output_index":2,"content_index":0,"delta":"Meanwhile…","logprobs":[],"sequence_number":12}""", Payload(output[12]));
        var items = Payload(output[^1])["response"]!["output"]!.AsArray();
        Assert.Equal(["message", "function_call", "message"], items.Select(i => i!["type"]!.GetValue<string>()));
        Assert.NotEqual(items[0]!["id"]!.GetValue<string>(), items[2]!["id"]!.GetValue<string>());
        Golden.AssertEqual("""[{"type":"output_text","text":"Meanwhile…","annotations":[],"logprobs":[]}]""", items[2]!["content"]);
    }

    [Fact]
    public void ReasoningAfterTheAnswerBegan_OpensANewReasoningItem_SoTheCompletedResponseKeepsIt()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","reasoning_content":"First."}"""),
            Chunk("""{"content":"Step one."}"""),
            Chunk("""{"reasoning_content":"Second."}"""),
            Chunk("{}", "stop"),
        ]);

        var items = Payload(output[^1])["response"]!["output"]!.AsArray();
        Golden.AssertEqual("""
            [
              {"id":"rs_*","type":"reasoning","summary":[{"type":"summary_text","text":"First."}]},
              {"id":"msg_*","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Step one.","annotations":[],"logprobs":[]}]},
              {"id":"rs_*","type":"reasoning","summary":[{"type":"summary_text","text":"Second."}]}
            ]
            """, items);
        Assert.NotEqual(items[0]!["id"]!.GetValue<string>(), items[2]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void ReasoningContent_BecomesAReasoningItemWithSummaryEvents_BeforeTheMessage()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","reasoning_content":"Think"}"""),
            Chunk("""{"reasoning_content":"ing"}"""),
            Chunk("""{"content":"Done"}"""),
            Chunk("{}", "stop"),
        ]);

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        ], Types(output));
        Golden.AssertEqual("""[{"id":"rs_*","type":"reasoning","summary":[{"type":"summary_text","text":"Thinking"}]}]""", new JsonArray(Payload(output[^1])["response"]!["output"]![0]!.DeepClone()));
    }

    [Fact]
    public void ReasoningDetails_CloseTheirReasoningItems_WithTheEncryptedContent_ARedactedOneAsAnItemOfItsOwn()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"reasoning_details":[{"type":"reasoning.encrypted","data":"EmwK","format":"anthropic-claude-v1"}]}"""),
            Chunk("""{"reasoning_content":"Two "}"""),
            Chunk("""{"reasoning_content":"cities."}"""),
            Chunk("""{"reasoning_details":[{"type":"reasoning.text","signature":"EqQB","format":"anthropic-claude-v1"}]}"""),
            Chunk("""{"reasoning_content":"Then Rome."}"""),
            Chunk("""{"content":"Done"}"""),
            Chunk("{}", "stop"),
        ]);

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.output_item.done",
            "response.output_item.added", "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        ], Types(output));
        Golden.AssertEqual("""{"type":"response.reasoning_summary_text.done","item_id":"rs_*","output_index":1,"summary_index":0,"text":"Two cities.","sequence_number":8}""", Payload(output[8]));

        var done = output.Where(e => e.EventType == "response.output_item.done").Select(e => Payload(e)["item"]!).ToList();
        var items = Payload(output[^1])["response"]!["output"]!.AsArray();
        Assert.Equal(done.Select(i => i.ToJsonString()), items.Select(i => i!.ToJsonString()));
        Assert.Equal(
            [Payload(output[2])["item"]!["id"]!.GetValue<string>(), Payload(output[4])["item"]!["id"]!.GetValue<string>()],
            [items[0]!["id"]!.GetValue<string>(), items[1]!["id"]!.GetValue<string>()]);
        Golden.AssertEqual("""{"type":"redacted_thinking","data":"EmwK"}""", ThinkingOf(items[0]));
        Golden.AssertEqual("""{"type":"thinking","thinking":"Two cities.","signature":"EqQB"}""", ThinkingOf(items[1]));
        Golden.AssertEqual("""[{"type":"summary_text","text":"Two cities."}]""", items[1]!["summary"]);
        Golden.AssertEqual("""{"id":"rs_*","type":"reasoning","summary":[{"type":"summary_text","text":"Then Rome."}]}""", items[2]);
    }

    [Fact]
    public void ASignatureWithNoTextBeforeIt_IsAReasoningItemOfItsOwn_WithoutSummary()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","reasoning_details":[{"type":"reasoning.text","signature":"EqQB","format":"anthropic-claude-v1"}]}"""),
            Chunk("{}", "stop"),
        ]);

        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.output_item.done", "response.completed"], Types(output));
        Golden.AssertEqual("""{"type":"response.output_item.added","output_index":0,"item":{"id":"rs_*","type":"reasoning","summary":[]},"sequence_number":2}""", Payload(output[2]));
        var item = Payload(output[^1])["response"]!["output"]![0]!;
        Golden.AssertEqual("[]", item["summary"]);
        Golden.AssertEqual("""{"type":"thinking","thinking":"","signature":"EqQB"}""", ThinkingOf(item));
    }

    [Fact]
    public void AChatUpstreamsOwnReasoningDetails_AreNotPassedOn()
    {
        var output = Convert(
        [
            Chunk("""{"role":"assistant","reasoning_content":"Thinking.","reasoning_details":[{"type":"reasoning.encrypted","id":"rs_or","data":"enc","format":"openai-responses-v1"}]}"""),
            Chunk("{}", "stop"),
        ], reasoningDetails: false);

        Golden.AssertEqual(
            """[{"id":"rs_*","type":"reasoning","summary":[{"type":"summary_text","text":"Thinking."}]}]""",
            Payload(output[^1])["response"]!["output"]);
    }

    // The Messages block a reasoning item's encrypted content comes back as.
    private static JsonObject? ThinkingOf(JsonNode? item) =>
        ReasoningDetails.ToThinking(ReasoningDetails.FromReasoningItem(item!.AsObject())!);

    [Theory]
    [InlineData("length", "max_output_tokens")]
    [InlineData("content_filter", "content_filter")]
    public void TruncatedAnswer_EndsWithResponseIncomplete(string finishReason, string reason)
    {
        var output = Convert([Chunk("""{"role":"assistant","content":"Part"}"""), Chunk("{}", finishReason)]);

        Assert.Equal("response.incomplete", output[^1].EventType);
        var response = Payload(output[^1])["response"]!;
        Assert.Equal("incomplete", response["status"]!.GetValue<string>());
        Assert.Equal(reason, response["incomplete_details"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void MissingDone_StillCompletes_WhenAFinishReasonArrived()
    {
        var output = Convert([Chunk("""{"role":"assistant","content":"Hi"}"""), Chunk("{}", "stop")], done: false);

        Assert.Equal("response.completed", output[^1].EventType);
    }

    [Fact]
    public void UsageOnTheFinishChunk_IsReported()
    {
        var finishWithUsage = Chunk("{}", "stop")[..^1] + ""","usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""";

        var output = Convert([Chunk("""{"content":"x"}"""), finishWithUsage]);

        Assert.Equal(7, Payload(output[^1])["response"]!["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void UpstreamErrorChunk_BecomesErrorEventThenResponseFailed()
    {
        var output = Convert([Chunk("""{"content":"x"}"""), """{"error":{"message":"Overloaded","type":"server_error","code":"overloaded"}}"""], done: false);

        Assert.Equal(["error", "response.failed"], Types(output)[^2..]);
        Golden.AssertEqual("""{"type":"error","code":"overloaded","message":"Overloaded","param":null,"sequence_number":5}""", Payload(output[^2]));
        Assert.Equal("failed", Payload(output[^1])["response"]!["status"]!.GetValue<string>());
        Assert.Equal("Overloaded", Payload(output[^1])["response"]!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void StreamCutBeforeAnyFinishReason_FailsTheResponse()
    {
        var output = Convert([Chunk("""{"content":"x"}""")], done: false);

        Assert.Equal(["error", "response.failed"], Types(output)[^2..]);
        Assert.Equal("upstream_stream_truncated", Payload(output[^2])["code"]!.GetValue<string>());
    }

    [Fact]
    public void NothingIsEmitted_AfterTheTerminalEvent()
    {
        var converter = new ChatStreamToResponses(new ResponseEnvelope("m", 1), new ChatToolNames());
        var output = new List<SseEvent>();
        converter.Convert(Golden.Data(Chunk("{}", "stop")), output);
        converter.Convert(SseEvent.Done, output);
        var count = output.Count;

        converter.Convert(Golden.Data(Chunk("""{"content":"late"}""")), output);
        converter.Complete(output);

        Assert.Equal(count, output.Count);
    }

    [Fact]
    public void RefusalDeltas_BecomeARefusalPartOfTheMessage()
    {
        var output = Convert([Chunk("""{"role":"assistant","refusal":"I can"}"""), Chunk("""{"refusal":"not help."}"""), Chunk("{}", "stop")]);

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added", "response.refusal.delta", "response.refusal.delta",
            "response.refusal.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        ], Types(output));
        Golden.AssertEqual("""{"type":"response.refusal.done","item_id":"msg_*","output_index":0,"content_index":0,"refusal":"I cannot help.","sequence_number":6}""", Payload(output[6]));
        Golden.AssertEqual("""[{"type":"refusal","refusal":"I cannot help."}]""", Payload(output[^1])["response"]!["output"]![0]!["content"]);
    }
}
