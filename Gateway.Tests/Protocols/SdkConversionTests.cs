#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.

namespace Gateway.Tests.Protocols;

/// <summary>The official OpenAI .NET SDK parses every converted answer: Chat client ↔ Responses upstream and back.</summary>
public sealed class SdkConversionTests
{
    private static IProtocolConverterFactory Factory => Conversions.Factory;

    [Fact]
    public async Task ChatClient_ToolCallRoundTrip_AgainstAResponsesUpstream()
    {
        var handler = new ConvertingHandler(Factory, request => request["input"]!.AsArray().Count == 1
            ? ScriptedAnswer.Body("""
                {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"gpt-4o","output":[
                  {"id":"fc_1","type":"function_call","status":"completed","call_id":"call_p","name":"weather","arguments":"{\"city\":\"Paris\"}"},
                  {"id":"fc_2","type":"function_call","status":"completed","call_id":"call_r","name":"weather","arguments":"{\"city\":\"Rome\"}"}],
                 "usage":{"input_tokens":30,"input_tokens_details":{"cached_tokens":10},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":42}}
                """)
            : ScriptedAnswer.Body("""
                {"id":"resp_2","object":"response","created_at":1700000001,"status":"completed","model":"gpt-4o","output":[
                  {"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Paris 18C, Rome 24C.","annotations":[]}]}],
                 "usage":{"input_tokens":50,"output_tokens":8,"total_tokens":58}}
                """));
        var (first, second) = await OpenAiSdkScenarios.ChatWeatherRoundTripAsync(ChatClient(handler));

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(["call_p", "call_r"], first.ToolCalls.Select(c => c.Id));
        Assert.Equal("""{"city":"Rome"}""", first.ToolCalls[1].FunctionArguments.ToString());
        Assert.Equal((30, 10, 12, 4), (first.Usage.InputTokenCount, first.Usage.InputTokenDetails.CachedTokenCount, first.Usage.OutputTokenCount, first.Usage.OutputTokenDetails.ReasoningTokenCount));
        Assert.Equal("Be terse.", handler.UpstreamRequests[0]["instructions"]!.GetValue<string>());
        Assert.Equal("weather", handler.UpstreamRequests[0]["tools"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Paris 18C, Rome 24C.", second.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Golden.AssertEqual(WeatherTurns.ResponsesInputAfterCalls("18C", "24C"), handler.UpstreamRequests[1]["input"]);
    }

    [Fact]
    public async Task ChatClient_Streaming_AgainstAResponsesUpstream()
    {
        var handler = new ConvertingHandler(Factory, _ => ScriptedAnswer.Stream(
            """{"type":"response.created","sequence_number":0,"response":{"id":"resp_s","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-4o","output":[]}}""",
            """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}""",
            """{"type":"response.content_part.added","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}""",
            """{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Let me ","logprobs":[]}""",
            """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"check.","logprobs":[]}""",
            """{"type":"response.output_item.done","sequence_number":5,"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Let me check.","annotations":[]}]}}""",
            """{"type":"response.output_item.added","sequence_number":6,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"in_progress","call_id":"call_p","name":"weather","arguments":""}}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":7,"item_id":"fc_1","output_index":1,"delta":"{\"city\":"}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":8,"item_id":"fc_1","output_index":1,"delta":"\"Paris\"}"}""",
            """{"type":"response.output_item.added","sequence_number":9,"output_index":2,"item":{"id":"fc_2","type":"function_call","status":"in_progress","call_id":"call_r","name":"weather","arguments":""}}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":10,"item_id":"fc_2","output_index":2,"delta":"{\"city\":\"Rome\"}"}""",
            """{"type":"response.completed","sequence_number":11,"response":{"id":"resp_s","object":"response","created_at":1700000000,"status":"completed","model":"gpt-4o","output":[],"usage":{"input_tokens":20,"input_tokens_details":{"cached_tokens":5},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":29}}}"""));
        var read = await OpenAiSdkScenarios.ChatWeatherStreamAsync(ChatClient(handler));

        Assert.Equal(ChatMessageRole.Assistant, read.Role);
        Assert.Equal("Let me check.", read.Text);
        Assert.Equal(("call_p", "weather", """{"city":"Paris"}"""), read.Calls[0]);
        Assert.Equal(("call_r", "weather", """{"city":"Rome"}"""), read.Calls[1]);
        Assert.Equal(ChatFinishReason.ToolCalls, read.Finish);
        Assert.Equal((20, 5, 9), (read.Usage!.InputTokenCount, read.Usage.InputTokenDetails.CachedTokenCount, read.Usage.OutputTokenCount));
        Assert.True(handler.UpstreamRequests[0]["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResponsesClient_ToolCallRoundTrip_AgainstAChatUpstream()
    {
        var handler = new ConvertingHandler(Factory, request => request["messages"]!.AsArray().Count <= 2
            ? ScriptedAnswer.Body("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                  "tool_calls":[{"id":"call_p","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]}}],
                 "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":10}}}
                """)
            : ScriptedAnswer.Body("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1700000001,"model":"deepseek-chat","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Paris: 18C."}}],
                 "usage":{"prompt_tokens":50,"completion_tokens":8,"total_tokens":58}}
                """));
        var (first, call, second) = await OpenAiSdkScenarios.ResponsesWeatherRoundTripAsync(ResponsesClient(handler));

        Assert.Equal(("call_p", "weather", """{"city":"Paris"}"""), (call.CallId, call.FunctionName, call.FunctionArguments.ToString()));
        Assert.Equal(ResponseStatus.Completed, first.Status);
        Assert.Equal("gpt-4o", first.Model);
        Assert.Equal((30, 10, 12), (first.Usage.InputTokenCount, first.Usage.InputTokenDetails.CachedTokenCount, first.Usage.OutputTokenCount));
        Assert.Equal("system", handler.UpstreamRequests[0]["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("weather", handler.UpstreamRequests[0]["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("Paris: 18C.", second.GetOutputText());
        Golden.AssertEqual("""
            [
              {"role":"system","content":"Be terse."},
              {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_p","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_p","content":"18C"}
            ]
            """, handler.UpstreamRequests[1]["messages"]);
    }

    [Fact]
    public async Task ResponsesClient_Streaming_AgainstAChatUpstream()
    {
        static string Chunk(string delta, string finish = "null") =>
            $$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{finish}}}]}""";
        var handler = new ConvertingHandler(Factory, _ => ScriptedAnswer.Stream(
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"content":"Looking"}"""),
            Chunk("""{"content":" it up."}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_p","type":"function","function":{"name":"weather","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]}"""),
            Chunk("{}", "\"tool_calls\""),
            """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":5}}}""",
            "[DONE]"));
        var options = new CreateResponseOptions("my-model", [ResponseItem.CreateUserMessageItem("Weather?")]) { StreamingEnabled = true };

        var read = await SdkStreams.ReadAsync(await ResponsesClient(handler).CreateResponseStreamingAsync(options));

        Assert.Equal(
        [
            "Created", "InProgress", "OutputItemAdded", "ContentPartAdded", "OutputTextDelta", "OutputTextDelta",
            "OutputTextDone", "ContentPartDone", "OutputItemDone", "OutputItemAdded", "FunctionCallArgumentsDelta",
            "FunctionCallArgumentsDone", "OutputItemDone", "Completed",
        ], read.Kinds);
        Assert.Equal(Enumerable.Range(0, read.Kinds.Count), read.Sequence);
        Assert.Equal("Looking it up.", read.Text);
        Assert.Equal("""{"city":"Paris"}""", read.Arguments);
        Assert.Equal("Looking it up.", read.Completed!.GetOutputText());
        Assert.Equal("call_p", Assert.IsType<FunctionCallResponseItem>(read.Completed.OutputItems[1]).CallId);
        Assert.Equal((20, 5, 29), (read.Completed.Usage.InputTokenCount, read.Completed.Usage.InputTokenDetails.CachedTokenCount, read.Completed.Usage.TotalTokenCount));
        Assert.True(handler.UpstreamRequests[0]["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    private static ResponsesClient ResponsesClient(ConvertingHandler handler) =>
        new(new ApiKeyCredential("k"), new ResponsesClientOptions { Endpoint = new Uri("http://gateway.test/v1"), Transport = Transport(handler) });

    private static ChatClient ChatClient(ConvertingHandler handler) =>
        new("gpt-4o", new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri("http://gateway.test/v1"), Transport = Transport(handler) });

    private static HttpClientPipelineTransport Transport(ConvertingHandler handler) => new(new HttpClient(handler));
}
