namespace Gateway.Tests.Protocols;

public sealed class AnswerConversionTests
{
    private static readonly FakeTimeProvider Time = new(TestClock.Start);

    [Fact]
    public void ResponsesAnswer_BecomesChatCompletion_WithToolCallsReasoningAndUsage()
    {
        var chat = ResponsesAnswerToChat.Convert(Golden.Parse("""
            {
              "id": "resp_abc", "object": "response", "created_at": 1700000000, "status": "completed", "model": "gpt-4o-2024-08-06",
              "output": [
                { "id": "rs_1", "type": "reasoning", "summary": [ { "type": "summary_text", "text": "Thinking." } ] },
                { "id": "msg_1", "type": "message", "status": "completed", "role": "assistant", "content": [
                  { "type": "output_text", "text": "Hello ", "annotations": [] }, { "type": "output_text", "text": "world", "annotations": [] } ] },
                { "id": "fc_1", "type": "function_call", "status": "completed", "call_id": "call_1", "name": "a", "arguments": "{}" },
                { "id": "fc_2", "type": "function_call", "status": "completed", "call_id": "call_2", "name": "b", "arguments": "{\"x\":1}" }
              ],
              "usage": { "input_tokens": 100, "input_tokens_details": { "cached_tokens": 40 }, "output_tokens": 20, "output_tokens_details": { "reasoning_tokens": 8 }, "total_tokens": 120 }
            }
            """), "client-model", null, reasoningDetails: false, Time);

        Golden.AssertEqual("""
            {
              "id": "chatcmpl-abc", "object": "chat.completion", "created": 1700000000, "model": "client-model",
              "choices": [ { "index": 0, "logprobs": null, "finish_reason": "tool_calls", "message": {
                "role": "assistant", "content": "Hello world", "refusal": null, "reasoning_content": "Thinking.",
                "tool_calls": [
                  { "id": "call_1", "type": "function", "function": { "name": "a", "arguments": "{}" } },
                  { "id": "call_2", "type": "function", "function": { "name": "b", "arguments": "{\"x\":1}" } } ] } } ],
              "usage": { "prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120,
                "prompt_tokens_details": { "cached_tokens": 40 }, "completion_tokens_details": { "reasoning_tokens": 8 } }
            }
            """, chat);
    }

    [Fact]
    public void ChatAnswer_BecomesResponse_EchoingTheClientRequest()
    {
        var envelope = new ResponseEnvelope("my-model", 1);
        envelope.EchoRequest(Golden.Parse("""{"model":"my-model","instructions":"Be nice","temperature":0.3,"tools":[{"type":"function","name":"f","parameters":{}}]}"""));

        var response = ChatAnswerToResponses.Convert(Golden.Parse("""
            {
              "id": "chatcmpl-xyz", "object": "chat.completion", "created": 1700000001, "model": "deepseek-chat",
              "choices": [ { "index": 0, "finish_reason": "tool_calls", "message": { "role": "assistant", "content": "Hi", "reasoning_content": "Hmm.",
                "tool_calls": [ { "id": "call_9", "type": "function", "function": { "name": "f", "arguments": "{\"a\":1}" } } ] } } ],
              "usage": { "prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15, "prompt_tokens_details": { "cached_tokens": 3 }, "completion_tokens_details": { "reasoning_tokens": 2 } }
            }
            """), envelope, new ChatToolNames());

        Golden.AssertEqual("""
            {
              "id": "resp_*", "object": "response", "created_at": 1700000001, "status": "completed", "error": null, "incomplete_details": null, "model": "my-model",
              "output": [
                { "id": "rs_*", "type": "reasoning", "summary": [ { "type": "summary_text", "text": "Hmm." } ] },
                { "id": "msg_*", "type": "message", "status": "completed", "role": "assistant", "content": [ { "type": "output_text", "text": "Hi", "annotations": [], "logprobs": [] } ] },
                { "id": "fc_*", "type": "function_call", "status": "completed", "call_id": "call_9", "name": "f", "arguments": "{\"a\":1}" }
              ],
              "usage": { "input_tokens": 10, "input_tokens_details": { "cached_tokens": 3 }, "output_tokens": 5, "output_tokens_details": { "reasoning_tokens": 2 }, "total_tokens": 15 },
              "instructions": "Be nice", "max_output_tokens": null, "metadata": {}, "parallel_tool_calls": true, "previous_response_id": null,
              "reasoning": { "effort": null, "summary": null }, "store": true, "temperature": 0.3, "text": { "format": { "type": "text" } },
              "tool_choice": "auto", "tools": [ { "type": "function", "name": "f", "parameters": {} } ], "top_p": 1, "truncation": "disabled", "user": null
            }
            """, response);
    }

    [Fact]
    public void AChatToolCallWithoutAnId_GetsACallIdOfItsOwn_AsInAStream()
    {
        var response = ChatAnswerToResponses.Convert(Golden.Parse("""
            {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}}]}
            """), new ResponseEnvelope("m", 1), new ChatToolNames());

        Assert.StartsWith("call_", response["output"]![0]!["call_id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop", "completed", null)]
    [InlineData("tool_calls", "completed", null)]
    [InlineData("length", "incomplete", "max_output_tokens")]
    [InlineData("content_filter", "incomplete", "content_filter")]
    public void ChatFinishReason_BecomesResponsesStatus(string finishReason, string status, string? incompleteReason)
    {
        var (actualStatus, details) = FinishReasons.ToResponses(finishReason);

        Assert.Equal(status, actualStatus);
        Assert.Equal(incompleteReason, details?["reason"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("completed", null, false, "stop")]
    [InlineData("completed", null, true, "tool_calls")]
    [InlineData("incomplete", "max_output_tokens", false, "length")]
    [InlineData("incomplete", "content_filter", false, "content_filter")]
    public void ResponsesStatus_BecomesChatFinishReason(string status, string? incompleteReason, bool hasToolCalls, string finishReason) =>
        Assert.Equal(finishReason, FinishReasons.ToChat(status, incompleteReason, hasToolCalls));

    [Fact]
    public void RoundTrip_ChatAnswerThroughResponses_IsUnchanged()
    {
        const string original = """
            {
              "id": "chatcmpl-rt", "object": "chat.completion", "created": 1700000002, "model": "m",
              "choices": [ { "index": 0, "logprobs": null, "finish_reason": "length", "message": { "role": "assistant", "content": "Partial", "refusal": null } } ],
              "usage": { "prompt_tokens": 7, "completion_tokens": 9, "total_tokens": 16, "prompt_tokens_details": { "cached_tokens": 0 }, "completion_tokens_details": { "reasoning_tokens": 0 } }
            }
            """;

        var response = ChatAnswerToResponses.Convert(Golden.Parse(original), new ResponseEnvelope("m", 1), new ChatToolNames());
        var back = ResponsesAnswerToChat.Convert(response, "m", null, reasoningDetails: false, Time);

        // Only the id is new: the response's id names it in the gateway's store, so it is never an upstream's.
        Golden.AssertEqual(original.Replace("chatcmpl-rt", "chatcmpl-*", StringComparison.Ordinal), back);
    }

    [Theory]
    [InlineData(true, """[{"type":"reasoning.encrypted","id":"rs_1","data":"gAAAA1","format":"openai-responses-v1","summary":"Thinking."},{"type":"reasoning.encrypted","id":"rs_3","data":"gAAAA3","format":"openai-responses-v1"}]""")]
    [InlineData(false, null)]
    public void EncryptedReasoning_BecomesReasoningDetailsInOutputOrder_OnlyForAClientOfAnotherProtocol(bool reasoningDetails, string? details)
    {
        var chat = ResponsesAnswerToChat.Convert(Golden.Parse("""
            {"id":"resp_r","created_at":1,"status":"completed","output":[
              {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Thinking."}],"encrypted_content":"gAAAA1"},
              {"id":"rs_2","type":"reasoning","summary":[{"type":"summary_text","text":"Plain."}]},
              {"id":"rs_3","type":"reasoning","summary":[],"encrypted_content":"gAAAA3"},
              {"id":"fc_1","type":"function_call","call_id":"call_1","name":"a","arguments":"{}"}]}
            """), "m", null, reasoningDetails, Time);

        var message = chat["choices"]![0]!["message"]!;
        Assert.Equal("Thinking.\n\nPlain.", message["reasoning_content"]!.GetValue<string>());
        Golden.AssertEqual(details ?? "null", message["reasoning_details"]);
    }

    [Theory]
    [InlineData("\"\\n\\n\"", "Line one", "stop")]
    [InlineData("[\"two\",\"one\"]", "Line ", "stop")]
    [InlineData("\"absent\"", "Line one\n\nLine two", "length")]
    public void ClientStopSequence_CutsTheAnswerText(string stop, string content, string finishReason)
    {
        var chat = ResponsesAnswerToChat.Convert(Golden.Parse("""
            {"id":"resp_t","created_at":1,"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Line one\n\nLine two"}]}]}
            """), "m", StopSequences.From(System.Text.Json.Nodes.JsonNode.Parse(stop)), reasoningDetails: false, Time);

        Assert.Equal(content, chat["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(finishReason, chat["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }
}
