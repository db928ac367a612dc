namespace Gateway.Tests.Protocols;

/// <summary>SPEC 3 and 4.6: which upstream events are handshake, content, a terminal success or a failure.</summary>
public sealed class AnswerPolicyTests
{
    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", StreamEventKind.Handshake)]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant"}}]}""", StreamEventKind.Handshake)]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":null,"tool_calls":[]}}]}""", StreamEventKind.Handshake)]
    [InlineData("""{"choices":[],"prompt_filter_results":[]}""", StreamEventKind.Handshake)]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"Hi"}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{"reasoning_content":"thinking"}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{"refusal":"No"}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f"}}]}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"custom","custom":{"name":"apply_patch","input":""}}]}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"custom":{"input":"*** Begin Patch"}}]}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":0}}""", StreamEventKind.Content)]
    [InlineData("[DONE]", StreamEventKind.TerminalSuccess)]
    [InlineData("""{"error":{"message":"overloaded","type":"server_error"}}""", StreamEventKind.Failure)]
    [InlineData("""{"error":"bare message"}""", StreamEventKind.Failure)]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"Hi"}}],"error":{"message":"overloaded"}}""", StreamEventKind.Failure)]
    [InlineData("""{"error":null,"choices":[{"index":0,"delta":{"role":"assistant"}}]}""", StreamEventKind.Handshake)]
    [InlineData("""{"usage":null,"choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""", StreamEventKind.Handshake)]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}""", StreamEventKind.Content)]
    [InlineData("""{"choices":["x",{"index":0,"delta":{"content":"Hi"}}]}""", StreamEventKind.Content)]
    [InlineData("not json", StreamEventKind.Unreadable)]
    [InlineData("[1,2]", StreamEventKind.Unreadable)]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"Hi"}}]""", StreamEventKind.Unreadable)]
    [InlineData("", StreamEventKind.Handshake)]
    [InlineData(" ", StreamEventKind.Handshake)]
    public void ChatChunks(string data, StreamEventKind expected) =>
        Assert.Equal(expected, AnswerPolicies.For(ApiProtocol.Chat).Classify(new SseEvent(null, data)).Kind);

    [Theory]
    [InlineData("response.created", """{"response":{"id":"r"}}""", StreamEventKind.Handshake)]
    [InlineData("response.in_progress", """{"response":{"id":"r"}}""", StreamEventKind.Handshake)]
    [InlineData("response.queued", """{"response":{"id":"r"}}""", StreamEventKind.Handshake)]
    [InlineData("response.output_item.added", """{"item":{"type":"message","content":[]}}""", StreamEventKind.Handshake)]
    [InlineData("response.output_item.added", """{"item":{"type":"reasoning","summary":[]}}""", StreamEventKind.Handshake)]
    [InlineData("response.output_item.added", """{"item":{"type":"message","content":null}}""", StreamEventKind.Handshake)]
    [InlineData("response.output_item.added", """{"item":{"type":"message","content":[{"type":"output_text","text":"Hi"}]}}""", StreamEventKind.Content)]
    [InlineData("response.output_item.added", """{"item":{"type":"reasoning","summary":[{"type":"summary_text","text":"hmm"}]}}""", StreamEventKind.Content)]
    [InlineData("response.output_item.added", """{"item":{"content":[]}}""", StreamEventKind.Content)]
    [InlineData("response.output_item.added", """{"item":{"type":"function_call","name":"f","call_id":"c"}}""", StreamEventKind.Content)]
    [InlineData("response.output_item.added", """{"item":{"type":"custom_tool_call","name":"apply_patch","call_id":"c","input":""}}""", StreamEventKind.Content)]
    [InlineData("response.custom_tool_call_input.delta", """{"item_id":"ctc_1","delta":"*** Begin Patch"}""", StreamEventKind.Content)]
    [InlineData("response.custom_tool_call_input.delta", """{"item_id":"ctc_1","delta":""}""", StreamEventKind.Handshake)]
    [InlineData("response.custom_tool_call_input.done", """{"item_id":"ctc_1","input":"*** Begin Patch"}""", StreamEventKind.Content)]
    [InlineData("response.content_part.added", """{"part":{"type":"output_text","text":""}}""", StreamEventKind.Handshake)]
    [InlineData("response.content_part.added", """{"part":{"type":"output_text","text":"Hi"}}""", StreamEventKind.Content)]
    [InlineData("response.content_part.added", """{"part":{"type":"refusal","refusal":"No"}}""", StreamEventKind.Content)]
    [InlineData("response.content_part.added", """{"part":null}""", StreamEventKind.Handshake)]
    [InlineData("response.reasoning_summary_part.added", """{"part":{"type":"summary_text","text":""}}""", StreamEventKind.Handshake)]
    [InlineData("response.output_text.delta", """{"delta":""}""", StreamEventKind.Handshake)]
    [InlineData("response.output_text.delta", """{"delta":"Hi"}""", StreamEventKind.Content)]
    [InlineData("response.reasoning_summary_text.delta", """{"delta":"thinking"}""", StreamEventKind.Content)]
    [InlineData("response.function_call_arguments.delta", """{"delta":"{"}""", StreamEventKind.Content)]
    [InlineData("response.completed", """{"response":{"status":"completed"}}""", StreamEventKind.TerminalSuccess)]
    [InlineData("response.incomplete", """{"response":{"status":"incomplete"}}""", StreamEventKind.TerminalSuccess)]
    [InlineData("response.failed", """{"response":{"error":{"code":"server_error","message":"x"}}}""", StreamEventKind.Failure)]
    [InlineData("error", """{"code":"rate_limit_exceeded","message":"x"}""", StreamEventKind.Failure)]
    [InlineData("response.web_search_call.searching", """{"item_id":"ws"}""", StreamEventKind.Content)]
    public void ResponsesEvents(string type, string fields, StreamEventKind expected)
    {
        var data = fields.Insert(1, $"\"type\":\"{type}\",");

        Assert.Equal(expected, AnswerPolicies.For(ApiProtocol.Responses).Classify(new SseEvent(type, data)).Kind);
    }

    [Theory]
    [InlineData("response.created", """{"type":"error","code":"server_error","message":"x"}""", StreamEventKind.Failure)]
    [InlineData(null, """{"type":"response.created","response":{}}""", StreamEventKind.Handshake)]
    [InlineData("response.created", """{"response":{}}""", StreamEventKind.Handshake)]
    [InlineData("response.completed", """{"type":7,"response":{}}""", StreamEventKind.TerminalSuccess)]
    [InlineData("response.output_text.delta", """{"type":"response.output_text.delta","delta":{"text":""}}""", StreamEventKind.Content)]
    [InlineData("response.output_text.delta", "not json", StreamEventKind.Unreadable)]
    [InlineData("response.created", """{"type":"response.created","response":{"id":""", StreamEventKind.Unreadable)]
    [InlineData("response.created", "", StreamEventKind.Handshake)]
    public void ResponsesEvents_AreToldByThePayloadsOwnTypeElseTheEventName_AndDataThatIsNoObjectIsUnreadable(string? name, string data, StreamEventKind expected) =>
        Assert.Equal(expected, AnswerPolicies.For(ApiProtocol.Responses).Classify(new SseEvent(name, data)).Kind);

    [Theory]
    [InlineData("message_start", """{"message":{"id":"msg_1","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}""", StreamEventKind.Handshake)]
    [InlineData("ping", "{}", StreamEventKind.Handshake)]
    [InlineData("content_block_start", """{"index":0,"content_block":{"type":"text","text":""}}""", StreamEventKind.Handshake)]
    [InlineData("content_block_start", """{"index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""", StreamEventKind.Handshake)]
    [InlineData("content_block_start", """{"index":0,"content_block":{"type":"text","text":"Hi"}}""", StreamEventKind.Content)]
    [InlineData("content_block_start", """{"index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}""", StreamEventKind.Content)]
    [InlineData("content_block_start", """{"index":0,"content_block":{"type":"redacted_thinking","data":"x"}}""", StreamEventKind.Content)]
    [InlineData("content_block_delta", """{"index":0,"delta":{"type":"text_delta","text":""}}""", StreamEventKind.Handshake)]
    [InlineData("content_block_delta", """{"index":0,"delta":{"type":"text_delta","text":"Hi"}}""", StreamEventKind.Content)]
    [InlineData("content_block_delta", """{"index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}""", StreamEventKind.Content)]
    [InlineData("content_block_delta", """{"index":0,"delta":{"type":"signature_delta","signature":"sig"}}""", StreamEventKind.Content)]
    [InlineData("content_block_delta", """{"index":0,"delta":{"type":"input_json_delta","partial_json":"{"}}""", StreamEventKind.Content)]
    [InlineData("content_block_delta", """{"index":0,"delta":{"type":"citations_delta","citation":{}}}""", StreamEventKind.Content)]
    [InlineData("content_block_stop", """{"index":0}""", StreamEventKind.Handshake)]
    [InlineData("message_delta", """{"delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}""", StreamEventKind.Content)]
    [InlineData("message_stop", "{}", StreamEventKind.TerminalSuccess)]
    [InlineData("error", """{"error":{"type":"overloaded_error","message":"Overloaded"}}""", StreamEventKind.Failure)]
    public void MessagesEvents(string type, string fields, StreamEventKind expected)
    {
        var data = fields == "{}" ? $"{{\"type\":\"{type}\"}}" : fields.Insert(1, $"\"type\":\"{type}\",");

        Assert.Equal(expected, AnswerPolicies.For(ApiProtocol.Messages).Classify(new SseEvent(type, data)).Kind);
    }

    [Theory]
    [InlineData("not json", StreamEventKind.Unreadable)]
    [InlineData("", StreamEventKind.Handshake)]
    public void MessagesDataThatIsNoObject(string data, StreamEventKind expected) =>
        Assert.Equal(expected, AnswerPolicies.For(ApiProtocol.Messages).Classify(new SseEvent("content_block_delta", data)).Kind);

    [Fact]
    public void AnAnthropicErrorEventCarriesItsTypeAndMessage()
    {
        var sse = new SseEvent("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        var error = AnswerPolicies.For(ApiProtocol.Messages).Classify(sse).Error!;

        Assert.Equal(("overloaded_error", "Overloaded"), (error.Type, error.Message));
    }

    [Fact]
    public void AFailureEventCarriesTheErrorItReported()
    {
        var sse = new SseEvent("response.failed", """{"type":"response.failed","response":{"error":{"code":"usage_limit_reached","message":"limit","resets_in_seconds":90}}}""");

        var error = AnswerPolicies.For(ApiProtocol.Responses).Classify(sse).Error!;

        Assert.Equal(("usage_limit_reached", "limit", 90.0), (error.Code, error.Message, error.ResetsInSeconds));
    }

    [Theory]
    [InlineData(ApiProtocol.Chat, """{"id":"c","choices":[{"message":{"content":"ok"}}]}""", null)]
    [InlineData(ApiProtocol.Chat, """{"error":{"message":"overloaded","type":"server_error"}}""", "overloaded")]
    [InlineData(ApiProtocol.Chat, """{"error":"bare"}""", "bare")]
    [InlineData(ApiProtocol.Responses, """{"id":"r","status":"completed","error":null,"output":[]}""", null)]
    [InlineData(ApiProtocol.Responses, """{"id":"r","status":"incomplete","output":[]}""", null)]
    [InlineData(ApiProtocol.Responses, """{"id":"r","status":"failed","error":{"code":"server_error","message":"failed inside"}}""", "failed inside")]
    [InlineData(ApiProtocol.Responses, """{"id":"r","status":"failed"}""", "The upstream reported an error.")]
    [InlineData(ApiProtocol.Messages, """{"id":"msg_1","type":"message","content":[],"stop_reason":"end_turn"}""", null)]
    [InlineData(ApiProtocol.Messages, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", "Overloaded")]
    public void WholeBodiesThatAreFailures(ApiProtocol protocol, string body, string? expectedMessage)
    {
        using var document = JsonDocument.Parse(body);

        Assert.Equal(expectedMessage, AnswerPolicies.For(protocol).FailureIn(document.RootElement)?.Message);
    }
}
