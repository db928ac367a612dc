namespace Gateway.Tests.Protocols.Messages;

/// <summary>SPEC 5.5: complete (non-stream) answers both ways, field by field.</summary>
public sealed class MessagesAnswerConversionTests
{
    private const string ChatAnswer = """
        {"id":"chatcmpl-abc","object":"chat.completion","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"finish_reason":"tool_calls",
          "message":{"role":"assistant","content":"Checking both.","reasoning_content":"Two cities.","tool_calls":[
            {"id":"call_p","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},
            {"id":"call_r","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Rome\"}"}}]}}],
         "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":10},"completion_tokens_details":{"reasoning_tokens":4}}}
        """;

    private const string MessagesAnswer = """
        {"id":"msg_abc","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_reason":"tool_use","stop_sequence":null,
         "content":[
           {"type":"thinking","thinking":"Two cities.","signature":"sig"},
           {"type":"redacted_thinking","data":"opaque"},
           {"type":"text","text":"Checking "},
           {"type":"text","text":"both."},
           {"type":"tool_use","id":"toolu_p","name":"weather","input":{"city":"Paris"}},
           {"type":"tool_use","id":"toolu_r","name":"weather","input":{"city":"Rome"}}],
         "usage":{"input_tokens":20,"output_tokens":12,"cache_creation_input_tokens":5,"cache_read_input_tokens":10}}
        """;

    [Fact]
    public void ChatAnswer_BecomesAMessageWithThinkingTextAndParallelToolUse()
    {
        var message = ChatAnswerToMessages.Convert(Golden.Parse(ChatAnswer), "claude-client", stop: null, reasoningDetails: false);

        Golden.AssertEqual("""
            {"id":"msg_abc","type":"message","role":"assistant","model":"claude-client",
             "content":[
               {"type":"thinking","thinking":"Two cities.","signature":""},
               {"type":"text","text":"Checking both."},
               {"type":"tool_use","id":"call_p","name":"weather","input":{"city":"Paris"}},
               {"type":"tool_use","id":"call_r","name":"weather","input":{"city":"Rome"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":20,"output_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":10,"output_tokens_details":{"thinking_tokens":4}}}
            """, message);
    }

    [Theory]
    [InlineData("stop", false, "end_turn")]
    [InlineData("length", false, "max_tokens")]
    [InlineData("content_filter", false, "refusal")]
    [InlineData("tool_calls", true, "tool_use")]
    [InlineData("stop", true, "tool_use")]
    [InlineData(null, false, "end_turn")]
    public void FinishReason_BecomesStopReason(string? finish, bool toolCalls, string expected) =>
        Assert.Equal(expected, StopReasons.ToMessages(finish, toolCalls));

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public void StopReason_BecomesFinishReason(string stopReason, string expected) =>
        Assert.Equal(expected, StopReasons.ToChat(stopReason));

    [Fact]
    public void ChatAnswerCutByTheGateway_NamesTheStopSequenceThatMatched()
    {
        var chat = Golden.Parse("""{"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"one END two"}}]}""");

        var message = ChatAnswerToMessages.Convert(chat, "m", StopSequences.From(Golden.Parse("""{"s":["END","two"]}""")["s"]), reasoningDetails: false);

        Assert.Equal("one ", message["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(("stop_sequence", "END"), (message["stop_reason"]!.GetValue<string>(), message["stop_sequence"]!.GetValue<string>()));
    }

    [Fact]
    public void MessagesAnswer_BecomesAChatCompletion_DroppingSignaturesAndRedactedThinking()
    {
        var chat = MessagesAnswerToChat.Convert(Golden.Parse(MessagesAnswer), "gpt-client", CustomTools.None, reasoningDetails: false, new FakeTimeProvider(TestClock.Start));

        Golden.AssertEqual("""
            {"id":"chatcmpl-abc","object":"chat.completion","model":"gpt-client","choices":[{"index":0,
              "message":{"role":"assistant","content":"Checking both.","reasoning_content":"Two cities.","tool_calls":[
                {"id":"toolu_p","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"toolu_r","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Rome\"}"}}],"refusal":null},
              "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":35,"completion_tokens":12,"total_tokens":47,"prompt_tokens_details":{"cached_tokens":10},"completion_tokens_details":{"reasoning_tokens":0}}}
            """, Without(chat, "created"));
    }

    [Fact]
    public void MessagesAnswer_ForAResponsesClient_GoesByWayOfChat()
    {
        var converter = Conversions.Create(ApiProtocol.Responses, ApiProtocol.Messages, "gpt-client");
        converter.ConvertRequest(Golden.Parse("""{"model":"gpt-client","input":"Weather?","instructions":"Be terse."}"""));

        var response = converter.ConvertResponse(Golden.Parse(MessagesAnswer));

        Assert.Equal(
            ["reasoning", "reasoning", "message", "function_call", "function_call"],
            response["output"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()));
        Assert.Equal("Be terse.", response["instructions"]!.GetValue<string>());
        Assert.Equal(converter.ClientResponseId, response["id"]!.GetValue<string>());
        Golden.AssertEqual(
            """{"input_tokens":35,"input_tokens_details":{"cached_tokens":10},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":47}""",
            response["usage"]);
    }

    [Fact]
    public void ChatAnswer_ForAMessagesClientOfAResponsesUpstream_GoesByWayOfChat()
    {
        var converter = Conversions.Create(ApiProtocol.Messages, ApiProtocol.Responses, "claude-client");
        var request = converter.ConvertRequest(Golden.Parse("""
            {"model":"claude-client","max_tokens":500,"system":"Be terse.","stop_sequences":["STOP"],"thinking":{"type":"enabled","budget_tokens":2000},
             "messages":[{"role":"user","content":"Weather?"}]}
            """));
        var message = converter.ConvertResponse(Golden.Parse("""
            {"id":"resp_9","object":"response","created_at":1,"status":"completed","model":"gpt-5","output":[
              {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Think."}]},
              {"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Sunny. STOP more","annotations":[]}]}],
             "usage":{"input_tokens":9,"input_tokens_details":{"cached_tokens":0},"output_tokens":3,"output_tokens_details":{"reasoning_tokens":1},"total_tokens":12}}
            """));

        Golden.AssertEqual("""
            {"model":"claude-client","instructions":"Be terse.","input":[{"type":"message","role":"user","content":"Weather?"}],
             "max_output_tokens":500,"reasoning":{"effort":"low","summary":"auto"},"store":false,"include":["reasoning.encrypted_content"]}
            """, request);
        Golden.AssertEqual("""
            {"id":"msg_9","type":"message","role":"assistant","model":"claude-client",
             "content":[{"type":"thinking","thinking":"Think.","signature":""},{"type":"text","text":"Sunny. "}],
             "stop_reason":"stop_sequence","stop_sequence":"STOP",
             "usage":{"input_tokens":9,"output_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens_details":{"thinking_tokens":1}}}
            """, message);
    }

    [Fact]
    public void EncryptedReasoningOfAResponsesUpstream_IsOneSignedThinkingBlockAnItem_WhoseSignatureBringsTheItemBackNextTurn()
    {
        const string ask = """{"role":"user","content":"Weather in Paris?"}""";
        var converter = Conversions.Create(ApiProtocol.Messages, ApiProtocol.Responses, "claude-client");
        var thinking = $$"""{"model":"claude-client","max_tokens":500,"thinking":{"type":"enabled","budget_tokens":2000},"messages":[{{ask}}]}""";
        converter.ConvertRequest(Golden.Parse(thinking));
        var message = converter.ConvertResponse(Golden.Parse("""
            {"id":"resp_9","object":"response","created_at":1,"status":"completed","model":"gpt-5","output":[
              {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Paris."}],"encrypted_content":"gAAAA1=="},
              {"id":"rs_2","type":"reasoning","summary":[],"encrypted_content":"gAAAA2=="},
              {"id":"fc_1","type":"function_call","status":"completed","call_id":"call_p","name":"weather","arguments":"{\"city\":\"Paris\"}"}]}
            """));

        Golden.AssertEqual("""
            [
              {"type":"thinking","thinking":"Paris.","signature":"gateway:openai:rs_1:gAAAA1=="},
              {"type":"thinking","thinking":"","signature":"gateway:openai:rs_2:gAAAA2=="},
              {"type":"tool_use","id":"call_p","name":"weather","input":{"city":"Paris"}}
            ]
            """, message["content"]);

        var next = Golden.Parse(thinking);
        next["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = message["content"]!.DeepClone() });
        next["messages"]!.AsArray().Add(Golden.Parse("""{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_p","content":"18C"}]}"""));
        var request = Conversions.Create(ApiProtocol.Messages, ApiProtocol.Responses, "claude-client").ConvertRequest(next);

        Golden.AssertEqual("""["reasoning.encrypted_content"]""", request["include"]);
        Golden.AssertEqual("""
            [
              {"type":"message","role":"user","content":"Weather in Paris?"},
              {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Paris."}],"encrypted_content":"gAAAA1=="},
              {"id":"rs_2","type":"reasoning","summary":[],"encrypted_content":"gAAAA2=="},
              {"type":"function_call","call_id":"call_p","name":"weather","arguments":"{\"city\":\"Paris\"}"},
              {"type":"function_call_output","call_id":"call_p","output":"18C"}
            ]
            """, request["input"]);
    }

    [Fact]
    public void AChatUpstreamsOwnReasoningDetails_LeaveItsReasoningAnUnsignedThinkingBlock()
    {
        var chat = Golden.Parse("""
            {"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi","reasoning_content":"Greeting.",
              "reasoning_details":[{"type":"reasoning.encrypted","id":"rs_1","data":"enc","format":"openai-responses-v1"}]}}]}
            """);

        var message = ChatAnswerToMessages.Convert(chat, "m", stop: null, reasoningDetails: false);

        Golden.AssertEqual("""{"type":"thinking","thinking":"Greeting.","signature":""}""", message["content"]![0]);
    }

    private static JsonObject Without(JsonObject json, string key)
    {
        json.Remove(key);
        return json;
    }
}
