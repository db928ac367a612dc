#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.

namespace Gateway.Tests.Protocols;

/// <summary>The official OpenAI .NET SDK through the real gateway, against upstreams that only serve the other protocol.</summary>
public sealed class OpenAiSdkGatewayTests
{
    [Fact]
    public async Task ChatClient_ToolCallRoundTrip_ThroughAnUpstreamThatOnlyServesResponses()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, WeatherTurns.ResponsesCallsOnly(), UpstreamReply.ResponsesAnswer("Paris 18C, Rome 24C."));
        var (first, second) = await OpenAiSdkScenarios.ChatWeatherRoundTripAsync(gateway);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(["call_p", "call_r"], first.ToolCalls.Select(c => c.Id));
        Assert.Equal((30, 10, 4), (first.Usage.InputTokenCount, first.Usage.InputTokenDetails.CachedTokenCount, first.Usage.OutputTokenDetails.ReasoningTokenCount));
        Assert.Equal("Paris 18C, Rome 24C.", second.Content[0].Text);
        WeatherTurns.AssertFollowUpOnResponses(upstream, "18C", "24C");
    }

    [Fact]
    public async Task ChatClient_Streaming_ThroughAnUpstreamThatOnlyServesResponses()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, new UpstreamReply
        {
            Events =
            [
                Event("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_s","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-4o","output":[]}}"""),
                Event("""{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}"""),
                Event("""{"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Checking ","logprobs":[]}"""),
                Event("""{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"now.","logprobs":[]}"""),
                Event("""{"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"in_progress","call_id":"call_p","name":"weather","arguments":""}}"""),
                Event("""{"type":"response.function_call_arguments.delta","sequence_number":5,"item_id":"fc_1","output_index":1,"delta":"{\"city\":\"Paris\"}"}"""),
                Event("""{"type":"response.completed","sequence_number":6,"response":{"id":"resp_s","object":"response","created_at":1700000000,"status":"completed","model":"gpt-4o","output":[],"usage":{"input_tokens":20,"input_tokens_details":{"cached_tokens":5},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":29}}}"""),
            ],
        });
        var read = await OpenAiSdkScenarios.ChatWeatherStreamAsync(gateway);

        Assert.Equal("Checking now.", read.Text);
        Assert.Equal(("call_p", "weather", """{"city":"Paris"}"""), Assert.Single(read.Calls).Value);
        Assert.Equal(ChatFinishReason.ToolCalls, read.Finish);
        Assert.Equal((20, 5, 9), (read.Usage!.InputTokenCount, read.Usage.InputTokenDetails.CachedTokenCount, read.Usage.OutputTokenCount));
    }

    [Fact]
    public async Task ResponsesClient_ToolCallRoundTrip_ThroughAnUpstreamThatOnlyServesChat()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat);
        upstream.On(
            EngineHarness.ChatPath,
            UpstreamReply.Json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                  "tool_calls":[{"id":"call_p","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]}}],
                 "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":10}}}
                """),
            UpstreamReply.ChatCompletion("Paris: 18C."));
        var (first, call, second) = await OpenAiSdkScenarios.ResponsesWeatherRoundTripAsync(gateway);

        Assert.Equal(("call_p", "weather"), (call.CallId, call.FunctionName));
        Assert.Equal((30, 10), (first.Usage.InputTokenCount, first.Usage.InputTokenDetails.CachedTokenCount));
        Assert.Equal("Paris: 18C.", second.GetOutputText());
        Assert.Empty(upstream.RequestsTo(EngineHarness.ResponsesPath));
        var followUp = JsonNode.Parse(upstream.RequestsTo(EngineHarness.ChatPath)[1].Body)!;
        Assert.Equal(
            ["system", "user", "assistant", "tool"],
            followUp["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ResponsesClient_Streaming_ThroughAnUpstreamThatOnlyServesChat()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["Hel", "lo"], promptTokens: 11, completionTokens: 3));
        var read = await OpenAiSdkScenarios.ResponsesStreamAsync(gateway);

        Assert.Equal(OpenAiSdkScenarios.TextStreamKinds, read.Kinds);
        Assert.Equal("Hello", read.Text);
        Assert.Equal("Hello", read.Completed!.GetOutputText());
        Assert.Equal((11, 3), (read.Completed.Usage.InputTokenCount, read.Completed.Usage.OutputTokenCount));
        Assert.True(JsonNode.Parse(upstream.RequestsTo(EngineHarness.ChatPath)[0].Body)!["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    private static SseStep Event(string json) => SseStep.Event(JsonNode.Parse(json)!["type"]!.GetValue<string>(), json);
}
