#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.

namespace Gateway.Tests.Protocols.Messages;

/// <summary>SPEC 5.5: the official OpenAI .NET SDK through the real gateway, served by an anthropic account.</summary>
public sealed class OpenAiSdkAnthropicUpstreamTests
{
    [Fact]
    public async Task ChatClient_ToolCallRoundTrip_ThroughAnAnthropicAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await AnthropicAccountAsync(gateway);
        upstream.On(
            AnthropicReplies.MessagesPath,
            AnthropicReplies.Message("tool_use", AnthropicReplies.Text("Checking."), AnthropicReplies.ToolUse("toolu_p", "weather", new { city = "Paris" }), AnthropicReplies.ToolUse("toolu_r", "weather", new { city = "Rome" })),
            AnthropicReplies.Message("end_turn", AnthropicReplies.Text("Paris 18C, Rome 24C.")));
        var (first, second) = await OpenAiSdkScenarios.ChatWeatherRoundTripAsync(gateway);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal("Checking.", first.Content[0].Text);
        Assert.Equal(["toolu_p", "toolu_r"], first.ToolCalls.Select(c => c.Id));
        Assert.Equal("""{"city":"Rome"}""", first.ToolCalls[1].FunctionArguments.ToString());
        Assert.Equal((35, 10, 12), (first.Usage.InputTokenCount, first.Usage.InputTokenDetails.CachedTokenCount, first.Usage.OutputTokenCount));
        Assert.Equal("Paris 18C, Rome 24C.", second.Content[0].Text);
        var followUp = JsonNode.Parse(upstream.RequestsTo(AnthropicReplies.MessagesPath)[1].Body)!;
        Assert.Equal("Be terse.", followUp["system"]!.GetValue<string>());
        Golden.AssertEqual("""
            [
              {"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
              {"role":"assistant","content":[
                {"type":"text","text":"Checking."},
                {"type":"tool_use","id":"toolu_p","name":"weather","input":{"city":"Paris"}},
                {"type":"tool_use","id":"toolu_r","name":"weather","input":{"city":"Rome"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_p","content":"18C"},
                {"type":"tool_result","tool_use_id":"toolu_r","content":"24C"}]}
            ]
            """, followUp["messages"]);
        Assert.Equal(32000, followUp["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatClient_StreamingToolUse_ThroughAnAnthropicAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await AnthropicAccountAsync(gateway);
        upstream.On(AnthropicReplies.MessagesPath, new UpstreamReply { Events = [.. MessagesStreamToChatTests.ToolStream.Select(Event)] });
        var read = await OpenAiSdkScenarios.ChatWeatherStreamAsync(gateway);

        Assert.Equal("Checking.", read.Text);
        Assert.Equal(
            [("toolu_p", "weather", """{"city":"Paris"}"""), ("toolu_r", "weather", """{"city":"Rome"}""")],
            read.Calls.OrderBy(c => c.Key).Select(c => c.Value));
        Assert.Equal(ChatFinishReason.ToolCalls, read.Finish);
        Assert.Equal((35, 10, 42), (read.Usage!.InputTokenCount, read.Usage.InputTokenDetails.CachedTokenCount, read.Usage.OutputTokenCount));
        Assert.True(JsonNode.Parse(upstream.RequestsTo(AnthropicReplies.MessagesPath)[0].Body)!["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResponsesClient_ToolCallRoundTrip_ThroughAnAnthropicAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await AnthropicAccountAsync(gateway);
        upstream.On(
            AnthropicReplies.MessagesPath,
            AnthropicReplies.Message("tool_use", AnthropicReplies.ToolUse("toolu_p", "weather", new { city = "Paris" })),
            AnthropicReplies.Message("end_turn", AnthropicReplies.Text("Paris: 18C.")));
        var (first, call, second) = await OpenAiSdkScenarios.ResponsesWeatherRoundTripAsync(gateway, maxOutputTokens: 500);

        Assert.Equal(("toolu_p", "weather", """{"city":"Paris"}"""), (call.CallId, call.FunctionName, call.FunctionArguments.ToString()));
        Assert.Equal((35, 10), (first.Usage.InputTokenCount, first.Usage.InputTokenDetails.CachedTokenCount));
        Assert.Equal("Paris: 18C.", second.GetOutputText());
        var sent = upstream.RequestsTo(AnthropicReplies.MessagesPath);
        Assert.Equal(500, JsonNode.Parse(sent[0].Body)!["max_tokens"]!.GetValue<int>());
        var followUp = JsonNode.Parse(sent[1].Body)!;
        Assert.Equal(["user", "assistant", "user"], followUp["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("tool_result", followUp["messages"]![2]!["content"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResponsesClient_Streaming_ThroughAnAnthropicAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await AnthropicAccountAsync(gateway);
        upstream.On(AnthropicReplies.MessagesPath, AnthropicReplies.TextStream("Hel", "lo"));
        var read = await OpenAiSdkScenarios.ResponsesStreamAsync(gateway);

        Assert.Equal(OpenAiSdkScenarios.TextStreamKinds, read.Kinds);
        Assert.Equal("Hello", read.Text);
        Assert.Equal("Hello", read.Completed!.GetOutputText());
        Assert.Equal((35, 10, 7), (read.Completed.Usage.InputTokenCount, read.Completed.Usage.InputTokenDetails.CachedTokenCount, read.Completed.Usage.OutputTokenCount));
    }

    private static async Task<ScriptedUpstream> AnthropicAccountAsync(EngineHarness gateway) =>
        (await gateway.AddAnthropicAccountAsync()).Upstream;

    private static SseStep Event(string json) => SseStep.Event(JsonNode.Parse(json)!["type"]!.GetValue<string>(), json);
}
